import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Every example in every `--help` and every `$ kikitori …` line of the README runs, as a user
/// would type it, in a folder that has what the examples name: a tagged database with a paused
/// hearing and two merge conflicts, field databases, a draft codebook and questionnaire.
///
/// The ids in the examples (3f2a9c, 9c1e22 …) stand for the hearing and respondents of this folder.
@Suite("Help and README examples", .serialized)
struct HelpExamplesTests {
    /// One command line from a help text or the README, and where it came from.
    struct Example: CustomTestStringConvertible, Sendable {
        var source: String
        var line: String
        var testDescription: String { "\(source): \(line)" }
    }

    /// Every example, read from the binary's own help (all subcommands) and from the README.
    static let examples: [Example] = {
        var examples: [Example] = []
        // Both tools' help, every subcommand: `kikitori` and the measuring tools of `make bench`.
        let bench = kikitoriBinary.deletingLastPathComponent().appendingPathComponent("kikitori-bench").path
        let dumps = [("kikitori", try? kikitori(["--experimental-dump-help"])), ("kikitori-bench", try? command([bench, "--experimental-dump-help"]))]
        for (tool, dump) in dumps {
            guard let dump, let object = try? JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any],
                let root = object["command"] as? [String: Any]
            else { continue }
            func walk(_ command: [String: Any], _ path: String) {
                for line in ((command["discussion"] as? String) ?? "").split(separator: "\n") {
                    let text = line.trimmingCharacters(in: .whitespaces)
                    guard text == tool || text.hasPrefix(tool + " ") else { continue }
                    // A trailing "(…)" explains the example; it is not part of the command.
                    let command = text.replacing(/\s{2,}\(.*\)$/, with: "")
                    examples.append(Example(source: path + " --help", line: command))
                }
                for sub in (command["subcommands"] as? [[String: Any]]) ?? [] {
                    walk(sub, path + " " + ((sub["commandName"] as? String) ?? ""))
                }
            }
            walk(root, tool)
        }
        let readme = (try? String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        for line in readme.split(separator: "\n") where line.hasPrefix("$ kikitori") {
            examples.append(Example(source: "README", line: String(line.dropFirst(2))))
        }
        var seen: Set<String> = []
        return examples.filter { seen.insert($0.line).inserted }
    }()

    /// The folder the examples run in, made once.
    final class Sandbox: @unchecked Sendable {
        let directory: TemporaryDirectory
        var hearing = ""
        var respondents: [String] = []
        var municipality = ""

