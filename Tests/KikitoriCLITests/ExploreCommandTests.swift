import Foundation
import KikitoriTestSupport
import Testing

/// `words` and `network` as the public may see them: no word stands for fewer answers than a
/// public count may show.
@Suite("kikitori words in public", .serialized)
struct ExploreCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("w.sqlite").path
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try kikitori(
            arguments + ["--lang", "en", "--db", database], in: directory.url,
            environment: ["KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path])
    }

    /// The answers column of each word row.
    func answerCounts(_ output: String) -> [Int] {
        output.split(whereSeparator: \.isNewline).dropFirst(3).compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first.flatMap { Int($0) }
        }
    }

    @Test func rareWordsStayInternal() throws {
        #expect(try run(["dev", "generate", "--hearings", "30", "--seed", "4"]).status == 0)
        let internalCounts = answerCounts(try run(["words", "--min-df", "1", "--top", "500", "--audience", "internal"]).stdout)
        let publicCounts = answerCounts(try run(["words", "--min-df", "1", "--top", "500"]).stdout)
        #expect(internalCounts.contains(1))
        #expect(!publicCounts.isEmpty && publicCounts.allSatisfy { $0 >= 3 })
        #expect(publicCounts.count < internalCounts.count)
        // By group: `word  answers` under each group's heading.
        let grouped = try run(["words", "--by", "kind", "--min-df", "1", "--top", "500"])
        #expect(grouped.status == 0)
        let groupedCounts = grouped.stdout.split(whereSeparator: \.isNewline).compactMap { line -> Int? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count == 2 ? Int(fields[1]) : nil
        }
        #expect(!groupedCounts.isEmpty && groupedCounts.allSatisfy { $0 >= 3 })
    }

    /// The network's picture and data are files like every other output: an existing one is kept
    /// unless --force (exit 73, one line), and replaced whole with it.
    @Test func networkFilesNeedForce() throws {
        #expect(try run(["dev", "generate", "--hearings", "30", "--seed", "4"]).status == 0)
        let svg = directory.url.appendingPathComponent("network.svg").path
        try Data("mine".utf8).write(to: URL(fileURLWithPath: svg))
        let refused = try run(["network", "--svg", "network.svg"])
        #expect(refused.status == 73 && refused.stderr.split(separator: "\n").count == 1)
        #expect(try String(contentsOfFile: svg, encoding: .utf8) == "mine")
        #expect(try run(["network", "--svg", "network.svg", "--force"]).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg"))
    }
}
