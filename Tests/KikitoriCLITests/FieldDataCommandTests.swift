import Foundation
import KikitoriTestSupport
import Testing

/// Merge, import, conflicts and search as interviewers and the working group run them.
@Suite("kikitori merge, import, conflicts, search", .serialized)
struct FieldDataCommandTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func path(_ name: String) -> String {
        directory.url.appendingPathComponent(name).path
    }

    func run(_ arguments: [String], input: String? = nil) throws -> CommandResult {
        try kikitori(arguments + ["--lang", "en"], input: input)
    }

    func generate(_ name: String, seed: Int, hearings: Int = 12) throws -> String {
        #expect(try kikitori(["dev", "generate", "--hearings", String(hearings), "--seed", String(seed), "--db", path(name)]).status == 0)
        return path(name)
    }

    /// An export spanning a questionnaire's versions keeps every version's columns; importing it
    /// with `id@N` names the versions those columns belong to and the way to import it.
    @Test func importOfSeveralVersionsSaysHow() throws {
        let source = try generate("versions.sqlite", seed: 4, hearings: 200)
        let file = path("inventory.csv")
        #expect(try run(["export", "hearings", "--questionnaire", "data-inventory@2", "--audience", "internal", "--db", source, "--out", file]).status == 0)
        let pinned = try run(["import", file, "--questionnaire", "data-inventory@2", "--db", path("pinned.sqlite")])
        #expect(pinned.status == 65)
        #expect(pinned.stderr.contains("the unknown columns are questions of data-inventory@1; an export of several versions imports with --questionnaire data-inventory"))
        #expect(try run(["import", file, "--questionnaire", "data-inventory", "--db", path("all.sqlite")]).status == 0)
    }

    /// Two laptops continue one hearing with different staff counts; the merge lists the conflict,
    /// and resolving it from the command line settles it.
    @Test func conflictFromTwoLaptopsIsListedAndResolved() throws {
        let base = path("base.sqlite")
        let started = try run(
            ["interview", "digital-talent", "--db", base, "--interviewer", "sato", "--consent", "public_named"],
            input: "\n3\nテスト町\n\n\n\n\n\n2\n1\n:pause\n")
        #expect(started.status == 0)
        let hearing = try #require(started.stdout.firstMatch(of: /Hearing ([0-9a-f]{8}) paused/)).1
        try FileManager.default.copyItem(atPath: base, toPath: path("sato.sqlite"))
        try FileManager.default.copyItem(atPath: base, toPath: path("suzuki.sqlite"))
        #expect(try run(["resume", String(hearing), "--db", path("sato.sqlite")], input: "3\n:pause\n").status == 0)
        #expect(try run(["resume", String(hearing), "--db", path("suzuki.sqlite")], input: "5\n:pause\n").status == 0)

        let merged = try run(["merge", path("suzuki.sqlite"), "--db", path("sato.sqlite")])
        #expect(merged.status == 0)
        #expect(merged.stdout.contains("1 unresolved conflict: see kikitori conflicts."))
        let listed = try run(["conflicts", "--db", path("sato.sqlite")])
        #expect(listed.stdout.contains("\(hearing)  テスト町  digital_staff_count"))
        #expect(listed.stdout.contains("  1. 3  ["))
        #expect(listed.stdout.contains("  2. 5  ["))

        let bad = try run(["conflicts", "resolve", String(hearing), "digital_staff_count", "--value", "many", "--db", path("sato.sqlite")])
        #expect(bad.status == 65)
        #expect(bad.stderr == "kikitori: 'many' is not a whole number.\n")
        let resolved = try run(["conflicts", "resolve", String(hearing), "digital_staff_count", "--keep", "2", "--db", path("sato.sqlite")])
        #expect(resolved.status == 0)
        #expect(resolved.stdout == "\(hearing) digital_staff_count is now: 5\n")
        #expect(try run(["conflicts", "--db", path("sato.sqlite")]).stdout == "No unresolved conflicts.\n")
        let again = try run(["conflicts", "resolve", String(hearing), "digital_staff_count", "--keep", "1", "--db", path("sato.sqlite")])
        #expect(again.status == 66)
    }

    /// Merging twice adds nothing; a dry run writes nothing; a newer database is refused in one line.
    @Test func mergeCommand() throws {
        let a = try generate("a.sqlite", seed: 1), b = try generate("b.sqlite", seed: 2)
        let target = path("wg.sqlite")
        let dry = try run(["merge", a, b, "--dry-run", "--db", target])
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("Dry run (nothing written):"))
        #expect(try run(["search", "費用", "--db", target]).stdout.hasPrefix("No answers or notes contain"))
        #expect(try run(["merge", a, b, "--db", target]).status == 0)
        let twice = try run(["merge", a, "--db", target])
        #expect(twice.stdout.contains("Nothing new: everything was already here."))
        let itself = try run(["merge", target, "--db", target])
        #expect(itself.status == 64)
        #expect(itself.stderr == "kikitori: \(target): is the database being merged into\n")
        let missing = try run(["merge", path("nope.sqlite"), "--db", target])
        #expect(missing.status == 66)
        #expect(missing.stderr == "kikitori: \(path("nope.sqlite")): no such file\n")
    }

    /// Export → import through the commands; CP932 detected; a bad file changes nothing.
    @Test func importCommand() throws {
        let source = try generate("source.sqlite", seed: 3, hearings: 30)
        let csv = path("hearings.csv")
        let questionnaires = repositoryRoot.appendingPathComponent("questionnaires").path
        #expect(try run(["export", "hearings", "--questionnaire", "private-firm-data-use", "--audience", "internal", "--db", source,
            "--out", csv, "--questionnaires", questionnaires]).status == 0)
        let target = path("target.sqlite")
        let imported = try run(["import", csv, "--questionnaire", "private-firm-data-use", "--db", target])
        #expect(imported.status == 0)
        #expect(imported.stdout.hasPrefix("Imported: \(csv) (UTF-8 (BOM)): "))
        let back = path("back.csv")
        #expect(try run(["export", "hearings", "--questionnaire", "private-firm-data-use", "--audience", "internal", "--db", target,
            "--out", back]).status == 0)
        #expect(try String(contentsOfFile: back, encoding: .utf8) == String(contentsOfFile: csv, encoding: .utf8))

        // The same file again (sent twice by e-mail): every row skipped and listed, nothing added.
        let twice = try run(["import", csv, "--questionnaire", "private-firm-data-use", "--db", target])
        #expect(twice.status == 0)
        #expect(twice.stdout.contains(": 0 hearings, 0 answers"))
        #expect(twice.stderr.contains("\(csv):2: already imported on "))
        // A changed row that claims an existing hearing id is refused, never merged into it.
        var lines = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n")
        lines[1] = lines[1].replacingOccurrences(of: ",completed,", with: ",paused,")
        let changed = path("changed.csv")
        try lines.joined(separator: "\r\n").write(toFile: changed, atomically: true, encoding: .utf8)
        let claimed = try run(["import", changed, "--questionnaire", "private-firm-data-use", "--db", target])
        #expect(claimed.status == 65)
        #expect(claimed.stderr.contains(":2: column 'hearing_id' ("))
        #expect(claimed.stderr.hasSuffix("kikitori: \(changed): nothing was imported\n"))

        let cp932 = path("paper.csv")
        let paper = "respondent_kind,respondent,consent,status,organisation_type,has_digital_staff,shortage_level,learning_hours,training_wanted\r\n"
            + "private_firm,株式会社十勝ファーム,public_anonymous,completed,private_firm,いいえ,2,ほとんどない,seminar\r\n"
        try #require(paper.data(using: .shiftJIS)).write(to: URL(fileURLWithPath: cp932))
        let fromPaper = try run(["import", cp932, "--questionnaire", "digital-talent@1", "--db", target])
        #expect(fromPaper.status == 0)
        #expect(fromPaper.stdout.contains("(CP932): 1 hearings, 5 answers, 1 new respondents"))

        let broken = path("broken.csv")
        try Data((paper.replacingOccurrences(of: ",2,", with: ",7,")).utf8).write(to: URL(fileURLWithPath: broken))
        let before = try run(["export", "answers", "--audience", "internal", "--db", target, "--out", "-"]).stdout
        let refused = try run(["import", broken, "--questionnaire", "digital-talent@1", "--db", target])
        #expect(refused.status == 65)
        #expect(refused.stderr == """
            \(broken):2: column 'shortage_level' ('7'): '7' is out of range; type a whole number from 1 to 5.
            kikitori: \(broken): nothing was imported

            """)
        #expect(try run(["export", "answers", "--audience", "internal", "--db", target, "--out", "-"]).stdout == before)
    }

    /// Paper notes start from a template header; filled in, it imports. An export of a questionnaire
    /// with no hearings says so and points to the template.
    @Test func templateForPaperNotes() throws {
        let template = try run(["import", "--template", "--questionnaire", "digital-talent@1"])
        #expect(template.status == 0)
        #expect(template.stdout.hasPrefix("\u{FEFF}hearing_id,questionnaire_version,respondent_kind,respondent,"))
        #expect(template.stdout.contains(",hiring_difficulties__hiring_cost,"))
        #expect(!template.stdout.contains("_label"))
        let header = template.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let columns = header.dropFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var row = Array(repeating: "", count: columns.count)
        for (column, value) in [("respondent_kind", "municipal_staff"), ("respondent", "テスト町"), ("consent", "internal_only"),
                                ("status", "paused"), ("shortage_level", "4")] {
            row[try #require(columns.firstIndex(of: column))] = value
        }
        let paper = path("paper.csv")
        try Data((header + "\r\n" + row.joined(separator: ",") + "\r\n").utf8).write(to: URL(fileURLWithPath: paper))
        let database = path("paper.sqlite")
        // A read command creates no database where there is none.
        let none = try run(["export", "hearings", "--questionnaire", "digital-talent", "--db", database, "--out", "-"])
        #expect(none.status == 66 && none.stderr == "kikitori: \(database): no such file\n")
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(try run(["tag", "--db", database]).status == 0)
        let missing = try run(["export", "hearings", "--questionnaire", "digital-talent", "--audience", "internal", "--db", database, "--out", "-"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no hearings of questionnaire 'digital-talent'"))
        let imported = try run(["import", paper, "--questionnaire", "digital-talent@1", "--db", database])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 hearings, 1 answers"))
        #expect(try run(["import", "--db", database]).status == 64)
    }

    /// Search prints the snippet with the two-character word marked, and filters by kind.
    @Test func searchCommand() throws {
        let db = try generate("s.sqlite", seed: 4, hearings: 40)
        let found = try run(["search", "費用", "--db", db, "--limit", "3", "--audience", "internal"])
        #expect(found.status == 0)
        #expect(found.stdout.contains("【費用】"))
        #expect(found.stdout.firstMatch(of: /'費用': \d+ match/) != nil)
        let none = try run(["search", "存在しない言葉", "--db", db])
        #expect(none.stdout == "No answers or notes contain '存在しない言葉'.\n")
        let help = try run(["search", "--help"])
        #expect(help.stdout.contains("kikitori search 費用 負担"))
    }
}
