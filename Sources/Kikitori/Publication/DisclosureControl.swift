import KikitoriCore
import KikitoriStore
/// Statistical disclosure control for every count a public output shows.
///
/// 1. Groups (columns) with fewer hearings than the minimum are merged into one 「その他（少数）」
///    column; if that is still too small, its every cell is hidden.
/// 2. Primary suppression: a count from 1 to the minimum − 1 is hidden.
/// 3. Complementary suppression: where a total is shown and exactly one of its parts is hidden, the
///    next smallest part is hidden too, so that no hidden count is the total minus what is shown.
/// 4. Nothing is derived from a hidden count: no share, no p-value, no Jaccard figure, and hidden
///    pairs sort after the shown ones in a fixed order, not by their counts.
///
/// Internal outputs are left as counted (formatters mark small counts instead).
extension Publication {
    /// The themes table as this output may show it.
    public func crossTab(_ original: ThemeCrossTab) -> ThemeCrossTab {
        guard isPublic else { return original }
        let table = groupsAsShown(original)
        let k = minCell
        var shown = table
        // 1. Small groups into one column.
        let small = table.groups.filter { (table.n[$0] ?? 0) < k }
        if !small.isEmpty && table.groups.count > 1 {
            let other = ThemeCrossTab.otherGroup
            shown.groups = table.groups.filter { !small.contains($0) } + [other]
            shown.mergedGroups = small
            shown.n = table.n.filter { !small.contains($0.key) }
            shown.n[other] = small.reduce(0) { $0 + (table.n[$1] ?? 0) }
            for theme in table.themes {
                var row = table.counts[theme] ?? [:]
                let merged = small.reduce(0) { $0 + (row[$1] ?? 0) }
                for group in small { row[group] = nil }
                row[other] = merged
                shown.counts[theme] = row
            }
        }
        var hidden: Set<ThemeCrossTab.Cell> = []
        for theme in shown.themes {
            // 2. Primary: small cells, and every cell of a column that is itself too small.
            var parts: [(group: String, count: Int)] = []
            var hiddenParts = 0
            for group in shown.groups {
                let count = shown.count(theme, group)
                if (count > 0 && count < k) || (shown.n[group] ?? 0) < k {
                    hidden.insert(.init(theme, group))
                    hiddenParts += 1
                } else {
                    parts.append((group, count))
                }
            }
            let total = shown.total(theme)
            let totalHidden = total > 0 && total < k
            if totalHidden { hidden.insert(.init(theme, nil)) }
            // 3. Complementary: one hidden part beside a shown total would be the total minus the rest.
            if hiddenParts == 1 && !totalHidden {
                if let next = Self.nextSmallest(parts) {
                    hidden.insert(.init(theme, next))
                } else {
                    hidden.insert(.init(theme, nil))
                }
            }
        }
        shown.hidden = hidden
        return shown
    }

    /// The part to hide beside another: the smallest non-zero count (a zero says least), else any.
    /// Answer transitions as this output may show them: texts masked; counts under the minimum
    /// hidden, with one more beside a single hidden count (the number of follow-ups is shown); all
    /// of it when the follow-ups themselves are fewer than the minimum.
    public func transitions(_ table: AnswerTransitions) -> AnswerTransitions {
        guard isPublic else { return table }
        var shown = table
        shown.texts = table.texts.map { (text($0.from), text($0.to)) }
        if table.pairs > 0 && table.pairs < minCell {
            shown.hidden = true
            shown.cells = []
            shown.texts = []
            return shown
        }
        var parts: [(group: Int, count: Int)] = []
        var hiddenCount = 0
        for (index, cell) in table.cells.enumerated() {
            if cell.count < minCell {
                shown.cells[index].hidden = true
                hiddenCount += 1
            } else {
                parts.append((index, cell.count))
            }
        }
        if hiddenCount == 1, let next = Self.nextSmallest(parts) { shown.cells[next].hidden = true }
        return shown
    }

