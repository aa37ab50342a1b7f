import Foundation
import KikitoriCore
import KikitoriStore

/// A tagging run: which answers to read, the themes each gets, and how the result is written. The
/// store only reads and writes what the run asks.
extension HearingStore {
    /// Tags every current answer not yet tagged with this codebook (all of them with `retag`, or when
    /// the codebook changed). Human decisions are never overwritten.
    ///
    /// Answers are read in stretches of ``tagChunkRows`` events, each matched in one read transaction
    /// holding no lock; its tags are then written in short transactions (``tagSliceSeconds`` each)
    /// in key order, so an interviewer's answer never waits long behind a run, and memory holds one
    /// stretch's tags, not a million answers'. The high-water mark moves when the last is written: a
    /// run stopped midway is simply done again. A dry run reads everything at once, since what it
    /// would remove is only known against every new tag.
    ///
    /// - Parameters:
    ///   - progress: called now and then with (answers done, answers in scope).
    ///   - chunkRows: events per stretch (tests make it small to cross many stretches).
    public func tag(
        with matcher: ThemeMatcher, retag: Bool = false, dryRun: Bool = false,
        progress: ((Int, Int) -> Void)? = nil, chunkRows: Int64 = HearingStore.tagChunkRows
    ) throws(StoreError) -> TagReport {
        let started = Date()
        let codebook = matcher.codebook
        let context = dryRun ? try taggingContext(codebook, retag: retag) : try beginTagging(codebook, retag: retag)
        var report = TagReport(codebook: codebook.reference, full: context.full, dryRun: dryRun)
        var done = 0
        if dryRun {
            let pending = try matchOrRestore(matcher, context: context, rows: nil, done: &done, report: &report, progress: progress)
            try compareWithStored(pending, context: context, report: &report)
        } else {
            let now = Date()
            var lower = context.highWater + 1
            while lower <= context.bound {
                let rows = lower...min(context.bound, lower + max(1, chunkRows) - 1)
                let pending = try matchOrRestore(matcher, context: context, rows: rows, done: &done, report: &report, progress: progress)
                // In key order, so that each transaction touches its own stretch of the tag table.
                var position = 0
                var tagPosition = 0
                do {
                    while !pending.isWritten(events: position, tags: tagPosition) {
                        try writeAutomaticTags(pending, codebook: codebook, position: &position, tagPosition: &tagPosition, now: now)
                    }
                } catch {
                    restoreCheckpoints()
                    throw error
                }
                lower = rows.upperBound + 1
            }
            do {
                try finishTagging(context)
            } catch {
                restoreCheckpoints()
                throw error
            }
        }
        progress?(context.total, context.total)
        (report.totalTextAnswers, report.untaggedTextAnswers) = try untaggedTextAnswers(context)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Events per stretch of a tagging run: about 30 MB of pending tags at most.
    public static let tagChunkRows: Int64 = 200_000

    /// ``match(_:context:rows:done:report:progress:)``, with checkpoints restored if it fails.
    private func matchOrRestore(
        _ matcher: ThemeMatcher, context: TagRunContext, rows: ClosedRange<Int64>?, done: inout Int, report: inout TagReport,
        progress: ((Int, Int) -> Void)?
    ) throws(StoreError) -> PendingTags {
        do {
            return try match(matcher, context: context, rows: rows, done: &done, report: &report, progress: progress)
        } catch {
            if !report.dryRun { restoreCheckpoints() }
            throw error as? StoreError ?? .sqlite(String(describing: error))
        }
    }

    /// Every answer of the run (or of `rows`) matched, in the tag table's key order for writing.
    private func match(
        _ matcher: ThemeMatcher, context: TagRunContext, rows: ClosedRange<Int64>?, done: inout Int, report: inout TagReport,
        progress: ((Int, Int) -> Void)?
    ) throws -> PendingTags {
        var scratch = matcher.makeScratch()
        var pending = PendingTags()
        report.answersScanned += try forEachAnswerToTag(context, rows: rows) { answer in
            done += 1
            if done % 10_000 == 0 { progress?(done, context.total) }
            // This codebook decides for every event it scans, including automatic tags another
            // codebook made (merged from another database, or before a retag).
            if context.automatic.contains(answer.event) { pending.events.append(answer.event) }
            guard let hearing = context.hearings[answer.hearingID],
                let plan = context.plans.plan(questionnaire: hearing.questionnaire, question: answer.questionID)
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
            // Events come in order; sorting one event's few themes keeps the tags in the table's key order.
            found.sort { $0.theme < $1.theme }
            for tag in found where !context.human.contains(TagKey(event: answer.event, theme: tag.theme)) {
                pending.tags.append(.init(
                    event: answer.event, theme: tag.theme, hearing: hearing.number, source: tag.source, rule: tag.rule, spans: tag.spans))
            }
        }
        if !report.dryRun { for tag in pending.tags { report.added[tag.theme, default: 0] += 1 } }
        return pending
    }

    /// A dry run's account: tags it would add, and (for a full run) those it would remove, with
    /// a few answers each for a person to judge the codebook edit.
    private func compareWithStored(_ pending: PendingTags, context: TagRunContext, report: inout TagReport) throws(StoreError) {
        let previous = try automaticTagKeys()
        var texts: [Int64: String] = [:]
        let newTags = Set(pending.tags.map(\.key))
        for tag in pending.tags where !previous.contains(tag.key) {
            report.added[tag.theme, default: 0] += 1
            if report.addedExamples[tag.theme, default: []].count < 3 {
                if texts[tag.event] == nil { texts[tag.event] = try answerText(event: tag.event) ?? "" }
                if tag.source == .rule, let text = texts[tag.event], !text.isEmpty { report.addedExamples[tag.theme, default: []].append(text) }
            }
        }
        guard context.full else { return }
        for key in previous where !newTags.contains(key) {
            report.removed[key.theme, default: 0] += 1
            if report.removedExamples[key.theme, default: []].count < 3, let text = try answerText(event: key.event) {
                report.removedExamples[key.theme, default: []].append(text)
            }
        }
    }
}
