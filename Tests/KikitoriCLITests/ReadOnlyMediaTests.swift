import Foundation
import KikitoriTestSupport
import Testing

/// Commands that only read write nothing: they work on a database on write-protected media (a
/// read-only mount here), leave a writable one byte for byte as it was, and say clearly when a
/// -wal file holds answers that only a writer could recover.
@Suite("Read-only media", .serialized)
struct ReadOnlyMediaTests {
    static let readCommands: [[String]] = [
        ["themes"], ["themes", "--cooccurrence"], ["quotes", "privacy"], ["answers", "barriers"], ["search", "費用"],
        ["report", "--out", "-"], ["export", "answers", "--out", "-"], ["export", "hearings", "--questionnaire", "digital-talent", "--out", "-"],
        ["tag", "--dry-run"], ["respondents", "list"], ["respondents", "duplicates"], ["conflicts"],
    ]

    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("source.sqlite").path
        #expect(try kikitori(["dev", "generate", "--hearings", "40", "--seed", "2", "--db", database]).status == 0)
        #expect(try kikitori(["tag", "--db", database]).status == 0)
    }

    func run(_ arguments: [String], db: String) throws -> CommandResult {
        try kikitori(arguments + ["--db", db, "--lang", "en", "--questionnaires", repositoryRoot.appendingPathComponent("questionnaires").path])
    }

    /// A read-only tmpfs holding `files`; nil where this machine cannot mount (not root, no privilege).
    func readOnlyMount(_ files: [String]) throws -> URL? {
        let mount = directory.url.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        guard try command(["/bin/mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mount.path]).status == 0 else { return nil }
        for file in files { try FileManager.default.copyItem(atPath: file, toPath: mount.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent).path) }
        guard try command(["/bin/mount", "-o", "remount,ro", mount.path]).status == 0 else {
            _ = try command(["/bin/umount", mount.path])
            return nil
        }
        return mount
    }

    /// Every read command works on write-protected media; a write is refused in one line.
    @Test func readCommandsOnReadOnlyMedia() throws {
        guard let mount = try readOnlyMount([database]) else {
            print("note: cannot mount a read-only tmpfs here; skipping")
            return
        }
        defer { _ = try? command(["/bin/umount", mount.path]) }
        let path = mount.appendingPathComponent("source.sqlite").path
        for arguments in Self.readCommands {
            let result = try run(arguments, db: path)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let write = try run(["tag"], db: path)
        #expect(write.status == 73)
        #expect(write.stderr == "kikitori: \(path): cannot write (read-only or no permission)\n")
    }

    /// Answers still in the -wal file on write-protected media: a clear message, not stale results.
    @Test func unrecoveredWALOnReadOnlyMedia() throws {
        let copy = directory.url.appendingPathComponent("wal.sqlite").path
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        // A writer that never checkpoints holds the database open while both files are copied.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1]); db.execute('PRAGMA wal_autocheckpoint=0')
            db.execute("INSERT INTO mask_term VALUES ((SELECT id FROM hearing LIMIT 1), 'zz', 't')"); db.commit()
            print('ready', flush=True); time.sleep(5)
            """, copy]
        let pipe = Pipe()
        writer.standardOutput = pipe
        try writer.run()
        _ = pipe.fileHandleForReading.availableData
        defer { writer.terminate() }
        guard let mount = try readOnlyMount([copy, copy + "-wal"]) else { return }
        defer { _ = try? command(["/bin/umount", mount.path]) }
        let result = try run(["themes"], db: mount.appendingPathComponent("wal.sqlite").path)
        #expect(result.status == 74)
        #expect(result.stderr.contains("on write-protected media with answers still in"))
    }

    /// A read command changes not a byte of a writable database (search used to rewrite the header).
    @Test func readCommandsWriteNothing() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        for arguments in Self.readCommands { _ = try run(arguments, db: database) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    /// A database from an older Kikitori opened read-only is read through a migrated private copy,
    /// which is gone afterwards; the file itself is not upgraded.
    @Test func olderSchemaReadThroughACopy() throws {
        let old = directory.url.appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(atPath: database, toPath: old)
        let drop = try command(["/usr/bin/env", "python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript("DROP TABLE consent_event; DROP TABLE mask_term; DELETE FROM grdb_migrations WHERE identifier = '2026-12-02 privacy';")
            db.commit()
            """, old])
        #expect(drop.status == 0, "\(drop.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: old))
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kikitori-\(getuid())").path
        let copies = { Set((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []) }
        let earlier = copies()
        let result = try run(["export", "answers", "--out", "-"], db: old)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("hearing_id"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: old)) == before)
        #expect(copies().subtracting(earlier).isEmpty)
    }
}
