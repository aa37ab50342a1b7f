import KikitoriCore
import KikitoriStore
import Foundation

/// The report as one self-contained HTML file (inline CSS and SVG, printable on A4) or as Markdown.
public struct ReportRenderer {
    public let report: Report
    public let language: Language
    private let formatter: ReviewFormatter

    public init(report: Report, language: Language) {
        self.report = report
        self.language = language
        formatter = ReviewFormatter(codebook: report.codebook, language: language, filter: report.filter)
    }

    private var ja: Bool { language == .ja }
    private func t(_ phrase: ReportPhrase) -> String { phrase.text(language) }

    private static let kindColours = ["private_firm": "#1f77b4", "municipality_head": "#ff7f0e", "municipal_staff": "#2ca02c", "other": "#7f7f7f"]

    private func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    private var audienceNote: String {
        PrivacyPhrase.audienceNote(report.filter.audience, minCell: report.filter.smallCell).text(language)
    }

    private var isInternal: Bool { report.filter.audience == .internal }

    /// Notes under the themes table: what is hidden and how speakers are described.
    private var tableNotes: [String] {
        formatter.suppressionNotes(report.themes) + (isInternal ? [] : [PrivacyPhrase.attributionNote(minCell: report.filter.smallCell).text(language)])
    }

    // MARK: Markdown

