import Foundation
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore
@testable import KikitoriShell

/// The guardrails a first-day interviewer relies on, with the input method on.
@Suite("Interviewer guardrails")
struct GuardrailTests {
    /// The respondent prompt finds a case however it is typed: full width, spaces, case, a hyphen
    /// or long-vowel mark, an id prefix; and nothing for a name that is not there.
    @Test func respondentSearchFoldsWhatIsTyped() {
        let respondents = [
            Respondent(kind: .privateFirm, organisation: "株式会社 北のデータ", personName: "鈴木 一郎"),
            Respondent(kind: .privateFirm, organisation: "ABC-Tech合同会社"),
            Respondent(kind: .municipalStaff, organisation: "ニセコ町"),
        ]
        func found(_ typed: String) -> [String] { RespondentSearch.matches(typed, in: respondents).map(\.organisation) }
        #expect(found("北の データ") == ["株式会社 北のデータ"])
        #expect(found("ｋｉｔａ") == [])
        #expect(found("鈴木一郎") == ["株式会社 北のデータ"])
        #expect(found("ａｂｃ－ｔｅｃｈ") == ["ABC-Tech合同会社"])
        #expect(found("abcーtech") == ["ABC-Tech合同会社"])
        #expect(found("ﾆｾｺ") == ["ニセコ町"])
        #expect(found(String(respondents[2].id.uuidString.lowercased().prefix(8))) == ["ニセコ町"])
        #expect(found("札幌").isEmpty)
    }

    func states(_ harness: ShellHarness) throws -> [String: AnswerState] {
        let hearing = try #require(try harness.store.hearings().first?.hearing)
        let questionnaire = try harness.store.snapshot(hearing.questionnaire)
        return AnswerState.current(from: try harness.store.events(of: hearing.id, questionnaire: questionnaire))
    }

    func notes(_ harness: ShellHarness) throws -> [String] {
        let hearing = try #require(try harness.store.hearings().first?.hearing)
        let questionnaire = try harness.store.snapshot(hearing.questionnaire)
        return try harness.store.events(of: hearing.id, questionnaire: questionnaire).filter { $0.kind == .note }.compactMap {
            if case .text(let text)? = $0.value { return text }
            return nil
        }
    }

    /// Full-width commands (U+FF1A, full-width letters) are commands at a question, never answers.
    @Test func fullWidthCommandsAtQuestions() throws {
        let harness = try ShellHarness()
        harness.run(["new digital-talent@1"] + ShellTests.newFirm + ["2", "1", "３", "：ｄｋ", "：ｂａｃｋ", "：ｐａｕｓｅ", "quit"], language: .ja)
        let states = try states(harness)
        #expect(states["digital_staff_count"] == .answered(.integer(3)))
        #expect(states["it_budget_share"] == .dontKnow)
        #expect(try harness.store.hearings().first?.hearing.status == .paused)
        #expect(!harness.transcript.contains("選択肢にありません"))
    }

    /// A command typed at a set-up prompt is never taken as a name; :cancel leaves without saving.
    @Test func commandsAtSetUp() throws {
        let harness = try ShellHarness()
        harness.run(["new digital-talent@1", "", "1", "：ｄｋ", "：ｃａｎｃｅｌ", "quit"])
        #expect(harness.transcript.contains("Answer the set-up question first"))
        #expect(harness.transcript.contains("Cancelled; nothing was saved."))
        #expect(try harness.store.respondents().isEmpty)
    }

    /// Numbers: fused digits refused with the reason; 約120人 saves 120 with the words as a note,
    /// in the same transaction.
    @Test func numbersAtTheShell() throws {
        let harness = try ShellHarness()
        harness.run(["new digital-talent@1"] + ShellTests.newFirm + ["2", "1", "10 20", "1,5", "約12人", ":pause", "quit"])
        #expect(harness.transcript.contains("'10 20' has digits split by spaces"))
        #expect(harness.transcript.contains("'1,5' has a comma that is not a thousands separator"))
        #expect(harness.transcript.contains("Saved the number; '約12人' is kept as a note on the question."))
        #expect(try states(harness)["digital_staff_count"] == .answered(.integer(12)))
        #expect(try notes(harness) == ["約12人"])
    }

    /// On a continuation line: :note runs and the answer goes on; :cancel discards the unfinished
    /// answer; a moving command discards it too and moves; Ctrl-D pauses without saving it.
    @Test func multiLineAnswers() throws {
        let harness = try ShellHarness()
        let toDetail = ["2", "2", "", "3", "1"]
        harness.run(["new digital-talent@1"] + ShellTests.newFirm + toDetail + [
            "一行目", ":note 声が小さい", "二行目", "", // saved: two lines
            ":back", "書き直し", ":cancel",         // the question again, nothing saved
            "三行目", "：ｄｋ",                      // discarded, then don't know
            "quit",
        ])
        var states = try states(harness)
        #expect(states["hiring_detail"] == .dontKnow)
        #expect(try notes(harness) == ["声が小さい"])
        #expect(harness.transcript.contains("The unfinished answer (1 line) was not saved."))
        let hearing = try #require(try harness.store.hearings().first?.hearing)
        let questionnaire = try harness.store.snapshot(hearing.questionnaire)
        let texts = try harness.store.events(of: hearing.id, questionnaire: questionnaire).compactMap { event -> String? in
            guard event.questionID == "hiring_detail", event.kind != .note, case .text(let text)? = event.value else { return nil }
            return text
        }
        #expect(texts == ["一行目\n二行目"])

        // End of input on a continuation line: paused, the partial text not saved.
        let second = try ShellHarness()
        second.run(["new digital-talent@1"] + ShellTests.newFirm + toDetail + ["途中まで"])
        states = try self.states(second)
        #expect(states["hiring_detail"] == nil)
        #expect(try second.store.hearings().first?.hearing.status == .paused)
        #expect(second.transcript.contains("The unfinished answer (1 line) was not saved."))
    }