    static func nextSmallest<Key: Comparable>(_ parts: [(group: Key, count: Int)]) -> Key? {
        let candidates = parts.filter { $0.count > 0 }.isEmpty ? parts : parts.filter { $0.count > 0 }
        return candidates.min { ($0.count, $0.group) < ($1.count, $1.group) }?.group
    }

    /// Group differences read off `table` (the table as counted) against `published` (as shown):
    /// a row is tested only when every count behind it is shown; p-values are Holm-adjusted over the
    /// rows tested, in public and internal outputs alike.
    public func differences(_ rows: [GroupDifference], table published: ThemeCrossTab, groups: Set<String>) -> [GroupDifference] {
        var result = rows
        if isPublic {
            for index in result.indices {
                let theme = result[index].theme
                let behind = groups.contains { group in published.mergedGroups.contains(group) || published.isHidden(theme, group) }
                let small = [result[index].first.raised, result[index].second.raised].contains { $0 > 0 && $0 < minCell }
                result[index].hidden = behind || small
            }
        }
        let tested = result.indices.filter { !result[$0].hidden }.sorted { result[$0].p < result[$1].p }
        var running = 0.0
        for (rank, index) in tested.enumerated() {
            running = max(running, min(1, Double(tested.count - rank) * result[index].p))
            result[index].adjustedP = running
        }
        return result
    }

    /// Theme pairs as this output may show them: hidden pairs after the others, by theme id.
    public func coOccurrence(_ pairs: [CoOccurrence]) -> [CoOccurrence] {
        guard isPublic else { return pairs }
        var result = pairs
        for index in result.indices where result[index].both > 0 && result[index].both < minCell { result[index].hidden = true }
        let shown = result.filter { !$0.hidden }
        let hidden = result.filter(\.hidden).sorted { ($0.first, $0.second) < ($1.first, $1.second) }
        return shown + hidden
    }

    /// Answer counts as this output may show them, with text answers masked.
    public func distribution(_ distribution: AnswerDistribution) -> AnswerDistribution {
        guard isPublic else { return distribution }
        let k = minCell
        var shown = distribution
        shown.texts = distribution.texts.map { text($0) }
        // Choices naming hidden respondents go into one row at the end: in its own row, a
        // municipality's place in the list would name it.
        let hiddenChoices = shown.rows.indices.filter { index in hides(Choice(value: shown.rows[index].value, label: LocalizedText([language: shown.rows[index].label]))) }
        if !hiddenChoices.isEmpty {
            var folded = shown.rows[hiddenChoices[0]]
            folded.value = ""
            folded.label = PrivacyPhrase.maskedChoices.text(language)
            folded.count = hiddenChoices.reduce(0) { $0 + shown.rows[$1].count }
            folded.onlyIn = []
            shown.rows = shown.rows.indices.filter { !hiddenChoices.contains($0) }.map { shown.rows[$0] } + [folded]
        }
        var parts: [(group: Int, count: Int)] = []
        var hiddenParts = 0
        for index in shown.rows.indices {
            let count = shown.rows[index].count
            if count > 0 && count < k {
                shown.rows[index].hidden = true
                hiddenParts += 1
            } else {
                parts.append((index, count))
            }
        }
        // One answer, one value: the counts add up to the answered total, which is shown.
        let additive: Bool
        switch distribution.type {
        case .selectOne, .yesNo, .scale: additive = true
        default: additive = false
        }
        if additive && hiddenParts == 1, let next = Self.nextSmallest(parts) {
            shown.rows[next].hidden = true
        }
        shown.dontKnowHidden = distribution.dontKnow > 0 && distribution.dontKnow < k
        shown.refusedHidden = distribution.refused > 0 && distribution.refused < k
        // A mean or a range of a few answers is one person's answer; an extreme value in a bin of
        // its own is too: the summary goes with a small n, bins under k with their count.
        if let summary = shown.summary, summary.n < k { shown.summary?.hidden = true }
        if shown.summary?.hidden ?? false {
            shown.histogram = []
        } else {
            // The range's ends are single answers: public summaries give n, mean and median only.
            shown.histogram = shown.histogram.map { $0.count > 0 && $0.count < k ? ($0.lower, $0.upper, -1) : $0 }
        }
        return shown
    }
}
