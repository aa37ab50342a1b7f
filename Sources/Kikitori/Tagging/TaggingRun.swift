import Foundation
import KikitoriCore
import KikitoriStore

/// A tagging run: which answers to read, the themes each gets, and how the result is written. The
/// store only reads and writes what the run asks.
extension HearingStore {
    /// Tags every current answer not yet tagged with this codebook (all of them with `retag`, or when
    /// the codebook changed). Human decisions are never overwritten.
    ///
    /// Every answer is matched in one read transaction, holding no lock; the tags are then written
    /// in short transactions (``tagSliceSeconds`` each) in key order, so an interviewer's answer never
    /// waits long behind a run. The high-water mark moves when the last is written: a run stopped
    /// midway is simply done again.
    ///
    /// - Parameter progress: called now and then with (answers done, answers in scope).
    public func tag(
        with matcher: ThemeMatcher, retag: Bool = false, dryRun: Bool = false,
        progress: ((Int, Int) -> Void)? = nil
    ) throws(StoreError) -> TagReport {
        let started = Date()
        let codebook = matcher.codebook
        let context = dryRun ? try taggingContext(codebook, retag: retag) : try beginTagging(codebook, retag: retag)
        var report = TagReport(codebook: codebook.reference, full: context.full, dryRun: dryRun)
        let pending: PendingTags
        do {
            pending = try match(matcher, context: context, report: &report, progress: progress)
        } catch {
            if !dryRun { restoreCheckpoints() }
            throw error as? StoreError ?? .sqlite(String(describing: error))
        }
        if dryRun {
            try compareWithStored(pending, context: context, report: &report)
        } else {
            // In key order, so that each transaction touches its own stretch of the tag table.
            var position = 0
            var tagPosition = 0
            let now = Date()
            do {
                while !pending.isWritten(events: position, tags: tagPosition) {
                    try writeAutomaticTags(pending, codebook: codebook, position: &position, tagPosition: &tagPosition, now: now)
                }
                try finishTagging(context)
            } catch {
                restoreCheckpoints()
                throw error
            }
        }
        (report.totalTextAnswers, report.untaggedTextAnswers) = try untaggedTextAnswers(context)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Every answer of the run matched, sorted by event for writing.
    private func match(
        _ matcher: ThemeMatcher, context: TagRunContext, report: inout TagReport, progress: ((Int, Int) -> Void)?
    ) throws -> PendingTags {
        var scratch = matcher.makeScratch()
        var pending = PendingTags()
        var done = 0
        report.answersScanned = try forEachAnswerToTag(context) { answer in
            done += 1
            if done % 10_000 == 0 { progress?(done, context.total) }
            // This codebook decides for every event it scans, including automatic tags another
            // codebook made (merged from another database, or before a retag).
            if context.automatic.contains(answer.eventID) { pending.events.append(answer.eventID) }
            guard let questionnaire = context.questionnaireOf[answer.hearingID],
                let plan = context.plans.plan(questionnaire: questionnaire, question: answer.questionID)
            else { return }
            var found: [(theme: String, source: ThemeTag.Source, rule: Int?, spans: [Range<Int>])] = []
            if plan.isText, let text = answer.text {
                report.textAnswers += 1
                for match in matcher.match(NormalizedText(text), scratch: &scratch) {
                    found.append((match.theme, .rule, match.rule, match.spans))
                }
            }
            if !plan.choiceThemes.isEmpty, let code = answer.code {
                for value in code.split(separator: " ") {
                    if let theme = plan.choiceThemes[String(value)], !found.contains(where: { $0.theme == theme }) {
                        found.append((theme, .choice, nil, []))
                    }
                }
            }
            for tag in found where !context.human.contains(answer.eventID + " " + tag.theme) {
                pending.tags.append(.init(
                    event: answer.eventID, theme: tag.theme, hearing: answer.hearingID, question: answer.questionID, source: tag.source,
                    rule: tag.rule, spans: tag.spans))
            }
        }
        progress?(context.total, context.total)
        pending.events.sort()
        pending.tags.sort { ($0.event, $0.theme) < ($1.event, $1.theme) }
        if !report.dryRun { for tag in pending.tags { report.added[tag.theme, default: 0] += 1 } }
        return pending
    }

    /// A dry run's account: tags it would add, and (for a full run) those it would remove, with
    /// a few answers each for a person to judge the codebook edit.
    private func compareWithStored(_ pending: PendingTags, context: TagRunContext, report: inout TagReport) throws(StoreError) {
        let previous = try automaticTagKeys()
        var texts: [String: String] = [:]
        let newTags = Set(pending.tags.map { $0.event + " " + $0.theme })
        for tag in pending.tags where !previous.contains(tag.event + " " + tag.theme) {
            report.added[tag.theme, default: 0] += 1
            if report.addedExamples[tag.theme, default: []].count < 3 {
                if texts[tag.event] == nil { texts[tag.event] = try answerText(event: tag.event) ?? "" }
                if tag.source == .rule, let text = texts[tag.event], !text.isEmpty { report.addedExamples[tag.theme, default: []].append(text) }
            }
        }
        guard context.full else { return }
        for key in previous where !newTags.contains(key) {
            let parts = key.split(separator: " ")
            report.removed[String(parts[1]), default: 0] += 1
            if report.removedExamples[String(parts[1]), default: []].count < 3, let text = try answerText(event: String(parts[0])) {
                report.removedExamples[String(parts[1]), default: []].append(text)
            }
        }
    }
}