    /// `:jump 3` goes where the screens number 3; after a fix from the review the review comes back
    /// instead of every later question; full-width commands work at the review prompt.
    @Test func jumpByNumberAndBackToReview() throws {
        let harness = try ShellHarness()
        let answers = ["2", "1", "3", "", "4", "1", "", "2", "", "1", ""]
        harness.run(["new digital-talent@1"] + ShellTests.newFirm + answers + ["：ｊｕｍｐ　３", "5", "y", "quit"])
        let states = try states(harness)
        #expect(states["digital_staff_count"] == .answered(.integer(5)))
        #expect(try harness.store.hearings().first?.hearing.status == .completed, "\(harness.transcript)")
        // After the fix the next screen is the review, not question 4.
        let afterFix = try #require(harness.transcript.components(separatedBy: "How many?").last)
        #expect(!afterFix.contains("[it_budget_share]"))
    }

    /// A registered respondent is shown and confirmed, never picked silently by a partial name;
    /// one of a kind the questionnaire is not for is refused, naming the kinds it is for.
    @Test func respondentIsConfirmedAndAudienceChecked() throws {
        let harness = try ShellHarness()
        try harness.store.addRespondent(Respondent(kind: .other, organisation: "北海道データ協会"))
        try harness.store.addRespondent(Respondent(kind: .privateFirm, organisation: "株式会社北のデータ", personName: "山田花子"))
        harness.run([
            "new digital-talent@1", "北", "", "協会", "y", "北のデータ", "n", "ｙａｍａｄａ", "山田", "y", "", "", "2", ":pause", "quit",
        ])
        #expect(harness.transcript.contains("Found 2 respondents:"))
        #expect(harness.transcript.contains("This questionnaire is not for others respondents (it is for: private firms, municipal heads, municipal staff)."))
        #expect(harness.transcript.contains("株式会社北のデータ / private firms / 山田花子"))
        let summary = try #require(try harness.store.hearings().first)
        #expect(summary.respondent.organisation == "株式会社北のデータ")
        #expect(try harness.store.respondents().count == 2)
    }

    /// `:abandon <reason>` ends the hearing: kept with its answers and the reason, out of counts.
    @Test func abandon() throws {
        let harness = try ShellHarness()
        harness.run(["new digital-talent@1"] + ShellTests.newFirm + ["2", ":abandon", ":abandon 先方の都合", "quit"])
        let hearing = try #require(try harness.store.hearings().first?.hearing)
        #expect(hearing.status == .abandoned)
        #expect(try states(harness)["organisation_type"] == .answered(.choice("municipality")))
        #expect(try notes(harness) == ["先方の都合"])
        #expect(harness.transcript.contains("Usage: :abandon <reason>"))
        harness.transcript = ""
        harness.run(["resume \(hearing.shortID)", "quit"])
        #expect(harness.transcript.contains("cannot be resumed"))
    }

    /// Stored text never reaches the terminal raw: escape sequences in a name are shown escaped.
    @Test func controlCharactersAreEscaped() throws {
        let harness = try ShellHarness()
        try harness.store.addRespondent(Respondent(kind: .privateFirm, organisation: "悪意\u{1B}]0;pwned\u{07}\u{1B}[2J社"))
        harness.run(["new digital-talent@1", "悪意", "y", "", "", "2", ":pause", "hearings", "quit"])
        #expect(!harness.transcript.contains("\u{1B}]"))
        #expect(!harness.transcript.contains("\u{1B}[2J"))
        #expect(harness.transcript.contains("悪意^[]0;pwned^G^[[2J社"))
    }

    /// `help` ends with a newline; `search` terms stay out of the history.
    @Test func helpAndHistory() throws {
        let harness = try ShellHarness()
        let reader = harness.run(["help", "search 佐藤課長", "hearings", "quit"])
        #expect(harness.transcript.contains("leave (Ctrl-D too)\n"))
        #expect(reader.remembered.contains("search"))
        #expect(!reader.remembered.contains { $0.contains("佐藤") })
    }

    /// Refused lines are counted, so a piped script can fail.
    @Test func refusedLinesAreCounted() throws {
        let harness = try ShellHarness()
        let reader = ScriptedLineReader(["frobnicate", "hearings", "quit"])
        let shell = Shell(
            store: harness.store, library: QuestionnaireLibrary(root: repositoryRoot.appendingPathComponent("questionnaires").path),
            reader: reader, output: ShellOutput(style: .plain) { _ in }, language: .en, defaultInterviewer: "t")
        shell.run()
        #expect(shell.rejectedLines == 1)
    }
}
