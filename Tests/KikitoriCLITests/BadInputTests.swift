import Foundation
import GRDB
import KikitoriTestSupport
import Testing

/// The damaged-input corpus (`BadInput/`, plus files too big or too binary to commit, made here):
/// each gets located one-line errors and the right exit code — never a crash, a hang, a stack trace
/// or a change to an existing database.
@Suite("Bad input corpus", .serialized)
struct BadInputTests {
    static let corpus = repositoryRoot.appendingPathComponent("Tests/KikitoriCLITests/BadInput")
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    static func files(_ folder: String) -> [String] {
        let path = corpus.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(folder)/\($0)" }
    }

    /// Whatever the input, the program ends in time, with the expected status, and every line on
    /// standard error is a message for a person: located, or `kikitori: …`, never a trace.
    func expectClean(_ result: CommandResult, status: Int32, located prefix: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.timedOut, "hung", sourceLocation: sourceLocation)
        #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(!lines.isEmpty, sourceLocation: sourceLocation)
        for line in lines {
            let fine = line.hasPrefix(prefix) || line.hasPrefix("kikitori: ") || line.contains(" checked: ")
            #expect(fine, "unexpected line: \(line)", sourceLocation: sourceLocation)
            for trace in ["Fatal error", "Stack dump", "backtrace", "Swift runtime failure", "Segmentation"] {
                #expect(!line.contains(trace), sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: files("questionnaires"))
    func questionnaire(file: String) throws {
        let result = try kikitori(["questionnaire", "lint", file, "--lang", "en"], in: Self.corpus, timeLimit: 30)
        expectClean(result, status: 65, located: file + ":")
    }

    @Test(arguments: files("codebooks"))
    func codebook(file: String) throws {
        let result = try kikitori(["codebook", "lint", "--codebook", file, "--lang", "en"], in: Self.corpus, timeLimit: 30)
        expectClean(result, status: 65, located: file + ":")
    }

    /// An import that fails leaves the database's answers exactly as they were.
    @Test(arguments: files("imports"))
    func csvImport(file: String) throws {
        let database = directory.url.appendingPathComponent("wg.sqlite").path
        #expect(try kikitori(["dev", "generate", "--hearings", "5", "--seed", "1", "--db", database]).status == 0)
        let before = try kikitori(["export", "answers", "--audience", "internal", "--db", database, "--out", "-"]).stdout
        let result = try kikitori(
            ["import", file, "--questionnaire", "digital-talent@1", "--db", database, "--lang", "en",
             "--questionnaires", repositoryRoot.appendingPathComponent("questionnaires").path],
            in: Self.corpus, timeLimit: 30)
        expectClean(result, status: 65, located: file + ":")
        #expect(try kikitori(["export", "answers", "--audience", "internal", "--db", database, "--out", "-"]).stdout == before)
    }

    /// A 50 MB questionnaire is refused at once, without being parsed.
    @Test func fiftyMegabyteQuestionnaire() throws {
        let path = directory.url.appendingPathComponent("huge.yaml").path
        var text = "id: huge\nversion: 1\ncomment: |\n"
        let line = "  " + String(repeating: "データ", count: 30) + "\n"
        text.reserveCapacity(50_000_000)
        while text.utf8.count < 50_000_000 { text += line }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let start = Date()
        let result = try kikitori(["questionnaire", "lint", path, "--lang", "en"], timeLimit: 30)
        expectClean(result, status: 65, located: path + ":")
        #expect(result.stderr.contains("too large"))
        #expect(Date().timeIntervalSince(start) < 10)
    }

    /// Damaged database files: refused with one line, and never changed — whether opened as the
    /// database or named as a merge source.
    enum Damage: String, CaseIterable {
        case truncated, randomBytes, headerOnly, otherApplication, newerSchema, corruptPages, directory, readOnly
    }

    func damaged(_ damage: Damage) throws -> String {
        let path = directory.url.appendingPathComponent("\(damage.rawValue).sqlite").path
        let good = directory.url.appendingPathComponent("good-\(damage.rawValue).sqlite").path
        if [.truncated, .newerSchema, .corruptPages, .readOnly].contains(damage) {
            #expect(try kikitori(["dev", "generate", "--hearings", "30", "--seed", "2", "--db", good]).status == 0)
        }
        switch damage {
        case .truncated:
            let data = try Data(contentsOf: URL(fileURLWithPath: good))
            try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: path))
        case .randomBytes:
            var generator = SystemRandomNumberGenerator()
            try Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
        case .headerOnly:
            try Data("SQLite format 3\0".utf8 + [UInt8](repeating: 0xAB, count: 200)).write(to: URL(fileURLWithPath: path))
        case .otherApplication:
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)") }
            try queue.close()
        case .newerSchema:
            try FileManager.default.copyItem(atPath: good, toPath: path)
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('2099-01-01 from the future')") }
            try queue.close()
        case .corruptPages:
            var data = try Data(contentsOf: URL(fileURLWithPath: good))
            for offset in stride(from: 4096 * 2, to: data.count, by: 4096) {
                data.replaceSubrange(offset..<min(offset + 64, data.count), with: [UInt8](repeating: 0xEE, count: min(64, data.count - offset)))
            }
            try data.write(to: URL(fileURLWithPath: path))
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .readOnly:
            try FileManager.default.copyItem(atPath: good, toPath: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        }
        return path
    }

    @Test(arguments: Damage.allCases)
    func database(damage: Damage) throws {
        // Root writes to read-only files anyway; the check means something only for a normal user.
        if damage == .readOnly && geteuid() == 0 { return }
        let path = try damaged(damage)
        let before = damage == .directory ? nil : try Data(contentsOf: URL(fileURLWithPath: path))
        let status: Int32 = damage == .directory || damage == .readOnly ? 73 : 65
        let opened = try kikitori(["respondents", "--db", path, "--lang", "en"], timeLimit: 30)
        expectClean(opened, status: status, located: path + ":")
        #expect(opened.stderr.split(separator: "\n").count == 1)
        if damage != .readOnly {
            let target = directory.url.appendingPathComponent("target.sqlite").path
            let merged = try kikitori(["merge", path, "--db", target, "--lang", "en"], timeLimit: 30)
            expectClean(merged, status: damage == .directory ? 73 : 65, located: path + ":")
        }
        if let before { #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before) }
    }

    /// The corpus is as large as promised: at least 40 damaged inputs in all.
    @Test func corpusSize() {
        let committed = ["questionnaires", "codebooks", "imports"].map { Self.files($0).count }.reduce(0, +)
        #expect(committed + 1 + Damage.allCases.count >= 40)
    }
}
