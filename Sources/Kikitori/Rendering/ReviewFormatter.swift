import KikitoriCore
import KikitoriStore
import Foundation

/// The review tables for a terminal: themes by group, group differences, co-occurrence, quotes
/// and answer distributions, aligned by display width.
public struct ReviewFormatter {
    public let codebook: Codebook
    public let language: Language
    public let filter: ReviewFilter
    /// Industry codes' labels, when the questionnaires give them.
    public var industryLabels: [String: String] = [:]

    public init(codebook: Codebook, language: Language, filter: ReviewFilter) {
        self.codebook = codebook
        self.language = language
        self.filter = filter
    }

    private func t(_ phrase: ReviewPhrase) -> String { phrase.text(language) }

    public func themeLabel(_ id: String) -> String {
        codebook.theme(id)?.label.text(language) ?? id
    }

    public func groupLabel(_ group: String, _ dimension: ThemeCrossTab.Dimension) -> String {
        if group == ThemeCrossTab.otherGroup { return PrivacyPhrase.otherGroups.text(language) }
        if dimension == .kind, let kind = RespondentKind(rawValue: group) { return Phrase.respondentKind(kind).text(language) }
        if dimension == .industry, let label = industryLabels[group] { return label }
        return group.isEmpty ? "—" : group
    }

    /// `12 (34%)`; when hidden, `<3` for a small count and `×` for one hidden beside it; `2 (4%)*`
    /// when small but shown (internal).
    public func cell(_ count: Int, of n: Int, hidden: Bool = false) -> String {
        if hidden { return hiddenCount(count) }
        if count > 0 && count < filter.smallCell && filter.audience == .internal { return "\(count) (\(percent(count, n)))*" }
        return "\(count) (\(percent(count, n)))"
    }

    /// `<3` for a small count, `×` for one hidden so that a total does not give the small one away.
    public func hiddenCount(_ count: Int) -> String {
        count > 0 && count < filter.smallCell ? "<\(filter.smallCell)" : "×"
    }

