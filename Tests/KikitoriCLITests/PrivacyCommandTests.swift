import Foundation
import KikitoriTestSupport
import Testing

/// Consent changes, masked words, the privacy check and the file rules, from the command line.
@Suite("kikitori hearing, privacy, public and internal files", .serialized)
struct PrivacyCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("p.sqlite").path
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("work"), withIntermediateDirectories: true)
    }

    func run(_ arguments: [String], input: String? = nil) throws -> CommandResult {
        try kikitori(
            arguments + ["--lang", "en"], in: directory.url.appendingPathComponent("work"),
            environment: ["KIKITORI_DB": database, "KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path],
            input: input)
    }

    func path(_ name: String) -> String {
        directory.url.appendingPathComponent("work/" + name).path
    }

    /// A hearing with a named respondent whose answer names a colleague, then :mask and :consent in
    /// the hearing itself; returns its short id.
    func interview() throws -> String {
        let result = try run(
            ["interview", "digital-talent", "--interviewer", "sato", "--consent", "public_named"],
            input: "\n3\nオトイネップ町\n\n\n\n\n\n2\n1\n:mask 佐藤課長\n:consent public_anonymous 町長室からの依頼\n:pause\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("'佐藤課長' is now masked in every public output"))
        #expect(result.stdout.contains("now has consent 'public, without names' (was 'public, with names')"))
        return String(try #require(result.stdout.firstMatch(of: /Hearing ([0-9a-f]{8}) paused/)).1)
    }

    /// A consent given in the hearing and another by command are events that outputs follow at once.
    @Test func consentByShellAndCommand() throws {
        let hearing = try interview()
        let anonymous = try run(["export", "hearings", "--questionnaire", "digital-talent", "--out", "-"])
        #expect(anonymous.status == 0)
        #expect(!anonymous.stdout.contains("オトイネップ町") && anonymous.stdout.contains("Municipality A"))
        let withdrawn = try run(["hearing", "consent", hearing, "internal_only", "--reason", "電話で撤回の申し出"])
        #expect(withdrawn.status == 0)
        #expect(withdrawn.stdout == "Hearing \(hearing) now has consent 'internal only' (was 'public, without names'); every output from now on follows it.\n")
        let gone = try run(["export", "hearings", "--questionnaire", "digital-talent", "--out", "-"])
        #expect(!gone.stdout.contains(hearing))
        let noReason = try run(["hearing", "consent", hearing, "public_named", "--reason", " "])
        #expect(noReason.status == 64)
        let unknown = try run(["hearing", "consent", "ffffffff", "public_named", "--reason", "x"])
        #expect(unknown.status == 66)
    }

    /// `hearings` and `show` outside the shell: public unless asked, the audit trail in `show`,
    /// internal_only hearings not shown publicly, `hearing abandon` kept out of counts.
    @Test func hearingsAndShow() throws {
        let hearing = try interview()
        let listed = try run(["hearings", "--status", "中断"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(hearing) && listed.stdout.contains("Municipality A") && !listed.stdout.contains("オトイネップ"))
        #expect(try run(["hearings", "--audience", "internal"]).stdout.contains("オトイネップ町"))
        #expect(try run(["hearings", "--respondent", "オト"]).status == 64)
        #expect(try run(["hearings", "--status", "finished"]).status == 64)
        let shown = try run(["show", hearing])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Municipality A / municipal staff") && !shown.stdout.contains("オトイネップ"))
        #expect(shown.stdout.contains("Changes") && shown.stdout.contains("public, with names → public, without names (町長室からの依頼)"))
        #expect(try run(["show", hearing, "--audience", "internal"]).stdout.contains("オトイネップ町 / municipal staff"))
        _ = try run(["hearing", "consent", hearing, "internal_only", "--reason", "撤回"])
        let refused = try run(["show", hearing])
        #expect(refused.status == 65 && refused.stderr.contains("internal use only"))
        let abandoned = try run(["hearing", "abandon", hearing, "--reason", "先方の都合で中止"])
        #expect(abandoned.status == 0 && abandoned.stdout.contains("abandoned"))
        #expect(try run(["hearings", "--status", "abandoned", "--audience", "internal"]).stdout.contains(hearing))
    }

    /// Interviewers are staff, not respondents, but a council appendix does not name them either:
    /// public outputs number them in the order they first held a hearing, internal ones name them.
    @Test func interviewersNumberedInPublic() throws {
        #expect(try run(["dev", "generate", "--hearings", "150", "--seed", "2", "--db", database]).status == 0)
        let themes = try run(["themes", "--by", "interviewer"])
        #expect(themes.status == 0 && !themes.stdout.contains("interviewer1"))
        let shown = themes.stdout.matches(of: /Interviewer (\d+) \(n=/).map { "Interviewer " + $0.1 }
        #expect(shown.count >= 2)
        let compared = try run(["themes", "--by", "interviewer", "--compare", shown.prefix(2).joined(separator: ",")])
        #expect(compared.status == 0 && !compared.stdout.contains("interviewer1"))
        #expect(try run(["themes", "--by", "interviewer", "--compare", "interviewer1,interviewer2"]).status != 0)
        #expect(try run(["themes", "--by", "interviewer", "--audience", "internal"]).stdout.contains("interviewer1"))
        let exported = try run(["export", "hearings", "--questionnaire", "private-firm-data-use", "--out", "-"])
        #expect(exported.status == 0 && exported.stdout.contains(",Interviewer ") && !exported.stdout.contains("interviewer1"))
        let words = try run(["words", "--by", "interviewer"])
        #expect(words.status == 0 && !words.stdout.contains("interviewer1"))
    }

    /// A misspelt group or questionnaire is an error with what there is, not a table of zeros.
    @Test func misspeltGroupsAndQuestionnaires() throws {
        _ = try interview()
        let group = try run(["themes", "--by", "kind", "--compare", "municipal_staff,mayors", "--all-statuses", "--audience", "internal"])
        #expect(group.status == 64 && group.stderr.contains("no group 'mayors'; the groups are:") && group.stderr.contains("municipal_staff"))
        let questionnaire = try run(["themes", "--questionnaire", "digital-talnet"])
        #expect(questionnaire.status == 66 && questionnaire.stderr.contains("there are: digital-talent"))
    }

    /// `export workbook` opens in LibreOffice: converted back to CSV, headings are Japanese, the
    /// version is a number and times are dates; the public workbook names no one who was not named.
    @Test func workbookOpensInLibreOffice() throws {
        _ = try interview()
        let exported = try run(["export", "workbook", "--questionnaire", "digital-talent", "--out", path("book.xlsx")])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(FileManager.default.fileExists(atPath: path("book.xlsx.manifest.json")))
        let converted = try command(
            ["/usr/bin/soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", path("lo"), path("book.xlsx")],
            in: directory.url, environment: ["HOME": directory.url.path])
        #expect(converted.status == 0, "make test installs libreoffice-calc-nogui: \(converted.stderr)")
        let csv = try String(contentsOfFile: path("lo/book.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("\"ヒアリングID\",\"版\"") == true)
        #expect(lines.dropFirst().first?.split(separator: ",")[1] == "1")
        #expect(lines.dropFirst().first?.contains(/,20\d\d-\d\d-\d\d \d\d:\d\d:\d\d,/) == true)
        #expect(!csv.contains("オトイネップ"))
    }

    /// A piped script whose lines were refused fails with 65, after saving what was accepted.
    @Test func refusedScriptLinesFail() throws {
        let result = try run(["shell"], input: "frobnicate\nhearings\nquit\n")
        #expect(result.status == 65)
        #expect(result.stderr.contains("1 line was refused"))
        #expect(try run(["shell"], input: "hearings\nquit\n").status == 0)
    }

    /// Masked words, by command too, disappear from public files; a single character is refused.
    @Test func maskedWords() throws {
        let hearing = try interview()
        #expect(try run(["hearing", "mask", hearing, "090-1234-5678", "佐藤課長"]).stdout.contains("'佐藤課長' is already masked"))
        #expect(try run(["hearing", "mask", hearing, "課"]).status == 64)
    }

    /// The check lists where hidden names are, by respondent id and never by name; exit 1, else 0.
    @Test func privacyCheck() throws {
        _ = try interview()
        #expect(try run(["export", "hearings", "--questionnaire", "digital-talent", "--audience", "internal", "--out", path("in.csv")]).status == 0)
        #expect(try run(["export", "hearings", "--questionnaire", "digital-talent", "--out", path("out.csv")]).status == 0)
        let found = try run(["privacy", "check", path("in.csv")])
        #expect(found.status == 1)
        #expect(found.stdout.firstMatch(of: /in\.csv:2:\d+: organisation of a hidden respondent \([0-9a-f-]{36}\)/) != nil)
        #expect(!found.stdout.contains("オトイネップ"))
        // An edited copy saved from Excel as CP932 with the name typed back in half-width.
        let edited = Data([0x83, 0x49, 0x83, 0x67, 0x83, 0x43, 0x83, 0x6C, 0x83, 0x62, 0x83, 0x76, 0x92, 0xAC, 0x0D, 0x0A])  // オトイネップ町
        try edited.write(to: URL(fileURLWithPath: path("edited.csv")))
        #expect(try run(["privacy", "check", path("edited.csv")]).status == 1)
        let clean = try run(["privacy", "check", path("out.csv")])
        #expect(clean.status == 0)
        #expect(clean.stderr.contains("no hidden name or contact found"))
    }

    /// --force replaces regular files only; - is standard output.
    @Test func outputFileRules() throws {
        _ = try interview()
        let device = try run(["report", "--out", "/dev/null", "--force"])
        #expect(device.status == 73)
        #expect(device.stderr == "kikitori: /dev/null is not a regular file; it is never replaced (for standard output use --out -)\n")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: path("target.csv"))
        #expect(try run(["export", "codebook", "--out", path("link.csv"), "--force"]).status == 73)
        let stdout = try run(["report", "--format", "md", "--out", "-"])
        #expect(stdout.status == 0 && stdout.stdout.hasPrefix("# Summary of hearings"))
    }

    /// A temporary file a killed run left behind is removed by the next run; the folder is private.
    @Test func leftoversAreRemoved() throws {
        _ = try interview()
        let folder = path("exports/.kikitori-tmp")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A pid far above Linux's limit belongs to no process.
        FileManager.default.createFile(atPath: folder + "/answers.csv.99999999.tmp", contents: Data("half".utf8))
        #expect(try run(["export", "answers", "--out", path("exports/answers.csv")]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder + "/answers.csv.99999999.tmp"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    /// Internal files say so in their name, their mode, their manifest and on every printed page.
    @Test func internalFiles() throws {
        _ = try interview()
        let report = try run(["report", "--audience", "internal", "--all-statuses"])
        #expect(report.status == 0)
        let name = report.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(name.hasSuffix("-internal.html"))
        let html = try String(contentsOfFile: path(name), encoding: .utf8)
        #expect(html.contains("取扱注意") || html.contains("Internal — contains personal data"))
        #expect(html.contains("<thead><tr><td><div class=\"banner\">"))
        let mode = try FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let export = try run(["export", "answers", "--audience", "internal"])
        let file = export.stderr.components(separatedBy: " (").first ?? ""
        #expect(file.hasSuffix("-answers-internal.csv"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path(file + ".manifest.json")))) as? [String: Any]
        #expect((manifest?["filters"] as? [String: Any])?["audience"] as? String == "internal")
        let publicReport = try run(["report", "--all-statuses"])
        let publicName = publicReport.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!publicName.contains("internal"))
        #expect(!(try String(contentsOfFile: path(publicName), encoding: .utf8)).contains("オトイネップ"))
    }
}