        init() throws {
            directory = try TemporaryDirectory()
            let root = directory.url
            let fileManager = FileManager.default
            for link in ["questionnaires", "Tests", "corpus"] {
                try fileManager.createSymbolicLink(at: root.appendingPathComponent(link), withDestinationURL: repositoryRoot.appendingPathComponent(link))
            }
            let database = root.appendingPathComponent("prepared.sqlite").path
            let store = try HearingStore(path: database)
            let library = QuestionnaireLibrary(root: repositoryRoot.appendingPathComponent("questionnaires").path)
            let questionnaires = try library.entries().map { try library.load("\($0.id)@\($0.version)") }
            try SyntheticHearings(questionnaires: questionnaires, seed: 5).write(hearings: 60, to: store)
            let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
            _ = try store.tag(with: ThemeMatcher(codebook: codebook))
            // Two coders' blind decisions, for `tag agreement` and `tag disagreements`.
            for (index, unit) in try store.blindSample(count: 8, seed: 7).enumerated() {
                try store.decide(event: unit.eventID, hearing: unit.hearingID, question: unit.questionID, theme: "cost", add: index < 4, coder: "高橋", blind: true)
                try store.decide(event: unit.eventID, hearing: unit.hearingID, question: unit.questionID, theme: "cost", add: index < 3, coder: "佐藤", blind: true)
            }
            // The hearing of the examples: a firm's, paused, with a text answer on barrier_detail.
            let summaries = try store.hearings(HearingStore.HearingFilter())
            let firm = try #require(summaries.first {
                $0.hearing.questionnaire.hasPrefix("private-firm-data-use@2") && $0.hearing.status != .abandoned
                    && (try? store.answerReference(AnswerRef(hearing: $0.hearing.id.uuidString.lowercased(), question: "barrier_detail"))) != nil
            })
            hearing = String(firm.hearing.id.uuidString.lowercased().prefix(6))
            respondents = summaries.filter { $0.respondent.kind == .privateFirm && $0.respondent.id != firm.respondent.id }
                .map { String($0.respondent.id.uuidString.lowercased().prefix(8)) }
            municipality = try #require(summaries.first { $0.respondent.kind == .municipalityHead }).respondent.id.uuidString.lowercased()
            // Two laptops end barriers and employees differently: two conflicts on the hearing.
            store.close()
            for (name, barriers, employees) in [("field-sato.sqlite", "cost", 120), ("field-suzuki.sqlite", "privacy", 80)] {
                let copy = root.appendingPathComponent(name).path
                try fileManager.copyItem(atPath: database, toPath: copy)
                let field = try HearingStore(path: copy)
                for (question, value) in [("barriers", AnswerValue.choices([barriers], other: nil)), ("employees", .integer(employees))] {
                    try field.append(AnswerEvent(hearingID: firm.hearing.id, sequence: 500, questionID: question, kind: .changed, value: value))
                }
                field.close()
            }
            let prepared = try HearingStore(path: database)
            _ = try prepared.merge([root.appendingPathComponent("field-sato.sqlite").path, root.appendingPathComponent("field-suzuki.sqlite").path])
            try prepared.setStatus(.paused, of: firm.hearing.id)
            prepared.close()
            try fileManager.copyItem(atPath: database, toPath: root.appendingPathComponent("field-2026-11.sqlite").path)
            for name in ["draft.yaml", "old-codebook.yaml", "old.yaml"] {
                try fileManager.copyItem(at: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml"), to: root.appendingPathComponent(name))
            }
            try fileManager.copyItem(
                at: repositoryRoot.appendingPathComponent("Tests/KikitoriTests/Fixtures/maxqda-codes.qdc"), to: root.appendingPathComponent("maxqda-codes.qdc"))
            try fileManager.createDirectory(at: root.appendingPathComponent("path/to"), withIntermediateDirectories: true)
            try fileManager.copyItem(
                at: repositoryRoot.appendingPathComponent("questionnaires/digital-talent/v1.yaml"), to: root.appendingPathComponent("path/to/draft.yaml"))
            try fileManager.copyItem(atPath: database, toPath: root.appendingPathComponent("kikitori.sqlite").path)
            // Another database's inventory hearings, as the two files of `import --repeats`.
            let source = root.appendingPathComponent("inventory-source.sqlite").path
            let inventory = try HearingStore(path: source)
            try SyntheticHearings(questionnaires: [try library.load("data-inventory@2")], seed: 9).write(hearings: 4, to: inventory)
            inventory.close()
            for arguments in [
                ["export", "hearings", "--questionnaire", "data-inventory@2", "--audience", "internal", "--db", source, "--out", "inventory.csv"],
                ["export", "repeats", "--questionnaire", "data-inventory@2", "--audience", "internal", "--db", source, "--out", "inventory-repeats.csv"],
            ] {
                let result = try kikitori(arguments, in: root)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
            for arguments in [
                ["export", "hearings", "--questionnaire", "private-firm-data-use", "--out", "exports/hearings-private-firm-data-use.csv"],
                ["export", "quotes", "--out", "exports/20261202-quotes.csv"], ["report", "--out", "exports/report.html"],
                ["report", "--out", "appendix.html"],
                ["export", "respondents", "--audience", "internal", "--out", "exports/respondents-internal.csv"],
            ] {
                let result = try kikitori(arguments, in: root)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
        }

        /// The example with the placeholder ids replaced by this folder's.
        func resolve(_ line: String) -> String {
            var line = line
            line = line.replacing("3f2a9c", with: hearing)
            line = line.replacing("--respondent 3f2a ", with: "--respondent \(municipality.prefix(8)) ")
            for (placeholder, index) in [("9c1e22", 0), ("4b7a10", 1), ("77d0e1", 2)] where index < respondents.count {
                line = line.replacing(placeholder, with: respondents[index])
            }
            return line
        }
    }

    static let sandbox: Sandbox? = try? Sandbox()

    /// The examples are found at all: a help text that lost its examples fails here.
    @Test func examplesAreFound() {
        #expect(Self.examples.count > 70)
        #expect(Self.examples.contains { $0.line.hasPrefix("kikitori themes --by region") })
        #expect(Self.sandbox != nil)
    }

    /// Help texts read as prose: a line continued in the source (`\\` at its end) never shows its backslash.
    @Test func helpHasNoStrayBackslashes() throws {
        let dump = try kikitori(["--experimental-dump-help"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        var stray: [String] = []
        func walk(_ command: [String: Any]) {
            let discussion = (command["discussion"] as? String) ?? ""
            if discussion.split(separator: "\n").contains(where: { $0.hasSuffix("\\") }) { stray.append((command["commandName"] as? String) ?? "kikitori") }
            for sub in (command["subcommands"] as? [[String: Any]]) ?? [] { walk(sub) }
        }
        walk(try #require(object["command"] as? [String: Any]))
        #expect(stray.isEmpty, "help with a backslash at a line's end: \(stray)")
    }

    @Test(arguments: examples)
    func runs(_ example: Example) throws {
        let sandbox = try #require(Self.sandbox)
        let root = sandbox.directory.url
        // Each example starts from the prepared database, and without the merge target and benchmark
        // database an earlier example made, so none depends on another's changes (examples that read
        // what an earlier one wrote, like `dev dump-text --db bench.sqlite`, follow it in the help).
        let database = root.appendingPathComponent("kikitori.sqlite").path
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path)
        where name.hasPrefix("kikitori.sqlite") || name.hasPrefix("wg.sqlite") || name.hasPrefix("commit.sqlite") {
            try FileManager.default.removeItem(at: root.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("prepared.sqlite").path, toPath: database)
        let line = sandbox.resolve(example.line)
        let binary = kikitoriBinary.deletingLastPathComponent().path
        let result = try command(["/bin/sh", "-c", line], in: root, path: binary)
        #expect(result.status == 0, "\(example.source): \(line)\n\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }
}
