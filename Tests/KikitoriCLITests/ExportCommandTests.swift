import Foundation
import KikitoriTestSupport
import Testing

/// The CSV appendices as Excel users and the report's readers get them.
@Suite("kikitori export", .serialized)
struct ExportCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("export.sqlite").path
        #expect(try kikitori(["dev", "generate", "--hearings", "80", "--seed", "11", "--db", database]).status == 0)
        #expect(try kikitori(["tag", "--db", database]).status == 0)
    }

    func export(_ arguments: [String]) throws -> CommandResult {
        try kikitori(
            ["export"] + arguments + ["--db", database, "--lang", "en", "--questionnaires", repositoryRoot.appendingPathComponent("questionnaires").path],
            in: directory.url.appendingPathComponent("work"))
    }

    /// Reads a CSV back with Python's csv module, as the report's makers would; returns rows as JSON.
    func readWithPython(_ path: String, encoding: String = "utf-8-sig") throws -> [[String]] {
        let script = "import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding=sys.argv[2], newline='')))))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, encoding]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([[String]].self, from: data)
    }

    func setUpWork() throws {
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("work"), withIntermediateDirectories: true)
    }

    /// Every kind exports, and Python reads it back with the row count the manifest states.
    @Test(arguments: [
        ["answers"], ["hearings", "--questionnaire", "private-firm-data-use"], ["tags"], ["tag-matrix", "--unit", "hearing"],
        ["themes"], ["quotes"], ["codebook"], ["respondents", "--audience", "internal"],
    ])
    func everyKindReadsBack(arguments: [String]) throws {
        try setUpWork()
        let path = directory.url.appendingPathComponent("work/out-\(arguments[0]).csv").path
        let result = try export(arguments + ["--out", path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try readWithPython(path)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + ".manifest.json"))) as? [String: Any]
        #expect(rows.count - 1 == manifest?["rows"] as? Int)
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let digest = try kikitoriSHA256(path)
        #expect(manifest?["sha256"] as? String == digest)
    }

    /// Japanese survives the round trip; CP932 is readable as cp932 by Python.
    @Test func japaneseAndCP932() throws {
        try setUpWork()
        let path = directory.url.appendingPathComponent("work/codebook.csv").path
        #expect(try export(["codebook", "--encoding", "cp932", "--out", path]).status == 0)
        let rows = try readWithPython(path, encoding: "cp932")
        #expect(rows[1][1] == "個人情報・プライバシー")
    }

    /// No name of a respondent who did not agree to be named appears anywhere in a public export.
    @Test func publicExportsHideNames() throws {
        try setUpWork()
        let respondents = directory.url.appendingPathComponent("work/respondents.csv").path
        #expect(try export(["respondents", "--audience", "internal", "--out", respondents]).status == 0)
        let people = try readWithPython(respondents)
        let hearings = try kikitori(["shell", "--db", database, "--lang", "en"], input: "quit\n")
        _ = hearings
        for kind in [["answers"], ["quotes"], ["hearings", "--questionnaire", "municipality-head-open-data"], ["tags"]] {
            let path = directory.url.appendingPathComponent("work/public-\(kind[0]).csv").path
            #expect(try export(kind + ["--audience", "public", "--out", path]).status == 0)
            let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
            for person in people.dropFirst() {
                // Person names never appear; organisations only of respondents who always agreed to be named.
                #expect(!text.contains(person[3]), "\(kind[0]) leaks \(person[3])")
            }
            // Public outputs may be shared: readable by others, unlike the database and internal files.
            let publicMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            #expect(publicMode?.intValue == 0o644)
        }
        let mode = try FileManager.default.attributesOfItem(atPath: respondents)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    /// A failure midway (a character with no CP932 form) leaves no file at all, and says where.
    @Test func failureLeavesNoFile() throws {
        try setUpWork()
        let work = directory.url.appendingPathComponent("work")
        let path = work.appendingPathComponent("broken.csv").path
        // The phrase bank writes "～" (wave dash variants) and kanji only; force an emoji into the data.
        let emoji = try kikitori(
            ["shell", "--db", database, "--lang", "en"],
            input: "new digital-talent@1\n\n1\n😀商事\n\n\n\n\n\n\n\n1\n:pause\nquit\n")
        #expect(emoji.status == 0)
        let result = try export(["respondents", "--audience", "internal", "--encoding", "cp932", "--out", path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("kikitori: '😀' has no CP932 form (row "))
        #expect(result.stderr.contains("column organisation)"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains("broken") }.isEmpty)
        #expect(try export(["respondents", "--audience", "internal", "--encoding", "cp932", "--replace", "--out", path]).status == 0)
    }

    /// An existing file is kept unless --force; an unwritable folder is one clear line.
    @Test func existingAndUnwritable() throws {
        try setUpWork()
        let path = directory.url.appendingPathComponent("work/codebook.csv").path
        #expect(try export(["codebook", "--out", path]).status == 0)
        let again = try export(["codebook", "--out", path])
        #expect(again.status == 73)
        #expect(again.stderr == "kikitori: \(path) already exists; add --force to replace it\n")
        #expect(try export(["codebook", "--out", path, "--force"]).status == 0)
        let blocked = directory.url.appendingPathComponent("work/file").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
        let unwritable = try export(["codebook", "--out", blocked + "/codebook.csv"])
        #expect(unwritable.status == 73)
        #expect(unwritable.stderr.hasPrefix("kikitori: cannot write \(blocked)/codebook.csv: "))
    }

    /// The REFI-QDA codebook is XML with stable UUIDv5 guids.
    @Test func qdcCodebook() throws {
        try setUpWork()
        let first = try export(["codebook", "--format", "qdc", "--out", "-"])
        let second = try export(["codebook", "--format", "qdc", "--out", "-"])
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""))
        #expect(first.stdout.contains("name=\"Privacy and personal data\" isCodable=\"true\" color=\"#d62728\""))
    }
}

/// SHA-256 of a file via sha256sum, independent of Kikitori's own hashing.
func kikitoriSHA256(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}

/// LibreOffice, as a stand-in for Excel, opens the appendices with the right characters.
@Suite("Appendices in LibreOffice")
struct LibreOfficeTests {
    /// UTF-8 with BOM and CP932 both open with Japanese intact (converted back to UTF-8 and compared).
    @Test(arguments: [("utf-8-bom", "76"), ("cp932", "60")])
    func opensWithTheRightCharacters(encoding: String, libreOfficeCharset: String) throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("note: LibreOffice is not installed; skipping (apt-get install libreoffice-calc-nogui)")
            return
        }
        let directory = try TemporaryDirectory()
        let input = directory.url.appendingPathComponent("codebook.csv").path
        #expect(try kikitori(["export", "codebook", "--encoding", encoding, "--out", input]).status == 0)
        let output = directory.url.appendingPathComponent("converted")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "--headless", "-env:UserInstallation=file://\(directory.url.path)/profile",
            "--infilter=CSV:44,34,\(libreOfficeCharset),1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir", output.path, input,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOf: output.appendingPathComponent("codebook.csv"), encoding: .utf8)
        #expect(text.contains("privacy,個人情報・プライバシー,Privacy and personal data"))
        #expect(text.contains("データの所在・見つけやすさ"))
    }
}
