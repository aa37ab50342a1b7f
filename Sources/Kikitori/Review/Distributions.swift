import KikitoriCore
import KikitoriStore

/// Answer distributions as reviews show them: the store counts, the questionnaires' snapshots label.
extension HearingStore {
    /// Counts of each value of `question` across the versions of each questionnaire that asks it
    /// (one distribution per questionnaire id: the same id in two questionnaires is two questions).
    public func distributions(of question: String, language: Language, words: ChoiceWords, filter: ReviewFilter = ReviewFilter())
        throws(StoreError) -> [AnswerDistribution]
    {
        var ids = try questionnairesAnswering([question], filter: filter)
        // A question of a repeat group is stored per instance: its plain id reads them all together.
        let instances = ids.isEmpty ? try instanceIDs(of: question, filter: filter) : []
        if !instances.isEmpty { ids = try questionnairesAnswering(instances, filter: filter) }
        guard !ids.isEmpty else { throw .unknownAnswer(question) }
        var result: [AnswerDistribution] = []
        for id in ids {
            var narrowed = filter
            if narrowed.questionnaire?.version == nil { narrowed.questionnaire = QuestionnaireRef(id: id) }
            guard !instances.isEmpty else {
                result += try distributions(of: [question], language: language, words: words, filter: narrowed, withTexts: true)
                continue
            }
            let counts = try answerCounts(of: instances, filter: narrowed).map { count in
                var pooled = count
                pooled.question = question
                return pooled
            }
            var snapshots: [String: Questionnaire] = [:]
            for reference in Set(counts.map(\.questionnaire)) { snapshots[reference] = try snapshot(reference) }
            var texts: [String] = []
            for instance in instances { texts += try answerTexts(of: instance, filter: narrowed) }
            if var distribution = AnswerDistribution.build(
                question, counts: counts, snapshots: snapshots, texts: texts, language: language, words: words)
            {
                distribution.pooledInstances = instances
                result.append(distribution)
            }
        }
        return result
    }

    /// Several questions of one questionnaire (by `filter`) from one aggregating query, for the report;
    /// text answers are listed only when `withTexts`.
    public func distributions(of questions: [String], language: Language, words: ChoiceWords, filter: ReviewFilter, withTexts: Bool = false)
        throws(StoreError) -> [AnswerDistribution]
    {
        let counts = try answerCounts(of: questions, filter: filter)
        var snapshots: [String: Questionnaire] = [:]
        for reference in Set(counts.map(\.questionnaire)) { snapshots[reference] = try snapshot(reference) }
        var byQuestion: [String: [AnswerCount]] = [:]
        for count in counts { byQuestion[count.question, default: []].append(count) }
        var result: [AnswerDistribution] = []
        for question in questions {
            let texts = withTexts ? try answerTexts(of: question, filter: filter) : []
            if let distribution = AnswerDistribution.build(
                question, counts: byQuestion[question] ?? [], snapshots: snapshots, texts: texts, language: language, words: words)
            {
                result.append(distribution)
            }
        }
        return result
    }
}
