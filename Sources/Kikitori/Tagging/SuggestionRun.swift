import Foundation
import KikitoriCore
import KikitoriStore

/// What `tag suggest` did.
public struct SuggestionReport: Sendable {
    public var model: SuggestionModel
    /// Examples from labelled files and from people's decisions in this database.
    public var fileExamples: Int
    public var decisionExamples: Int
    public var textAnswers = 0
    /// Suggestions written, by theme.
    public var suggested: [String: Int] = [:]
}

extension HearingStore {
    /// Trains the suggestion model on `examples` (labelled files) and on the decisions people made
    /// here, keeps it, and replaces every earlier suggestion with the model's: themes it finds likely
    /// on text answers that carry no tag of that theme yet (a person's rejection included). With a
    /// `lemmatizer`, word lemmas are features beside characters.
    public func suggest(
        codebook: Codebook, examples: [SuggestionModel.Example], threshold: Double = SuggestionModel.defaultThreshold,
        lemmatizer: Lemmatizer? = nil
    ) throws -> SuggestionReport {
        // One read of the text answers serves both the training and the suggestions.
        var answers: [TextAnswer] = []
        try forEachTextAnswer { answers.append($0) }
        let decisions = Self.decisionExamples(answers)
        let model = SuggestionModel.train(
            examples + decisions, themes: codebook.themes.map(\.id), codebook: codebook.reference, threshold: threshold, lemmatizer: lemmatizer)
        try saveModel(model, examples: examples.count + decisions.count)
        var report = SuggestionReport(model: model, fileExamples: examples.count, decisionExamples: decisions.count)
        var suggestions: [StoredSuggestion] = []
        var scorer = SuggestionModel.Scorer(model, vetoedBy: try ThemeMatcher(codebook: codebook))
        for answer in answers {
            report.textAnswers += 1
            for suggestion in scorer.suggest(answer.text, lemmatizer: lemmatizer)
            where answer.tags[suggestion.theme] == nil || answer.tags[suggestion.theme] == .suggested {
                suggestions.append(StoredSuggestion(
                    eventID: answer.eventID, hearingID: answer.hearingID, questionID: answer.questionID, theme: suggestion.theme,
                    probability: suggestion.probability, features: suggestion.features))
            }
        }
        try replaceSuggestions(suggestions, codebook: codebook.reference)
        for suggestion in suggestions { report.suggested[suggestion.theme, default: 0] += 1 }
        return report
    }
}
