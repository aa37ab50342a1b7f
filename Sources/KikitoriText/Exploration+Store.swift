import Foundation
import Kikitori

extension HearingStore {
    /// The current free-text answers of `filter`'s hearings (and, for an internal audience, the
    /// interviewers' notes too), as `publication` may show them, read into words. `untagged` keeps
    /// the answers no theme covers: what the codebook does not name yet.
    public func exploration(
        filter: ReviewFilter, publication: Publication, by dimension: ThemeCrossTab.Dimension? = nil, untagged: Bool = false,
        morphology: MeCabTagger
    ) throws -> TextExploration {
        let counted = Set(ThemeTag.State.counted(includingSuggested: filter.includeSuggested))
        var answers: [(id: String, group: String?, text: String)] = []
        try forEachTextAnswer(filter: filter, by: dimension, withTags: untagged) { answer in
            if untagged, answer.tags.values.contains(where: { counted.contains($0.rawValue) }) { return }
            answers.append((answer.eventID, answer.group.map { publication.group($0, of: dimension) }, publication.text(answer.text)))
        }
        if !publication.isPublic && !untagged && dimension == nil {
            try forEachEvent(filter: filter, kind: .note) { event in
                guard let text = event.text else { return }
                answers.append((event.hearingID + ":note", nil, text))
            }
        }
        return TextExploration(answers, morphology: morphology)
    }
}
