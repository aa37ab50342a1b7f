import Foundation
import GRDB
import Kikitori
import KikitoriTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Laptops run out of battery mid-answer. A scripted 50-question hearing on a pseudo-terminal is
/// killed with SIGKILL at random moments; afterwards every answer confirmed on screen is in the
/// database, the file passes `PRAGMA integrity_check`, and resuming asks the right next question.
///
/// `make test` runs 30 trials; `make stress` runs 500 (`KIKITORI_STRESS_TRIALS`).
@Suite("Crash harness", .serialized)
struct CrashHarnessTests {
    let directory: TemporaryDirectory
    let questionnaires: URL
    let database: String

    static var trials: Int { Int(ProcessInfo.processInfo.environment["KIKITORI_STRESS_TRIALS"] ?? "") ?? 30 }

    init() throws {
        directory = try TemporaryDirectory()
        questionnaires = directory.url.appendingPathComponent("questionnaires")
        try FileManager.default.createDirectory(at: questionnaires.appendingPathComponent("stress"), withIntermediateDirectories: true)
        try Self.questionnaire.write(to: questionnaires.appendingPathComponent("stress/v1.yaml"), atomically: true, encoding: .utf8)
        database = directory.url.appendingPathComponent("field.sqlite").path
    }

    /// Fifty integer questions, q01 … q50, each answered with its own number.
    static let questionnaire: String = {
        var text = """
            id: stress
            version: 1
            title: {ja: 耐久試験, en: Stress test}
            languages: [ja, en]
            audience: [private_firm]
            sections:
              - id: all
                title: {ja: 全問, en: All}
                questions:

            """
        for number in 1...50 {
            text += "      - {id: \(Self.id(number)), type: integer, label: {ja: 質問\(number), en: Question \(number)}}\n"
        }
        return text
    }()

    static func id(_ number: Int) -> String {
        number < 10 ? "q0\(number)" : "q\(number)"
    }

    func environment() -> [String: String] {
        [
            "HOME": directory.url.path, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
            "KIKITORI_QUESTIONNAIRES": questionnaires.path,
        ]
    }

    /// Private firms to hear again and again, registered through the library; their id prefixes.
    static func registerRespondents(_ firms: [String], database: String) throws -> [String] {
        let store = try HearingStore(path: database)
        defer { store.close() }
        return try firms.map { firm in
            let respondent = Respondent(kind: .privateFirm, organisation: firm)
            try store.addRespondent(respondent)
            return String(respondent.id.uuidString.lowercased().prefix(12))
        }
    }

    func respondent() throws -> String {
        try Self.registerRespondents(["株式会社耐久試験"], database: database)[0]
    }

    /// The hearing's answers as the database holds them, by question.
    func answers(_ hearing: String) throws -> [String: String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: database, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.question_id, e.value_code FROM current_answer c JOIN answer_event e ON e.id = c.event_id
                WHERE c.hearing_id LIKE ? || '%'
                """, arguments: [hearing])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as String) })
        }
    }

    func integrity() throws -> String? {
        let queue = try DatabaseQueue(path: database)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
    }

    @Test func killedAtRandomMomentsLosesNothingConfirmed() throws {
        let respondent = try respondent()
        // Seeded, and the seed printed: a failing run is replayed with KIKITORI_STRESS_SEED=<seed>.
        let seed = UInt64(ProcessInfo.processInfo.environment["KIKITORI_STRESS_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("crash harness: seed \(seed) (replay with KIKITORI_STRESS_SEED=\(seed))")
        var generator = SeededGenerator(seed: seed)
        var killedMidCommit = 0
        for trial in 1...Self.trials {
            let terminal = try PseudoTerminal(
                kikitoriBinary,
                arguments: ["interview", "stress@1", "--respondent", respondent, "--interviewer", "tester", "--place", "札幌",
                            "--consent", "internal_only", "--db", database, "--lang", "en"],
                directory: directory.url, environment: environment())
            let opening = try terminal.expect("[q01]")
            let hearing = String(try #require(opening.firstMatch(of: /Hearing ([0-9a-f]{8}) started/)).1)
            // Confirm some answers (each shown as saved by the next question appearing) ...
            let confirmed = Int.random(in: 0...49, using: &generator)
            for number in stride(from: 1, through: confirmed, by: 1) {
                terminal.send("\(number)\r")
                try terminal.expect("[\(Self.id(number + 1))]")
            }
            // ... then type one more and pull the plug somewhere between Enter and the commit's end.
            terminal.send("\(confirmed + 1)\r")
            usleep(UInt32.random(in: 0...3000, using: &generator))
            terminal.killHard()
            _ = terminal.waitForExit()

            let saved = try answers(hearing)
            let context = "trial \(trial): \(confirmed) confirmed, \(saved.count) saved"
            #expect(saved.count == confirmed || saved.count == confirmed + 1, "\(context)")
            for number in stride(from: 1, through: saved.count, by: 1) {
                #expect(saved[Self.id(number)] == String(number), "\(context)")
            }
            if saved.count == confirmed { killedMidCommit += 1 }
            #expect(try integrity() == "ok", "\(context)")

            let resumed = try kikitori(
                ["resume", hearing, "--db", database, "--lang", "en", "--questionnaires", questionnaires.path], input: ":pause\n")
            #expect(resumed.status == 0, "\(context)")
            if saved.count < 50 {
                #expect(resumed.stdout.contains("[\(Self.id(saved.count + 1))]"), "\(context): \(resumed.stdout.suffix(300))")
            }
        }
        // Both outcomes of the last answer should occur over many trials; report how often each did.
        print("crash harness: \(Self.trials) trials, last answer lost before commit in \(killedMidCommit)")
    }
}
