import Foundation
import GRDB
import Synchronization
import KikitoriTestSupport
import Testing

/// Two interviewers' processes answer different hearings in one database file while a third
/// process exports: writers wait for each other (busy timeout), readers never block, and no
/// "database is locked" reaches anyone.
@Suite("Concurrency", .serialized)
struct ConcurrencyTests {
    @Test func twoInterviewsAndAnExportShareOneFile() throws {
        let directory = try TemporaryDirectory()
        let questionnaires = directory.url.appendingPathComponent("questionnaires")
        try FileManager.default.createDirectory(at: questionnaires.appendingPathComponent("stress"), withIntermediateDirectories: true)
        try CrashHarnessTests.questionnaire.write(
            to: questionnaires.appendingPathComponent("stress/v1.yaml"), atomically: true, encoding: .utf8)
        let database = directory.url.appendingPathComponent("shared.sqlite").path
        #expect(try kikitori(["dev", "generate", "--hearings", "200", "--seed", "5", "--db", database]).status == 0)

        let answers = (1...50).map { "\($0)\n" }.joined() + "y\n"
        let respondents = try CrashHarnessTests.registerRespondents(["株式会社並行一", "株式会社並行二"], database: database)
        let group = DispatchGroup()
        let results = Mutex<[CommandResult]>([])
        for respondent in respondents {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let result = try? kikitori(
                    ["interview", "stress@1", "--respondent", respondent, "--db", database, "--interviewer", "tester", "--place", "札幌",
                     "--consent", "internal_only", "--questionnaires", questionnaires.path, "--lang", "en"],
                    input: answers)
                if let result { results.withLock { $0.append(result) } }
            }
        }
        var exports: [CommandResult] = []
        while group.wait(timeout: .now()) == .timedOut {
            exports.append(try kikitori(["export", "answers", "--audience", "internal", "--db", database, "--out", "-"]))
        }
        let interviews = results.withLock { $0 }
        #expect(interviews.count == 2)
        for result in interviews + exports {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.lowercased().contains("locked"))
        }
        #expect(exports.count >= 1)

        let queue = try DatabaseQueue(path: database)
        let saved = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT h.status, COUNT(c.question_id) FROM hearing h JOIN current_answer c ON c.hearing_id = h.id
                WHERE h.questionnaire = 'stress@1' AND h.status = 'completed' GROUP BY h.id
                """).map { "\($0[0] as String) \($0[1] as Int)" }
        }
        #expect(saved == ["completed 50", "completed 50"])
    }

    /// For a fixed time (`KIKITORI_CONCURRENCY_SECONDS`, 8 s in `make test`, longer in `make stress`):
    /// two interviewers complete hearing after hearing, a tagger re-tags everything, and exports,
    /// searches and theme counts run in a loop, all on one file. Every start succeeds, no one sees
    /// "locked", and every confirmed answer is there.
    @Test func interviewersTaggerAndReadersForAFixedTime() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["KIKITORI_CONCURRENCY_SECONDS"] ?? "") ?? 8
        let directory = try TemporaryDirectory()
        let questionnaires = directory.url.appendingPathComponent("questionnaires")
        try FileManager.default.createDirectory(at: questionnaires.appendingPathComponent("stress"), withIntermediateDirectories: true)
        try CrashHarnessTests.questionnaire.write(
            to: questionnaires.appendingPathComponent("stress/v1.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: questionnaires.appendingPathComponent("codebook.yaml"), withDestinationURL: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml"))
        let database = directory.url.appendingPathComponent("shared.sqlite").path
        #expect(try kikitori(["dev", "generate", "--hearings", "300", "--seed", "8", "--db", database]).status == 0)
        let respondents = try CrashHarnessTests.registerRespondents(["株式会社同時一", "株式会社同時二"], database: database)
        let answers = (1...50).map { "\($0)\n" }.joined() + "y\n"
        let deadline = Date().addingTimeInterval(seconds)
        let results = Mutex<[(String, CommandResult)]>([])
        let completed = Mutex(0)
        let group = DispatchGroup()
        let common = ["--db", database, "--questionnaires", questionnaires.path, "--lang", "en"]
        func loop(_ name: String, _ arguments: @escaping @Sendable () -> ([String], String?), onSuccess: @escaping @Sendable () -> Void = {}) {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                while Date() < deadline {
                    let (arguments, input) = arguments()
                    guard let result = try? kikitori(arguments + common, input: input, timeLimit: 60) else { continue }
                    if result.status == 0 { onSuccess() }
                    results.withLock { $0.append((name, result)) }
                }
            }
        }
        for respondent in respondents {
            loop("interview", {
                (["interview", "stress@1", "--respondent", respondent, "--interviewer", "tester", "--place", "札幌", "--consent", "internal_only"], answers)
            }, onSuccess: { completed.withLock { $0 += 1 } })
        }
        loop("tag", { (["tag", "--retag"], nil) })
        loop("readers", {
            let commands = [["export", "answers", "--audience", "internal", "--out", "-"], ["search", "費用", "--audience", "internal"], ["themes"]]
            return (commands[Int.random(in: 0..<commands.count)], nil)
        })
        group.wait()
        let all = results.withLock { $0 }
        #expect(Set(all.map(\.0)) == ["interview", "tag", "readers"])
        for (name, result) in all {
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(!result.stderr.lowercased().contains("locked"), "\(name): \(result.stderr)")
        }
        let queue = try DatabaseQueue(path: database)
        let saved = try queue.read { db in
            try Int.fetchAll(db, sql: """
                SELECT COUNT(c.question_id) FROM hearing h JOIN current_answer c ON c.hearing_id = h.id
                WHERE h.questionnaire = 'stress@1' AND h.status = 'completed' GROUP BY h.id
                """)
        }
        #expect(saved.count == completed.withLock { $0 })
        #expect(saved.allSatisfy { $0 == 50 })
        print("concurrency: \(all.count) runs in \(Int(seconds)) s, \(saved.count) hearings completed")
    }
}
