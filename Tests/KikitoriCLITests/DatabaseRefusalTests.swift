import Foundation
import KikitoriTestSupport
import Testing

/// Bad databases are refused with one line and a meaningful exit code, and never changed.
@Suite("Database refusals")
struct DatabaseRefusalTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func refuse(_ path: String, status: Int32, message: String) throws {
        let before = try? Data(contentsOf: URL(fileURLWithPath: path))
        let result = try kikitori(["shell", "--db", path, "--lang", "en"], input: "hearings\nquit\n")
        #expect(result.status == status)
        #expect(result.stderr == "kikitori: \(path): \(message)\n")
        #expect(result.stdout == "")
        #expect((try? Data(contentsOf: URL(fileURLWithPath: path))) == before)
    }

    @Test func textFile() throws {
        let path = try directory.write("name,organisation\n山田,北のデータ\n", to: "notes.csv")
        try refuse(path, status: 65, message: "not a Kikitori database (the file was not changed)")
    }

    @Test func truncatedDatabase() throws {
        let good = directory.url.appendingPathComponent("good.sqlite").path
        _ = try kikitori(["shell", "--db", good], input: "quit\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: good))
        let path = directory.url.appendingPathComponent("truncated.sqlite").path
        try data.prefix(1000).write(to: URL(fileURLWithPath: path))
        let result = try kikitori(["shell", "--db", path, "--lang", "en"], input: "quit\n")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("kikitori: \(path): "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func otherApplication() throws {
        let path = directory.url.appendingPathComponent("other.sqlite").path
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", path]
        try sqlite.run()
        sqlite.waitUntilExit()
        try refuse(path, status: 65, message: "not a Kikitori database (the file was not changed)")
    }

    @Test func directoryInsteadOfFile() throws {
        let path = directory.url.path
        let result = try kikitori(["shell", "--db", path, "--lang", "en"], input: "quit\n")
        #expect(result.status == 73)
        #expect(result.stderr == "kikitori: \(path): is a directory, not a database file\n")
    }

    /// A new database file is created owner-only.
    @Test func newDatabaseIsPrivate() throws {
        let path = directory.url.appendingPathComponent("new.sqlite").path
        let result = try kikitori(["shell", "--db", path], input: "quit\n")
        #expect(result.status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    /// KIKITORI_DB chooses the database when --db is absent.
    @Test func environmentVariable() throws {
        let path = directory.url.appendingPathComponent("env.sqlite").path
        let result = try kikitori(["shell", "--lang", "en"], environment: ["KIKITORI_DB": path], input: "quit\n")
        #expect(result.stdout.contains("on \(path)."))
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