    /// A p-value as printed: three decimals, and `< 0.001` below that.
    public func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : String(format: "%.3f", p)
    }

    /// What a public table's reader needs to know about what is hidden.
    public func suppressionNotes(_ table: ThemeCrossTab) -> [String] {
        guard filter.audience == .public else { return [] }
        var notes = [PrivacyPhrase.suppressionNote(minCell: filter.smallCell).text(language)]
        if !table.mergedGroups.isEmpty {
            notes.append(PrivacyPhrase.mergedGroupsNote(table.mergedGroups.map { groupLabel($0, table.dimension) }, minCell: filter.smallCell).text(language))
            if (table.n[ThemeCrossTab.otherGroup] ?? 0) < filter.smallCell { notes.append(PrivacyPhrase.otherGroupHidden(minCell: filter.smallCell).text(language)) }
        }
        return notes
    }

    func percent(_ count: Int, _ n: Int) -> String {
        n == 0 ? "–" : "\(Int((Double(count) / Double(n) * 100).rounded()))%"
    }

    public func themes(_ table: ThemeCrossTab) -> String {
        var headers = [t(.columnTheme)]
        headers += table.groups.map { "\(groupLabel($0, table.dimension)) (n=\(table.n[$0] ?? 0))" }
        headers.append("\(t(.columnTotal)) (n=\(table.total))")
        var text = TextTable(headers: headers, alignments: [.left] + Array(repeating: .right, count: headers.count - 1))
        for theme in table.themes {
            var row = [themeLabel(theme)]
            row += table.groups.map { cell(table.count(theme, $0), of: table.n[$0] ?? 0, hidden: table.isHidden(theme, $0)) }
            row.append(cell(table.total(theme), of: table.total, hidden: table.isHidden(theme, nil)))
            text.append(row)
        }
        var output = text.render()
        output += t(.unitNote(unit: t(table.unit == .hearings ? .unitHearings : .unitAnswers)))
        output += filter.audience == .public
            ? suppressionNotes(table).joined(separator: Catalogue.sentenceSeparator(language)) + "\n"
            : t(.smallCellsMarked(minCell: filter.smallCell)) + "\n"
        if filter.includeSuggested { output += t(.includesSuggested) + "\n" }
        if let review = filter.review { output += ReviewStatusPhrase.onlyReviewed(review).text(language) + "\n" }
        return output
    }

    public func differences(_ rows: [GroupDifference], first: String, second: String) -> String {
        var table = TextTable(
            headers: [t(.columnTheme), first, second, "p", ""], alignments: [.left, .right, .right, .right, .left])
        for row in rows {
            let flag = row.isSignificant ? t(.differs) : ""
            table.append([
                themeLabel(row.theme), cell(row.first.raised, of: row.first.n, hidden: row.hidden),
                cell(row.second.raised, of: row.second.n, hidden: row.hidden), row.hidden ? "–" : pValue(row.adjustedP), flag,
            ])
        }
        var output = table.render()
        output += t(.fisherNote) + "\n"
        output += PrivacyPhrase.holmNote.text(language) + "\n"
        if rows.first.map({ $0.isSmallSample }) ?? false {
            output += t(.smallGroupCaution) + "\n"
        }
        return output
    }

    public func coOccurrence(_ pairs: [CoOccurrence]) -> String {
        var table = TextTable(
            headers: [t(.columnTheme), t(.columnTheme), t(.columnBoth), "Jaccard"],
            alignments: [.left, .left, .right, .right])
        for pair in pairs {
            // A suppressed count must not be recoverable from its Jaccard figure either.
            table.append([
                themeLabel(pair.first), themeLabel(pair.second), pair.hidden ? hiddenCount(pair.both) : String(pair.both),
                pair.hidden ? "–" : String(format: "%.2f", pair.jaccard),
            ])
        }
        return table.render()
    }

    /// Who said it, as far as consent allows: kind, industry and region; the name only when public_named.
    public func speaker(_ quote: HearingStore.Quote) -> String {
        var parts = [Phrase.respondentKindOne(quote.kind).text(language)]
        if let industry = quote.industry { parts.append(industry) }
        if let region = quote.region { parts.append(region) }
        if let organisation = quote.organisation { parts.append(organisation) }
        return parts.joined(separator: Catalogue.listSeparator(language))
    }

    public func quotes(_ quotes: [HearingStore.Quote], theme: String, style: TextStyle) -> String {
        var lines = ["\(themeLabel(theme)) [\(theme)]"]
        for quote in quotes {
            lines.append("")
            lines.append("  「\(Highlighter.highlight(quote.text, spans: quote.spans, style: style))」")
            lines.append("    — \(speaker(quote))\(quote.confirmed ? t(.confirmed) : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `answers <q> --change`: each (last time → this time) pair with its count, or each pair of texts.
    public func transitions(_ table: AnswerTransitions) -> String {
        guard table.pairs > 0 else { return t(.noFollowUps(table.question)) + "\n" }
        var lines = ["\(table.label)  [\(table.question)]"]
        if table.hidden { return (lines + [t(.followUpsTooFew(minCell: filter.smallCell))]).joined(separator: "\n") + "\n" }
        if table.isText {
            lines += table.texts.map { "  - " + ($0.from + "  →  " + $0.to).replacingOccurrences(of: "\n", with: " ⏎ ") }
        } else {
            var text = TextTable(headers: [t(.columnBefore), t(.columnAfter), t(.columnCount)], alignments: [.left, .left, .right])
            for cell in table.cells { text.append([cell.from, cell.to, cell.hidden ? hiddenCount(cell.count) : String(cell.count)]) }
            lines.append(text.render().trimmingCharacters(in: .newlines))
        }
        // How many kept their answer only where no hidden count could be worked out from it.
        let anyHidden = table.cells.contains(where: \.hidden)
        lines.append(t(.followUpsCompared(pairs: table.pairs, unchanged: anyHidden ? nil : table.unchanged)))
        return lines.joined(separator: "\n") + "\n"
    }

    public func distribution(_ distribution: AnswerDistribution) -> String {
        // A calculation may have no label: its id alone heads it.
        let label = distribution.label.isEmpty ? "" : distribution.label + "  "
        var lines = ["\(label)[\(distribution.question)]  \(distribution.versions.joined(separator: ", "))"]
        if let example = distribution.pooledInstances.first {
            lines.append("  " + t(.pooledInstances(distribution.pooledInstances.count, example: example)))
        }
        if distribution.type == .text {
            lines += distribution.texts.map { "  - " + $0.replacingOccurrences(of: "\n", with: " ⏎ ") }
        } else if !distribution.rows.isEmpty {
            // Numbers have no choices: their summary below is the whole distribution.
            var table = TextTable(headers: [t(.columnChoice), t(.columnCount), ""], alignments: [.left, .right, .left])
            for row in distribution.rows {
                let note = row.onlyIn.isEmpty ? "" : t(.onlyIn(row.onlyIn))
                let count = row.hidden ? hiddenCount(row.count) : String(row.count)
                table.append([row.label, count, note])
            }
            lines.append(table.render().trimmingCharacters(in: .newlines))
        }
        if !distribution.wordings.isEmpty {
            lines.append(ReportCaption.pooled(distribution.wordings.map { ($0.label, $0.versions) }).text(language))
        }
        if let summary = distribution.summary {
            lines.append(summary.hidden ? ReportCaption.summaryHidden.text(language) : ReportCaption.summary(
                n: summary.n, mean: String(format: "%.2f", summary.mean),
                median: summary.median.rounded() == summary.median ? String(Int(summary.median)) : String(format: "%.2f", summary.median)
            ).text(language))
        }
        let dontKnow = distribution.dontKnowHidden ? hiddenCount(distribution.dontKnow) : String(distribution.dontKnow)
        let refused = distribution.refusedHidden ? hiddenCount(distribution.refused) : String(distribution.refused)
        lines.append(t(.answeredSummary(answered: distribution.answered, dontKnow: dontKnow, refused: refused)))
        return lines.joined(separator: "\n") + "\n"
    }
}
