import Testing

@testable import KikitoriCore

/// References are parsed once where people type them.
@Suite("References")
struct ReferenceTests {
    @Test func questionnaireReferences() {
        #expect(QuestionnaireRef("digital-talent") == QuestionnaireRef(id: "digital-talent"))
        #expect(QuestionnaireRef("digital-talent@2") == QuestionnaireRef(id: "digital-talent", version: 2))
        // As an input method types it.
        #expect(QuestionnaireRef("digital-talent＠２") == QuestionnaireRef(id: "digital-talent", version: 2))
        #expect(QuestionnaireRef("digital-talent@2")?.description == "digital-talent@2")
        for bad in ["", "@2", "x@", "x@0", "x@-1", "x@two", "x@1@2"] { #expect(QuestionnaireRef(bad) == nil, "\(bad)") }
        let sorted = ["a@10", "a@2", "b@1", "a@1"].sorted(by: QuestionnaireRef.versionOrder)
        #expect(sorted == ["a@1", "a@2", "a@10", "b@1"])
    }

    @Test func answerReferences() {
        #expect(AnswerRef("3F2A:barrier_detail") == AnswerRef(hearing: "3f2a", question: "barrier_detail"))
        #expect(AnswerRef("3f2a：barrier_detail") == AnswerRef(hearing: "3f2a", question: "barrier_detail"))
        #expect(AnswerRef("3f2a:barrier_detail")?.description == "3f2a:barrier_detail")
        for bad in ["", "3f2a", ":q", "3f2a:"] { #expect(AnswerRef(bad) == nil, "\(bad)") }
    }
}
