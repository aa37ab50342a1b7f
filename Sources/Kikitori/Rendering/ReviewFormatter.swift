import KikitoriCore
import KikitoriStore
import Foundation

/// The review tables for a terminal: themes by group, group differences, co-occurrence, quotes
/// and answer distributions, aligned by display width.
public struct ReviewFormatter {
    public let codebook: Codebook
    public let language: Language
    public let filter: ReviewFilter

    public init(codebook: Codebook, language: Language, filter: ReviewFilter) {
        self.codebook = codebook
        self.language = language
        self.filter = filter
    }

    var ja: Bool { language == .ja }

    public func themeLabel(_ id: String) -> String {
        codebook.theme(id)?.label.text(language) ?? id
    }

    public func groupLabel(_ group: String, _ dimension: ThemeCrossTab.Dimension) -> String {
        if group == ThemeCrossTab.otherGroup { return PrivacyPhrase.otherGroups.text(language) }
        if dimension == .kind, let kind = RespondentKind(rawValue: group) { return Phrase.respondentKind(kind).text(language) }
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
        var headers = [ja ? "テーマ" : "theme"]
        headers += table.groups.map { "\(groupLabel($0, table.dimension)) (n=\(table.n[$0] ?? 0))" }
        headers.append("\(ja ? "計" : "total") (n=\(table.total))")
        var text = TextTable(headers: headers, alignments: [.left] + Array(repeating: .right, count: headers.count - 1))
        for theme in table.themes {
            var row = [themeLabel(theme)]
            row += table.groups.map { cell(table.count(theme, $0), of: table.n[$0] ?? 0, hidden: table.isHidden(theme, $0)) }
            row.append(cell(table.total(theme), of: table.total, hidden: table.isHidden(theme, nil)))
            text.append(row)
        }
        var output = text.render()
        let unit = table.unit == .hearings ? (ja ? "ヒアリング数" : "hearings") : (ja ? "回答数" : "answers")
        output += ja ? "単位: \(unit)（テーマに該当した数と割合）。" : "Unit: \(unit) raising each theme, with shares. "
        output += filter.audience == .public
            ? suppressionNotes(table).joined(separator: ja ? "" : " ") + "\n"
            : (ja ? "\(filter.smallCell) 未満のセルに * を付けています。\n" : "Cells under \(filter.smallCell) are marked *.\n")
        return output
    }

    public func differences(_ rows: [GroupDifference], first: String, second: String) -> String {
        var table = TextTable(
            headers: [ja ? "テーマ" : "theme", first, second, "p", ""], alignments: [.left, .right, .right, .right, .left])
        for row in rows {
            let flag = row.isSignificant ? (ja ? "差あり" : "differs") : ""
            table.append([
                themeLabel(row.theme), cell(row.first.raised, of: row.first.n, hidden: row.hidden),
                cell(row.second.raised, of: row.second.n, hidden: row.hidden), row.hidden ? "–" : pValue(row.adjustedP), flag,
            ])
        }
        var output = table.render()
        output += ja
            ? "Fisher の正確確率検定（両側）。p < 0.05 に「差あり」。ヒアリング数が少ないため目安として読んでください。\n"
            : "Fisher's exact test, two-sided; 'differs' at p < 0.05. Hearings are few: read it as a screening figure.\n"
        output += PrivacyPhrase.holmNote.text(language) + "\n"
        if rows.first.map({ $0.isSmallSample }) ?? false {
            output += ja ? "注意: 5 件未満のグループがあり、検定はほぼ意味を持ちません。\n" : "Caution: a group has fewer than 5 hearings; the test can hardly say anything.\n"
        }
        return output
    }

    public func coOccurrence(_ pairs: [CoOccurrence]) -> String {
        var table = TextTable(
            headers: [ja ? "テーマ" : "theme", ja ? "テーマ" : "theme", ja ? "同時" : "both", "Jaccard"],
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
        return parts.joined(separator: ja ? "・" : ", ")
    }

    public func quotes(_ quotes: [HearingStore.Quote], theme: String, style: TextStyle) -> String {
        var lines = ["\(themeLabel(theme)) [\(theme)]"]
        for quote in quotes {
            lines.append("")
            lines.append("  「\(Highlighter.highlight(quote.text, spans: quote.spans, style: style))」")
            lines.append("    — \(speaker(quote))\(quote.confirmed ? (ja ? "（確認済み）" : " (confirmed)") : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func distribution(_ distribution: AnswerDistribution) -> String {
        var lines = ["\(distribution.label)  [\(distribution.question)]  \(distribution.versions.joined(separator: ", "))"]
        if distribution.type == .text {
            lines += distribution.texts.map { "  - " + $0.replacingOccurrences(of: "\n", with: " ⏎ ") }
        } else {
            var table = TextTable(headers: [ja ? "選択肢" : "choice", ja ? "件数" : "count", ""], alignments: [.left, .right, .left])
            for row in distribution.rows {
                let note = row.onlyIn.isEmpty ? "" : (ja ? "（\(row.onlyIn.joined(separator: "、")) のみ）" : "(only in \(row.onlyIn.joined(separator: ", ")))")
                let count = row.hidden ? hiddenCount(row.count) : String(row.count)
                table.append([row.label, count, note])
            }
            lines.append(table.render().trimmingCharacters(in: .newlines))
        }
        let dontKnow = distribution.dontKnowHidden ? hiddenCount(distribution.dontKnow) : String(distribution.dontKnow)
        let refused = distribution.refusedHidden ? hiddenCount(distribution.refused) : String(distribution.refused)
        lines.append(ja
            ? "回答 \(distribution.answered)、わからない \(dontKnow)、回答拒否 \(refused)"
            : "answered \(distribution.answered), don't know \(dontKnow), refused \(refused)")
        return lines.joined(separator: "\n") + "\n"
    }
}