    public func markdown() -> String {
        var lines = isInternal ? ["**\(PrivacyPhrase.internalBanner.text(language))**", ""] : []
        lines += ["# \(report.title)", "", "\(t(.generated)): \(date(report.generated))  ", audienceNote, ""]
        lines += ["## \(t(.overview))", ""]
        lines += overviewRows().map { "- \($0.0): \($0.1)" }
        lines += ["", "## \(t(.themesHeading))", "", "```", formatter.themes(report.themes).trimmingCharacters(in: .newlines), "```", ""]
        if !isInternal { lines += [PrivacyPhrase.attributionNote(minCell: report.filter.smallCell).text(language), ""] }
        lines += ["## \(t(.differencesBetweenGroups))", "", "```"]
        lines.append(formatter.differences(report.differences, first: t(.firms), second: t(.municipalities)).trimmingCharacters(in: .newlines))
        lines += ["```", "", "## \(t(.themesRaisedTogether))", "", "```", formatter.coOccurrence(Array(report.coOccurrence.prefix(15))).trimmingCharacters(in: .newlines), "```", ""]
        lines += ["## \(t(.quotes))", ""]
        for theme in report.themes.themes {
            guard let quotes = report.quotes[theme], !quotes.isEmpty else { continue }
            lines.append("### \(formatter.themeLabel(theme))")
            lines.append("")
            for quote in quotes {
                lines.append("> \(Highlighter.highlight(quote.text, spans: quote.spans, style: .plain).replacingOccurrences(of: "\n", with: " "))")
                lines.append(">")
                lines.append("> — \(formatter.speaker(quote))")
                lines.append("")
            }
        }
        lines += ["## \(t(.choiceAnswers))", ""]
        for distribution in report.distributions {
            lines += ["```", formatter.distribution(distribution).trimmingCharacters(in: .newlines), "```", ""]
        }
        lines += ["## \(t(.method))", ""]
        lines += methodLines().map { "- \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func overviewRows() -> [(String, String)] {
        var rows: [(String, String)] = []
        let kinds = RespondentKind.allCases.compactMap { kind in
            report.byKind[kind.rawValue].map { "\(Phrase.respondentKind(kind).text(language)) \($0)" }
        }
        rows.append((t(.hearingsByKind), kinds.joined(separator: ", ")))
        let statuses = HearingStatus.allCases.compactMap { status in
            report.byStatus[status.rawValue].map { "\(ShellPhrase.status(status).text(language)) \($0)" }
        }
        rows.append((t(.status), statuses.joined(separator: ", ")))
        rows.append((t(.questionnaireVersions), report.byVersion.keys.sorted().map { "\($0) \(report.byVersion[$0] ?? 0)" }.joined(separator: ", ")))
        if let period = report.period { rows.append((t(.period), "\(date(period.first)) – \(date(period.last))")) }
        return rows
    }

    private func methodLines() -> [String] {
        var lines = [
            t(.codebook) + ": \(report.codebook.reference) (\(report.codebook.shortFingerprint))",
            t(.questionnaires) + ": " + report.questionnaires.map { "\($0.reference) (\($0.fingerprint.prefix(12)))" }.joined(separator: ", "),
            t(.counted) + ": " + (report.filter.status.map { ShellPhrase.status($0).text(language) } ?? t(.everyStatus))
                + (report.filter.questionnaire.map { ", \($0)" } ?? ""),
            t(.countingRule),
            t(.quoteMethod),
            t(.fisherMethod) + " " + PrivacyPhrase.holmNote.text(language),
            audienceNote,
        ]
        if report.filter.includeSuggested { lines.append(ReviewPhrase.includesSuggested.text(language)) }
        let coverage = report.textCoverage
        if coverage.total > 0 {
            let share = String(format: "%.0f", 100 * Double(coverage.untagged) / Double(coverage.total))
            lines.append(ReviewPhrase.untagged(count: coverage.untagged, total: coverage.total, share: share).text(language))
        }
        lines.append(t(.madeWith) + " Kikitori \(KikitoriVersion.current), \(date(report.generated))")
        return lines
    }

    // MARK: HTML

    public func html() -> String {
        var body = "<h1>\(escape(report.title))</h1>\n<p class=\"meta\">\(t(.generated)) \(date(report.generated)) · \(escape(audienceNote))</p>\n"
        body += "<h2>\(t(.overview))</h2>\n<table class=\"overview\">"
        for (name, value) in overviewRows() { body += "<tr><th>\(escape(name))</th><td>\(escape(value))</td></tr>" }
        body += "</table>\n"
        body += "<h2>\(t(.themesByKindHeading))</h2>\n" + barChart() + themeTable()
            + tableNotes.map { "<p class=\"meta\">\(escape($0))</p>\n" }.joined()
        body += "<h2>\(t(.themesRaisedTogether))</h2>\n" + heatMap()
        body += "<h2>\(t(.firmsAgainstMunicipalitiesHeading))</h2>\n" + differenceTable()
        body += "<h2>\(t(.quotes))</h2>\n"
        for theme in report.themes.themes {
            guard let quotes = report.quotes[theme], !quotes.isEmpty else { continue }
            body += "<h3>\(escape(formatter.themeLabel(theme)))</h3>\n"
            for quote in quotes {
                body += "<blockquote>\(highlightHTML(quote.text, quote.spans))<footer>— \(escape(formatter.speaker(quote)))</footer></blockquote>\n"
            }
        }
        body += "<h2>\(t(.choiceAnswers))</h2>\n"
        for distribution in report.distributions { body += distributionTable(distribution) }
        body += "<h2>\(t(.method))</h2>\n<ul class=\"method\">" + methodLines().map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        if isInternal {
            // A table's header repeats on every printed page: the banner cannot be lost with page 1.
            body = "<table class=\"pages\"><thead><tr><td><div class=\"banner\">\(escape(PrivacyPhrase.internalBanner.text(language)))</div></td></tr></thead>"
                + "<tbody><tr><td>\n\(body)</td></tr></tbody></table>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(escape(report.title))</title>
            <style>
            @page { size: A4; margin: 15mm; }
            body { font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo", "IPAexGothic", sans-serif; color: #222; max-width: 180mm; margin: 0 auto; font-size: 10.5pt; line-height: 1.6; }
            h1 { font-size: 18pt; border-bottom: 2px solid #333; }
            h2 { font-size: 13pt; margin-top: 1.6em; border-left: 4px solid #1f77b4; padding-left: 0.4em; page-break-after: avoid; }
            h3 { font-size: 11pt; margin-bottom: 0.2em; }
            table { border-collapse: collapse; margin: 0.5em 0; page-break-inside: avoid; }
            th, td { border: 1px solid #ccc; padding: 2px 6px; font-size: 9.5pt; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .meta { color: #666; font-size: 9pt; }
            .flag { color: #b00; font-weight: bold; }
            blockquote { margin: 0.4em 0 0.8em 1em; padding-left: 0.8em; border-left: 3px solid #ddd; page-break-inside: avoid; }
            blockquote footer { color: #666; font-size: 9pt; }
            mark { background: #ffe98a; }
            svg text { font-family: inherit; }
            .legend span { display: inline-block; margin-right: 1em; font-size: 9pt; }
            .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 3px; }
            .banner { color: #b00; font-weight: bold; border: 2px solid #b00; padding: 2px 8px; text-align: center; background: #fff; }
            table.pages, table.pages > * > tr > td { border: none; padding: 0; margin: 0; width: 100%; page-break-inside: auto; font-size: inherit; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func highlightHTML(_ text: String, _ spans: [Range<Int>]) -> String {
        let bytes = Array(text.utf8)
        var html = ""
        var position = 0
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) where span.lowerBound >= position && span.upperBound <= bytes.count {
            html += escape(String(decoding: bytes[position..<span.lowerBound], as: UTF8.self))
            html += "<mark>" + escape(String(decoding: bytes[span], as: UTF8.self)) + "</mark>"
            position = span.upperBound
        }
        html += escape(String(decoding: bytes[position...], as: UTF8.self))
        return html.replacingOccurrences(of: "\n", with: "<br>")
    }


    /// Horizontal bars: for each theme, one bar per respondent kind, as the share of that kind's hearings.
    private func barChart() -> String {
        let table = report.themes
        let groups = table.groups
        let labelWidth = 170.0
        let chartWidth = 460.0
        let barHeight = 9.0
        let rowHeight = Double(max(1, groups.count)) * barHeight + 8
        let height = Double(table.themes.count) * rowHeight + 24
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + chartWidth + 50))\" height=\"\(Int(height))\" role=\"img\">"
        for tick in stride(from: 0, through: 100, by: 25) {
            let x = labelWidth + chartWidth * Double(tick) / 100
            svg += "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(height - 16)\" stroke=\"#eee\"/><text x=\"\(x)\" y=\"\(height - 4)\" font-size=\"9\" text-anchor=\"middle\">\(tick)%</text>"
        }
        for (row, theme) in table.themes.enumerated() {
            let top = Double(row) * rowHeight + 4
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(top + rowHeight / 2)\" font-size=\"10\" text-anchor=\"end\" dominant-baseline=\"middle\">\(escape(formatter.themeLabel(theme)))</text>"
            for (index, group) in groups.enumerated() {
                let count = table.count(theme, group)
                let y = top + Double(index) * barHeight
                let colour = Self.kindColours[group] ?? "#999"
                if table.isHidden(theme, group) {
                    svg += "<text x=\"\(labelWidth + 2)\" y=\"\(y + barHeight - 1)\" font-size=\"8\" fill=\"#888\">\(escape(formatter.hiddenCount(count)))</text>"
                    continue
                }
                let width = chartWidth * table.share(theme, group)
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(String(format: "%.1f", width))\" height=\"\(barHeight - 1)\" fill=\"\(colour)\"/>"
                if count > 0 {
                    svg += "<text x=\"\(labelWidth + width + 3)\" y=\"\(y + barHeight - 1.5)\" font-size=\"8\">\(Int((table.share(theme, group) * 100).rounded()))%</text>"
                }
            }
        }
        svg += "</svg>"
        let legend = groups.map { group in
            "<span><i style=\"background:\(Self.kindColours[group] ?? "#999")\"></i>\(escape(formatter.groupLabel(group, .kind))) (n=\(table.n[group] ?? 0))</span>"
        }.joined()
        return "<div class=\"legend\">\(legend)</div>\n\(svg)\n"
    }

    private func themeTable() -> String {
        let table = report.themes
        var html = "<table><tr><th>\(t(.themeColumn))</th>"
        html += table.groups.map { "<th>\(escape(formatter.groupLabel($0, .kind)))<br>n=\(table.n[$0] ?? 0)</th>" }.joined()
        html += "<th>\(t(.totalColumn))<br>n=\(table.total)</th></tr>"
        for theme in table.themes {
            html += "<tr><td>\(escape(formatter.themeLabel(theme)))</td>"
            html += table.groups.map {
                "<td class=\"num\">\(escape(formatter.cell(table.count(theme, $0), of: table.n[$0] ?? 0, hidden: table.isHidden(theme, $0))))</td>"
            }.joined()
            html += "<td class=\"num\">\(escape(formatter.cell(table.total(theme), of: table.total, hidden: table.isHidden(theme, nil))))</td></tr>"
        }
        return html + "</table>\n"
    }

    /// Jaccard similarity of every pair of themes, darker for themes raised together more often.
    private func heatMap() -> String {
        let themes = report.themes.themes
        var jaccard: [String: CoOccurrence] = [:]
        for pair in report.coOccurrence { jaccard["\(pair.first) \(pair.second)"] = pair; jaccard["\(pair.second) \(pair.first)"] = pair }
        let cell = 26.0
        let label = 150.0
        let size = label + cell * Double(themes.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size + 10))\" height=\"\(Int(size + 10))\" role=\"img\">"
        for (i, theme) in themes.enumerated() {
            let y = label + Double(i) * cell
            svg += "<text x=\"\(label - 4)\" y=\"\(y + cell / 2)\" font-size=\"9\" text-anchor=\"end\" dominant-baseline=\"middle\">\(escape(formatter.themeLabel(theme)))</text>"
            let x = label + Double(i) * cell + cell / 2
            svg += "<text x=\"\(x)\" y=\"\(label - 4)\" font-size=\"9\" transform=\"rotate(-60 \(x) \(label - 4))\">\(escape(formatter.themeLabel(theme)))</text>"
            for (j, other) in themes.enumerated() {
                let pair = jaccard["\(theme) \(other)"]
                let hidden = pair?.hidden ?? false
                let value = i == j ? 1.0 : (pair.map { $0.hidden ? 0 : $0.jaccard } ?? 0)
                let shade = Int(255 - value * 200)
                let fill = i == j || hidden ? "#eee" : "rgb(\(shade),\(shade),255)"
                let figure = hidden ? "–" : String(format: "%.2f", value)
                svg += "<rect x=\"\(label + Double(j) * cell)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"\(fill)\"><title>\(escape(formatter.themeLabel(theme))) × \(escape(formatter.themeLabel(other))): \(figure)</title></rect>"
                if i != j, let pair, !pair.hidden {
                    svg += "<text x=\"\(label + Double(j) * cell + cell / 2)\" y=\"\(y + cell / 2 + 3)\" font-size=\"7\" text-anchor=\"middle\">\(String(format: "%.2f", pair.jaccard))</text>"
                }
            }
        }
        return svg + "</svg>\n<p class=\"meta\">\(t(.jaccardNote))</p>\n"
    }

    private func differenceTable() -> String {
        var html = "<table><tr><th>\(t(.themeColumn))</th><th>\(t(.firmsColumn))</th><th>\(t(.municipalitiesColumn))</th><th>p</th><th></th></tr>"
        for row in report.differences {
            html += "<tr><td>\(escape(formatter.themeLabel(row.theme)))</td>"
            html += "<td class=\"num\">\(escape(formatter.cell(row.first.raised, of: row.first.n, hidden: row.hidden)))</td>"
            html += "<td class=\"num\">\(escape(formatter.cell(row.second.raised, of: row.second.n, hidden: row.hidden)))</td>"
            html += "<td class=\"num\">\(escape(row.hidden ? "–" : formatter.pValue(row.adjustedP)))</td><td class=\"flag\">\(row.isSignificant ? ReviewPhrase.differs.text(language) : "")</td></tr>"
        }
        html += "</table>\n<p class=\"meta\">\(t(.fisherNote)) \(escape(PrivacyPhrase.holmNote.text(language)))</p>\n"
        if report.differences.first?.isSmallSample ?? false {
            html += "<p class=\"flag\">\(t(.smallGroupWarning))</p>\n"
        }
        return html
    }

    private func distributionTable(_ distribution: AnswerDistribution) -> String {
        var html = "<h3>\(escape(distribution.label)) <span class=\"meta\">[\(escape(distribution.question))]</span></h3><table>"
        let total = max(1, distribution.answered)
        for row in distribution.rows {
            let count = row.hidden ? escape(formatter.hiddenCount(row.count)) : String(row.count)
            let note = row.onlyIn.isEmpty ? "" : " <span class=\"meta\">(\(t(.onlyInVersions)): \(escape(row.onlyIn.joined(separator: ", "))))</span>"
            let width = row.hidden ? 0 : Int(Double(row.count) / Double(total) * 200)
            html += "<tr><td>\(escape(row.label))\(note)</td><td class=\"num\">\(count)</td><td><svg width=\"204\" height=\"10\"><rect width=\"\(width)\" height=\"9\" fill=\"#1f77b4\"/></svg></td></tr>"
        }
        return html + "</table>\n"
    }
}
