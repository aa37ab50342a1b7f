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
}
