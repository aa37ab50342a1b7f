import Foundation
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Questionnaire diff")
struct QuestionnaireDiffTests {
    /// v1 → v2 of the private-firm hearing: one question added, one reworded, a choice list changed.
    @Test func sampleVersions() throws {
        let v1 = try sampleLibrary.load("private-firm-data-use@1")
        let v2 = try sampleLibrary.load("private-firm-data-use@2")
        let diff = QuestionnaireDiff(from: v1, to: v2)
        #expect(diff.questions.added == ["preferred_arrangements"])
        #expect(diff.questions.removed == [])
        #expect(diff.questions.changed.map(\.id) == ["willingness"])
        #expect(diff.questions.changed.first?.changes.map(\.field) == ["label.ja", "label.en"])
        #expect(diff.choiceLists.added == ["arrangements"])
        let barriers = try #require(diff.choiceLists.changed.first { $0.id == "barriers" })
        #expect(barriers.items?.added == ["legal_uncertainty", "format"])
        #expect(barriers.items?.changed.map(\.id) == ["no_merit"])
        #expect(diff.sections.isEmpty)
    }

    /// The same questionnaire differs in nothing.
    @Test func identical() throws {
        let v1 = try sampleLibrary.load("private-firm-data-use@1")
        #expect(QuestionnaireDiff(from: v1, to: v1).isEmpty)
    }

    /// Logic changes show old and new expressions in canonical form; removals and moves are named.
    @Test func logicRemovalAndMove() throws {
        var old = try sampleLibrary.load("digital-talent@1")
        var new = old
        new.version = 2
        new.sections[0].questions[2].relevant = .comparison(.equal, .reference("has_digital_staff"), .string("no"))
        let moved = new.sections[0].questions.remove(at: 3)
        new.sections[1].questions.append(moved)
        new.sections[2].questions.removeLast()
        old.version = 1
        let diff = QuestionnaireDiff(from: old, to: new)
        #expect(diff.questions.removed == ["comments"])
        let relevant = try #require(diff.questions.changed.first { $0.id == "digital_staff_count" })
        #expect(relevant.changes == [
            .init(field: "relevant", before: "${has_digital_staff} = 'yes'", after: "${has_digital_staff} = 'no'")
        ])
        let move = try #require(diff.questions.changed.first { $0.id == "it_budget_share" })
        #expect(move.changes == [.init(field: "section", before: "organisation", after: "shortage")])
    }

    /// The text rendering reads as a change list in either language; JSON carries the same facts.
    @Test func rendering() throws {
        let v1 = try sampleLibrary.load("private-firm-data-use@1")
        let v2 = try sampleLibrary.load("private-firm-data-use@2")
        let diff = QuestionnaireDiff(from: v1, to: v2)
        let english = DiffFormatter(diff: diff, old: v1, new: v2, language: .en).render()
        #expect(english.hasPrefix("Changes from private-firm-data-use@1 to private-firm-data-use@2\n"))
        #expect(english.contains(
            "  + preferred_arrangements: Which arrangements would make it worthwhile for the firm to provide data?\n"))
        #expect(english.contains("      + legal_uncertainty: Unsure whether law or contracts allow it\n"))
        let japanese = DiffFormatter(diff: diff, old: v1, new: v2, language: .ja).render()
        #expect(japanese.contains("選択肢リスト\n  + arrangements: 選択肢 6 個\n"))
        let json = try JSONEncoder().encode(diff)
        let decoded = try JSONDecoder().decode(QuestionnaireDiff.self, from: json)
        #expect(decoded == diff)
    }
}
