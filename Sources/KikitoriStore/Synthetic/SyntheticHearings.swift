import KikitoriCore
import Foundation

/// Writes a realistic synthetic database for benchmarks and demonstrations: respondents of every
/// kind across Hokkaido, every sample questionnaire and version, answers that follow each
/// questionnaire's skip logic and constraints, Japanese free text from ``PhraseBank``, and some
/// paused and abandoned hearings. The same seed gives the same database.
public struct SyntheticHearings {
    public let questionnaires: [Questionnaire]
    public let seed: UInt64
    /// Text answers of three or four sentences (≈250 bytes) instead of one to three clauses.
    public let longAnswers: Bool

    public init(questionnaires: [Questionnaire], seed: UInt64, longAnswers: Bool = false) {
        self.questionnaires = questionnaires
        self.seed = seed
        self.longAnswers = longAnswers
    }

    /// Writes `count` hearings in batches; `progress` gets (done, total).
    public func write(hearings count: Int, to store: HearingStore, progress: ((Int, Int) -> Void)? = nil) throws(StoreError) {
        var rng = SeededGenerator(seed: seed)
        var batch: [HearingStore.HearingRecordSet] = []
        let start = Date(timeIntervalSince1970: 1_656_633_600)  // 2022-07-01, when the WG's hearings began
        for index in 0..<count {
            batch.append(hearing(index, &rng, start: start))
            if batch.count == 500 || index == count - 1 {
                try store.insert(batch, snapshots: questionnaires)
                batch.removeAll(keepingCapacity: true)
                progress?(index + 1, count)
            }
        }
    }

    private static let industries = ["agriculture", "construction", "manufacturing", "retail", "transport", "tourism", "finance", "it", "energy", "medical"]
    private static let firmNames = ["北のデータ", "道央物流", "十勝ファーム", "函館観光開発", "札幌システム", "オホーツク水産", "旭川建設", "釧路エナジー", "小樽商事", "帯広メディカル"]

    private func hearing(_ index: Int, _ rng: inout SeededGenerator, start: Date) -> HearingStore.HearingRecordSet {
        let questionnaire = questionnaires[Int(rng.next() % UInt64(questionnaires.count))]
        let kinds = questionnaire.audience.isEmpty ? RespondentKind.allCases : questionnaire.audience
        let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
        let subprefecture = Hokkaido.subprefectures[Int(rng.next() % UInt64(Hokkaido.subprefectures.count))]
        let municipality = subprefecture.municipalities[Int(rng.next() % UInt64(subprefecture.municipalities.count))]
        let organisation = kind == .privateFirm
            ? "株式会社\(Self.firmNames[Int(rng.next() % UInt64(Self.firmNames.count))])\(index)"
            : municipality
        let startedAt = start.addingTimeInterval(Double(rng.next() % (240 * 86_400)))
        let respondent = Respondent(
            id: rng.uuid(), kind: kind, organisation: organisation, personName: "回答者\(index)",
            personRole: kind == .municipalityHead ? "町長" : "担当",
            industry: kind == .privateFirm ? Self.industries[Int(rng.next() % UInt64(Self.industries.count))] : nil,
            municipality: municipality, region: subprefecture.name, createdAt: startedAt)
        let roll = rng.next() % 100
        let status: HearingStatus = roll < 80 ? .completed : (roll < 92 ? .paused : .abandoned)
        let consent = ConsentLevel.allCases[Int(rng.next() % 3)]
        var hearing = Hearing(
            id: rng.uuid(), respondentID: respondent.id, questionnaire: questionnaire.reference,
            interviewer: "interviewer\(rng.next() % 6 + 1)", place: municipality, startedAt: startedAt, status: status,
            consent: consent, language: .ja)

        var engine = InterviewEngine(questionnaire: questionnaire)
        var events: [AnswerEvent] = []
        var clock = startedAt
        var current = engine.next(after: nil)
        let stopAt = status == .completed ? Int.max : Int(rng.next() % 20) + 1
        while let question = current, events.count < stopAt {
            current = engine.next(after: question.id)
            guard question.type.isAnswerable else { continue }
            let shown = clock
            clock = clock.addingTimeInterval(Double(5 + rng.next() % 90))
            let state = answer(question, engine: engine, &rng)
            guard let state else { continue }
            engine.record(state, for: question.id)
            var event = AnswerEvent.recording(state, previous: nil, hearing: hearing.id, question: question.id)
            event.id = rng.uuid()
            event.sequence = events.count + 1
            event.shownAt = shown
            event.recordedAt = clock
            events.append(event)
            for calculated in engine.recalculate(hearing: hearing.id) {
                var event = calculated
                event.id = rng.uuid()
                event.sequence = events.count + 1
                event.recordedAt = clock
                events.append(event)
            }
            current = engine.next(after: question.id)
        }
        if status == .completed || status == .abandoned { hearing.endedAt = clock }
        return HearingStore.HearingRecordSet(respondent: respondent, isNewRespondent: true, hearing: hearing, events: events)
    }

    /// A plausible answer, or nil to leave an optional question unanswered.
    private func answer(_ question: Question, engine: InterviewEngine, _ rng: inout SeededGenerator) -> AnswerState? {
        let required = engine.isRequired(question)
        if question.allowDontKnow && rng.chance(0.03) { return .dontKnow }
        if question.allowRefused && rng.chance(0.01) { return .refused }
        if !required && rng.chance(0.08) { return nil }
        for _ in 0..<5 {
            guard let value = value(for: question, engine: engine, &rng) else { continue }
            if (try? engine.validate(value, for: question)) != nil { return .answered(value) }
        }
        return required ? .dontKnow : nil
    }

    private func value(for question: Question, engine: InterviewEngine, _ rng: inout SeededGenerator) -> AnswerValue? {
        switch question.type {
        case .text: return .text(PhraseBank.answer(&rng, long: longAnswers))
        case .integer:
            let magnitude = [10, 100, 1000, 10_000][Int(rng.next() % 4)]
            return .integer(Int(rng.next() % UInt64(magnitude)) + 1)
        case .decimal: return .decimal(Double(rng.next() % 1000) / 10)
        case .date:
            return CalendarDate("2023-\(String(format: "%02d", rng.next() % 12 + 1))-\(String(format: "%02d", rng.next() % 28 + 1))").map(AnswerValue.date)
        case .yesNo: return .yesNo(rng.chance(0.6))
        case .scale:
            let scale = question.scale ?? Scale(min: 1, max: 5)
            return .scale(scale.min + Int(rng.next() % UInt64(scale.max - scale.min + 1)))
        case .selectOne:
            let choices = engine.offeredChoices(for: question)
            if question.allowOther && rng.chance(0.05) { return .other(PhraseBank.answer(&rng, concernRate: 0.5)) }
            return choices.isEmpty ? nil : .choice(choices[Int(rng.next() % UInt64(choices.count))].value)
        case .selectMultiple:
            let choices = engine.offeredChoices(for: question)
            guard !choices.isEmpty else { return nil }
            let picked = choices.filter { _ in rng.chance(0.3) }.map(\.value)
            let other = question.allowOther && rng.chance(0.05) ? PhraseBank.answer(&rng, concernRate: 0.5) : nil
            let values = picked.isEmpty ? [choices[Int(rng.next() % UInt64(choices.count))].value] : picked
            return .choices(values, other: other)
        case .note, .calculate: return nil
        }
    }
}
