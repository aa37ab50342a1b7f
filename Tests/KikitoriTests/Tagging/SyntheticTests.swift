import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Synthetic hearings")
struct SyntheticTests {
    func generate(seed: UInt64, into directory: TemporaryDirectory, name: String) throws -> HearingStore {
        let questionnaires = try sampleLibrary.entries().map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        let store = try HearingStore(path: directory.url.appendingPathComponent(name).path)
        try SyntheticHearings(questionnaires: questionnaires, seed: seed).write(hearings: 60, to: store)
        return store
    }

    /// The same seed gives the same hearings and answers; every answer is valid for its questionnaire.
    @Test func reproducibleAndValid() throws {
        let directory = try TemporaryDirectory()
        let a = try generate(seed: 42, into: directory, name: "a.sqlite")
        let b = try generate(seed: 42, into: directory, name: "b.sqlite")
        let hearingsA = try a.hearings().map(\.hearing)
        let hearingsB = try b.hearings().map(\.hearing)
        #expect(hearingsA.count == 60)
        #expect(hearingsA == hearingsB)
        #expect(Set(hearingsA.map(\.status)).isSuperset(of: [.completed, .paused]))
        #expect(Set(hearingsA.map(\.questionnaire)).count == 6)
        for hearing in hearingsA {
            let questionnaire = try a.snapshot(hearing.questionnaire)
            let events = try a.events(of: hearing.id, questionnaire: questionnaire)
            #expect(events == (try b.events(of: hearing.id, questionnaire: questionnaire)))
            var engine = InterviewEngine(questionnaire: questionnaire)
            for event in events {
                // The engine's own question: a repeat group's instance (`data_format[7]`) exists once
                // what the group repeats over has been recorded.
                let id = event.questionID ?? ""
                let question = try #require(engine.question(id), "\(id) is not a question of this hearing")
                #expect(engine.isRelevant(question), "\(question.id) asked though not relevant")
                if let value = event.value { #expect(throws: Never.self) { try engine.validate(value, for: question) } }
                engine.record(try #require(AnswerState.current(from: [event])[id]), for: id)
            }
            if hearing.status == .completed { #expect(engine.missingRequired.isEmpty) }
        }
        let other = try generate(seed: 43, into: directory, name: "c.sqlite")
        #expect(try other.hearings().map(\.hearing.id) != hearingsA.map(\.id))
    }
}
