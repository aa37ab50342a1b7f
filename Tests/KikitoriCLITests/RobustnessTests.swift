import Foundation
import KikitoriTestSupport
import Testing

/// Failures found from outside in the second robustness round, each reproduced here.
@Suite("Robustness, round two", .serialized)
struct RobustnessTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("r.sqlite").path
        #expect(try kikitori(["dev", "generate", "--hearings", "30", "--seed", "6", "--db", database]).status == 0)
    }

    func path(_ name: String) -> String { directory.url.appendingPathComponent(name).path }

    /// A command that takes no database.
    func plain(_ arguments: [String], timeLimit: TimeInterval = 60) throws -> CommandResult {
        try kikitori(arguments + ["--lang", "en"], in: directory.url, timeLimit: timeLimit)
    }

    func run(_ arguments: [String], input: String? = nil, timeLimit: TimeInterval = 60) throws -> CommandResult {
        try kikitori(
            arguments + ["--db", database, "--lang", "en", "--questionnaires", repositoryRoot.appendingPathComponent("questionnaires").path],
            in: directory.url, input: input, timeLimit: timeLimit)
    }

    /// Standard output that cannot be written (a full disk, a closed stream, a broken pipe with
    /// SIGPIPE ignored): one line and exit 74, never a crash or a silent exit 0.
    @Test(arguments: [["export", "answers", "--out", "-"], ["report", "--out", "-"], ["themes"], ["search", "費用", "--audience", "internal"]])
    func standardOutputFailures(arguments: [String]) throws {
        let line = ([kikitoriBinary.path] + arguments + ["--db", database, "--lang", "en"]).map { "'\($0)'" }.joined(separator: " ")
        for redirect in ["> /dev/full", ">&-"] {
            let result = try command(["/bin/sh", "-c", "\(line) \(redirect)"], in: repositoryRoot)
            #expect(result.status == 74, "\(arguments) \(redirect): \(result.stderr)")
            #expect(result.stderr.hasPrefix("kikitori: cannot write to standard output: "), "\(result.stderr)")
        }
        let piped = try command(["/bin/bash", "-c", "trap '' PIPE; \(line) | head -c 1 > /dev/null; exit ${PIPESTATUS[0]}"], in: repositoryRoot)
        #expect(piped.status == 74 || piped.status == 0, "\(piped.stderr)")
        #expect(!piped.stderr.contains("Fatal error"))
    }

    /// A FIFO with no writer or an endless device is refused at once, never read forever.
    @Test func specialFilesAreRefused() throws {
        let fifo = path("fifo.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let imported = try run(["import", fifo, "--questionnaire", "digital-talent"], timeLimit: 10)
        #expect(!imported.timedOut)
        #expect(imported.status == 66 && imported.stderr == "kikitori: \(fifo): not a regular file (FIFOs, devices and folders are not read)\n")
        let eval = try plain(["tag", "eval", "/dev/zero", "--questionnaires", repositoryRoot.appendingPathComponent("questionnaires").path], timeLimit: 10)
        #expect(!eval.timedOut && eval.status == 66)
        #expect(eval.stderr == "kikitori: /dev/zero: not a regular file (FIFOs, devices and folders are not read)\n")
        let lint = try plain(["questionnaire", "lint", fifo], timeLimit: 10)
        #expect(!lint.timedOut && lint.status == 65)
        #expect(lint.stderr.hasPrefix("\(fifo):1:1: not a regular file"))
    }

    /// A million unknown columns: fifty listed, the rest counted, in seconds.
    @Test func manyUnknownColumns() throws {
        let csv = path("wide.csv")
        let header = (["respondent_kind", "respondent", "consent"] + (0..<1_000_000).map { "c\($0)" }).joined(separator: ",")
        try Data((header + "\n").utf8).write(to: URL(fileURLWithPath: csv))
        let start = Date()
        let result = try run(["import", csv, "--questionnaire", "digital-talent"])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 52)
        #expect(lines[50] == "kikitori: \(csv): 999950 more problems like these")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    /// A NUL in a cell and a cell longer than any answer are located errors; nothing is written.
    @Test func controlCharactersAndHugeCells() throws {
        let template = try run(["import", "--template", "--questionnaire", "digital-talent@1"]).stdout
        let header = template.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\u{FEFF}", with: "")
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func row(_ detail: String) -> String {
            columns.map { column in
                switch column {
                case "respondent_kind": return "municipal_staff"
                case "respondent": return "テスト町"
                case "consent": return "internal_only"
                case "status": return "paused"
                case "hiring_detail": return "\"\(detail)\""
                case "has_digital_staff": return "yes"
                case "organisation_type": return "municipality"
                case "shortage_level": return "4"
                default: return ""
                }
            }.joined(separator: ",")
        }
        let csv = path("cells.csv")
        let huge = String(repeating: "長", count: 100_001)
        try Data(([header, row("ab\u{0}cd"), row(huge)].joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: csv))
        let before = try run(["export", "answers", "--audience", "internal", "--out", "-"]).stdout
        let result = try run(["import", csv, "--questionnaire", "digital-talent@1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("cells.csv:2: column 'hiring_detail' (text, 5 characters): The answer contains a control character"))
        #expect(result.stderr.contains("cells.csv:3: column 'hiring_detail' (text, 100001 characters): The answer is too long (100001 characters; the limit is 100000)."))
        #expect(try run(["export", "answers", "--audience", "internal", "--out", "-"]).stdout == before)
    }

    /// A questionnaire saved by Windows Notepad (UTF-8 with a byte-order mark) loads.
    @Test func byteOrderMarkInYAML() throws {
        let folder = directory.url.appendingPathComponent("bom/digital-talent")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = try Data(contentsOf: repositoryRoot.appendingPathComponent("questionnaires/digital-talent/v1.yaml"))
        try (Data([0xEF, 0xBB, 0xBF]) + source).write(to: folder.appendingPathComponent("v1.yaml"))
        let result = try plain(["questionnaire", "lint", folder.appendingPathComponent("v1.yaml").path])
        #expect(result.status == 0, "\(result.stderr)")
        let codebook = path("codebook-bom.yaml")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(contentsOf: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml")))
            .write(to: URL(fileURLWithPath: codebook))
        #expect(try plain(["codebook", "lint", "--codebook", codebook]).status == 0)
    }

    /// A database others can read gets a warning naming the fix; --fix-permissions applies it.
    @Test func loosePermissions() throws {
        #expect(chmod(database, 0o644) == 0)
        let warned = try run(["themes"])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("warning: \(database) can be read by other users (mode 644)"))
        #expect(try run(["tag", "--fix-permissions"]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(!(try run(["themes"]).stderr.contains("warning")))
    }

    /// A full disk during a merge is said as such, naming the database; nothing changes.
    @Test func diskFullDuringMerge() throws {
        let mount = directory.url.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        guard try command(["/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.path]).status == 0 else {
            print("note: cannot mount a small tmpfs here; skipping")
            return
        }
        defer { _ = try? command(["/bin/umount", mount.path]) }
        let target = mount.appendingPathComponent("t.sqlite").path
        #expect(try kikitori(["dev", "generate", "--hearings", "1", "--seed", "1", "--db", target]).status == 0)
        let big = path("big.sqlite")
        #expect(try kikitori(["dev", "generate", "--hearings", "300", "--seed", "2", "--db", big]).status == 0)
        let before = try kikitori(["export", "answers", "--audience", "internal", "--db", target, "--out", "-"]).stdout
        let result = try kikitori(["merge", big, "--db", target, "--lang", "en"])
        #expect(result.status == 74)
        #expect(result.stderr == "kikitori: \(target): the disk is full; nothing was changed. Free some space and run it again\n")
        #expect(try kikitori(["export", "answers", "--audience", "internal", "--db", target, "--out", "-"]).stdout == before)
    }

    /// While `tag` re-tags everything, another process's answer waits a fraction of a second, not
    /// the whole run.
    @Test func writesPassDuringALongTagRun() throws {
        let large = path("large.sqlite")
        #expect(try kikitori(["dev", "generate", "--hearings", "2500", "--seed", "3", "--db", large]).status == 0)
        let tagger = Process()
        tagger.executableURL = kikitoriBinary
        tagger.arguments = ["tag", "--retag", "--db", large, "--questionnaires", repositoryRoot.appendingPathComponent("questionnaires").path]
        tagger.standardOutput = FileHandle.nullDevice
        tagger.standardError = FileHandle.nullDevice
        let id = try command(["/usr/bin/env", "python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT substr(id,1,8) FROM hearing LIMIT 1').fetchone()[0])", large])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try tagger.run()
        Thread.sleep(forTimeInterval: 0.5)
        var slowest = 0.0
        var writes = 0
        while tagger.isRunning && writes < 20 {
            let start = Date()
            let result = try kikitori(["hearing", "mask", id, "語\(writes)語", "--db", large, "--lang", "en"])
            #expect(result.status == 0, "\(result.stderr)")
            slowest = max(slowest, Date().timeIntervalSince(start))
            writes += 1
        }
        tagger.waitUntilExit()
        #expect(tagger.terminationStatus == 0)
        #expect(slowest < 3, "a write waited \(slowest) s")
        print("tag run: \(writes) writes in between, slowest \(String(format: "%.2f", slowest)) s")
    }

    /// An answer given while another program holds the write lock for longer than a second waits,
    /// says so, and is saved: nothing typed is lost.
    @Test func answerWaitsForALockAndSaysSo() throws {
        let answers = "\n3\nロック町\n\n\n\n\n2\n1\n:pause\n"
        let holder = try holdWriteLock(on: database, seconds: 3)
        let start = Date()
        let interview = try run(["interview", "digital-talent", "--interviewer", "sato", "--consent", "internal_only", "--place", "札幌"], input: answers)
        holder.waitUntilExit()
        #expect(interview.status == 0, "\(interview.stderr)")
        #expect(interview.stdout.contains("Waiting for another program writing to \(database)… (nothing typed is lost)"))
        #expect(Date().timeIntervalSince(start) >= 2)
        let hearing = String(try #require(interview.stdout.firstMatch(of: /Hearing ([0-9a-f]{8}) paused/)).1)
        let saved = try run(["export", "answers", "--audience", "internal", "--out", "-"]).stdout
        #expect(saved.components(separatedBy: "\r\n").filter { $0.hasPrefix(hearing) }.count == 2, "\(hearing)")
    }
}
