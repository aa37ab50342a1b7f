import Foundation
import KikitoriTestSupport
import Testing

/// `respondents import` from the command line: the shipped register, a file, a bad file.
@Suite("kikitori respondents import", .serialized)
struct RegisterCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("r.sqlite").path
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try kikitori(
            arguments + ["--lang", "en", "--db", database], in: directory.url,
            environment: ["KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path])
    }

    @Test func registersLoadOnceAndBadFilesChangeNothing() throws {
        let first = try run(["respondents", "import", "--hokkaido-municipalities", "--kind", "municipality_head"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "Registered: Hokkaido: 179 new respondents, 0 already registered\n")
        #expect(try run(["respondents", "import", "--hokkaido-municipalities", "--kind", "municipality_head"]).stdout
            == "Registered: Hokkaido: 0 new respondents, 179 already registered\n")
        let listed = try run(["respondents", "list"])
        #expect(listed.stdout.contains("音威子府村") && listed.stdout.contains("宗谷総合振興局"))

        // The register's codes in the internal export.
        let exported = try run(["export", "respondents", "--audience", "internal", "--out", "-"])
        #expect(exported.stdout.contains(",音威子府村,014702,上川総合振興局,"))

        let bad = directory.url.appendingPathComponent("bad.csv").path
        try Data("kind,organisation\nprivate_firm,株式会社テスト\nfirm,別の会社\n".utf8).write(to: URL(fileURLWithPath: bad))
        let refused = try run(["respondents", "import", bad])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(bad):3: column 'kind' ('firm'): must be one of private_firm, municipality_head, municipal_staff, other"))
        #expect(refused.stderr.contains("nothing was imported"))
        #expect(!(try run(["respondents", "list"]).stdout.contains("株式会社テスト")))

        let good = directory.url.appendingPathComponent("good.csv").path
        try Data("kind,organisation\nprivate_firm,株式会社テスト\n".utf8).write(to: URL(fileURLWithPath: good))
        #expect(try run(["respondents", "import", good, "--dry-run"]).stdout.hasPrefix("Dry run (nothing written): \(good) (UTF-8): 1 new"))
        #expect(try run(["respondents", "import", good]).status == 0)
        #expect(try run(["respondents", "list"]).stdout.contains("株式会社テスト"))
        #expect(try run(["respondents", "import"]).status == 64)
    }
}
