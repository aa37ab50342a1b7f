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
        var formatter = ReviewFormatter(codebook: report.codebook, language: language, filter: report.filter)
        formatter.industryLabels = report.industryLabels
        self.formatter = formatter
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
        if let review = report.filter.review { lines.append(ReviewStatusPhrase.onlyReviewed(review).text(language)) }
        let coverage = report.textCoverage
        if coverage.total > 0 {
            let share = String(format: "%.0f", 100 * Double(coverage.untagged) / Double(coverage.total))
            lines.append(ReviewPhrase.untagged(count: coverage.untagged, total: coverage.total, share: share).text(language))
        }
        lines.append(t(.madeWith) + " Kikitori \(KikitoriVersion.current), \(date(report.generated))")
        return lines
    }

    // MARK: HTML

    /// Numbers figures and tables in the order they appear, so the text can point to them.
    private final class Numbering {
        var figures = 0
        var tables = 0
        func nextFigure() -> Int { figures += 1; return figures }
        func nextTable() -> Int { tables += 1; return tables }
    }

    private func caption(_ caption: ReportCaption) -> String { caption.text(language) }

    /// Kept on one page (a heading with what it introduces).
    private func keep(_ html: String) -> String { "<div class=\"keep\">\(html)</div>\n" }

    /// Groups as rows (many regions or industries), themes as columns, shares in the cells: fits A4
    /// where fourteen group columns would not. Counts are in the CSV and workbook exports.
    private func groupTable(_ table: ThemeCrossTab, by dimension: ThemeCrossTab.Dimension) -> String {
        var html = "<table class=\"groups\"><tr><th></th><th>n</th>"
        html += table.themes.map { "<th>\(escape(formatter.themeLabel($0)))</th>" }.joined() + "</tr>"
        for group in table.groups {
            let n = table.n[group] ?? 0
            html += "<tr><th>\(escape(formatter.groupLabel(group, dimension)))</th><td class=\"num\">\(n)</td>"
            for theme in table.themes {
                let count = table.count(theme, group)
                let text = table.isHidden(theme, group) ? formatter.hiddenCount(count) : n == 0 ? "–" : "\(Int((table.share(theme, group) * 100).rounded()))%"
                html += "<td class=\"num\">\(escape(text))</td>"
            }
            html += "</tr>"
        }
        return html + "</table>"
    }

    /// A figure with its caption below, kept on one page.
    private func figure(_ number: Int, _ content: String, _ title: ReportCaption, note: String = "") -> String {
        "<figure>\(content)<figcaption>\(escape(caption(.figure(number, caption(title)))))</figcaption>\(note)</figure>\n"
    }

    /// A table with its caption above, kept on one page.
    private func captioned(_ number: Int, _ table: String, _ title: String, note: String = "") -> String {
        "<figure class=\"table\"><figcaption>\(escape(caption(.table(number, title))))</figcaption>\(table)\(note)</figure>\n"
    }

    public func html() -> String {
        let numbering = Numbering()
        var body = "<h1>\(escape(report.title))</h1>\n<p class=\"meta\">\(t(.generated)) \(date(report.generated)) · \(escape(audienceNote))</p>\n"
        body += "<h2>\(t(.overview))</h2>\n"
        var overview = "<table class=\"overview\">"
        for (name, value) in overviewRows() { overview += "<tr><th>\(escape(name))</th><td>\(escape(value))</td></tr>" }
        body += captioned(numbering.nextTable(), overview + "</table>", caption(.overview))
        let kindFigure = numbering.nextFigure(), kindTable = numbering.nextTable()
        // A heading, its sentence and its first figure stay together: no heading at a page's foot.
        body += keep("<h2>\(t(.themesByKindHeading))</h2>\n<p>\(escape(caption(.seeKind(figure: kindFigure, table: kindTable))))</p>\n"
            + figure(kindFigure, barChart(), .themesByKind))
        body += captioned(kindTable, themeTable(report.themes, by: .kind), caption(.themesByKindTable),
            note: tableNotes.map { "<p class=\"meta\">\(escape($0))</p>" }.joined())
        if let regions = report.byRegion, !regions.groups.isEmpty {
            let mapFigure = numbering.nextFigure(), regionTable = numbering.nextTable()
            let theme = mostRaised(regions)
            body += keep("<h2>\(escape(caption(.regionsHeading)))</h2>\n<p>\(escape(caption(.seeRegion(figure: mapFigure, table: regionTable))))</p>\n"
                + figure(mapFigure, regionMap(regions, theme: theme), .themesByRegionMap(formatter.themeLabel(theme)),
                    note: "<p class=\"meta\">\(escape(caption(.mapLegend(formatter.themeLabel(theme)))))</p>"))
            body += captioned(regionTable, groupTable(regions, by: .region), caption(.themesByRegionTable))
        }
        if let industries = report.byIndustry, industries.groups.contains(where: { !$0.isEmpty }) {
            let industryTable = numbering.nextTable()
            body += keep("<h2>\(escape(caption(.industriesHeading)))</h2>\n<p>\(escape(caption(.seeIndustry(table: industryTable))))</p>\n"
                + captioned(industryTable, groupTable(industries, by: .industry), caption(.themesByIndustryTable)))
        }
        body += keep("<h2>\(t(.themesRaisedTogether))</h2>\n"
            + figure(numbering.nextFigure(), heatMap(), .coOccurrence, note: "<p class=\"meta\">\(escape(caption(.heatLegend))) \(t(.jaccardNote))</p>"))
        if !report.networks.isEmpty {
            let first = numbering.figures + 1
            let figures = report.networks.map { network in
                figure(numbering.nextFigure(), network.svg, .network(network.group), note: "<p class=\"meta\">\(escape(caption(.networkNote)))</p>")
            }
            body += keep("<h2>\(escape(caption(.networkHeading)))</h2>\n<p>\(escape(caption(.seeNetworks(first: first, last: numbering.figures))))</p>\n"
                + (figures.first ?? "")) + figures.dropFirst().joined()
        }
        body += keep("<h2>\(t(.firmsAgainstMunicipalitiesHeading))</h2>\n"
            + captioned(numbering.nextTable(), differenceTable(), caption(.differences)))
        body += "<h2>\(t(.quotes))</h2>\n<p class=\"meta\">\(t(.quoteMethod))</p>\n"
        for theme in report.themes.themes {
            guard let quotes = report.quotes[theme], !quotes.isEmpty else { continue }
            body += "<h3>\(escape(formatter.themeLabel(theme)))</h3>\n"
            for quote in quotes {
                body += "<blockquote>\(highlightHTML(quote.text, quote.spans))<footer>— \(escape(formatter.speaker(quote)))</footer></blockquote>\n"
            }
        }
        if !report.distributions.isEmpty {
            body += "<h2>\(t(.choiceAnswers))</h2>\n"
            let first = numbering.tables + 1
            var tables = ""
            for distribution in report.distributions { tables += distributionTable(distribution, number: numbering.nextTable()) }
            body += "<p>\(escape(caption(.seeAnswers(first: first, last: numbering.tables))))</p>\n" + tables
        }
        if isInternal && !report.notes.isEmpty {
            body += "<h2>\(escape(caption(.notesHeading)))</h2>\n<table>"
            for note in report.notes {
                body += "<tr><td>\(escape(note.hearing))</td><td>\(escape(note.question ?? "—"))</td><td>\(escape(note.text))</td></tr>"
            }
            body += "</table>\n"
        }
        if isInternal && !report.memos.isEmpty {
            body += "<h2>\(escape(caption(.memosHeading)))</h2>\n<table>"
            for memo in report.memos {
                let target = memo.subject == .hearing ? String(memo.target.prefix(8)) : memo.target
                body += "<tr><td>\(escape(JapanTime.minute(memo.writtenAt)))</td><td>\(escape(target))</td><td>\(escape(memo.coder))</td><td>\(escape(memo.text))</td></tr>"
            }
            body += "</table>\n"
        }
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
            @page { size: A4; margin: 15mm 15mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #666; } }
            h1, h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
            figure { margin: 0.6em 0; break-inside: avoid; page-break-inside: avoid; }
            figure.table > figcaption { margin-bottom: 0.2em; }
            figcaption { font-size: 9.5pt; font-weight: bold; color: #333; }
            .keep { break-inside: avoid; page-break-inside: avoid; }
            table.groups th, table.groups td { font-size: 8pt; padding: 1px 3px; }
            table.groups tr:first-child th { vertical-align: bottom; max-width: 4.2em; }
            p { orphans: 3; widows: 3; }
            body { font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo", "IPAexGothic", sans-serif; color: #222; max-width: 180mm; margin: 0 auto; font-size: 10.5pt; line-height: 1.6; }
            h1 { font-size: 18pt; border-bottom: 2px solid #333; }
            h2 { font-size: 13pt; margin-top: 1.6em; border-left: 4px solid #1f77b4; padding-left: 0.4em; }
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
        let barHeight = 11.0
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
                    svg += "<text x=\"\(labelWidth + 2)\" y=\"\(y + barHeight - 1)\" font-size=\"9\" fill=\"#666\">\(escape(formatter.hiddenCount(count)))</text>"
                    continue
                }
                let width = chartWidth * table.share(theme, group)
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(String(format: "%.1f", width))\" height=\"\(barHeight - 1)\" fill=\"\(colour)\"/>"
                if count > 0 {
                    svg += "<text x=\"\(labelWidth + width + 3)\" y=\"\(y + barHeight - 1.5)\" font-size=\"9\">\(Int((table.share(theme, group) * 100).rounded()))%</text>"
                }
            }
        }
        svg += "</svg>"
        let legend = groups.map { group in
            "<span><i style=\"background:\(Self.kindColours[group] ?? "#999")\"></i>\(escape(formatter.groupLabel(group, .kind))) (n=\(table.n[group] ?? 0))</span>"
        }.joined()
        return "<div class=\"legend\">\(legend)</div>\n\(svg)\n"
    }

    private func themeTable(_ table: ThemeCrossTab, by dimension: ThemeCrossTab.Dimension) -> String {
        var html = "<table><tr><th>\(t(.themeColumn))</th>"
        html += table.groups.map { "<th>\(escape(formatter.groupLabel($0, dimension)))<br>n=\(table.n[$0] ?? 0)</th>" }.joined()
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
        let cell = 30.0
        let label = 150.0
        // Room above for the column labels at -60°, so that none is clipped.
        let top = 150.0
        let size = label + cell * Double(themes.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size + 40))\" height=\"\(Int(top + cell * Double(themes.count) + 10))\" role=\"img\">"
        for (i, theme) in themes.enumerated() {
            let y = top + Double(i) * cell
            svg += "<text x=\"\(label - 4)\" y=\"\(y + cell / 2)\" font-size=\"9\" text-anchor=\"end\" dominant-baseline=\"middle\">\(escape(formatter.themeLabel(theme)))</text>"
            let x = label + Double(i) * cell + cell / 2
            svg += "<text x=\"\(x)\" y=\"\(top - 4)\" font-size=\"9\" transform=\"rotate(-60 \(x) \(top - 4))\">\(escape(formatter.themeLabel(theme)))</text>"
            for (j, other) in themes.enumerated() {
                let pair = jaccard["\(theme) \(other)"]
                let hidden = pair?.hidden ?? false
                let value = i == j ? 1.0 : (pair.map { $0.hidden ? 0 : $0.jaccard } ?? 0)
                let shade = Int(255 - value * 200)
                let fill = i == j || hidden ? "#eee" : "rgb(\(shade),\(shade),255)"
                let figure = hidden ? "–" : String(format: "%.2f", value)
                svg += "<rect x=\"\(label + Double(j) * cell)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"\(fill)\"><title>\(escape(formatter.themeLabel(theme))) × \(escape(formatter.themeLabel(other))): \(figure)</title></rect>"
                if i != j, let pair, !pair.hidden {
                    svg += "<text x=\"\(label + Double(j) * cell + cell / 2)\" y=\"\(y + cell / 2 + 3)\" font-size=\"9\" text-anchor=\"middle\">\(String(format: "%.2f", pair.jaccard))</text>"
                }
            }
        }
        // The legend: the shade scale from 0 to 1.
        var legend = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"260\" height=\"28\" role=\"img\">"
        for step in 0...10 {
            let value = Double(step) / 10
            let shade = Int(255 - value * 200)
            legend += "<rect x=\"\(step * 20)\" y=\"0\" width=\"20\" height=\"12\" fill=\"rgb(\(shade),\(shade),255)\" stroke=\"#ccc\"/>"
        }
        legend += "<text x=\"0\" y=\"25\" font-size=\"9\">0</text><text x=\"220\" y=\"25\" font-size=\"9\" text-anchor=\"end\">1</text></svg>"
        return svg + "</svg>\n" + legend
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

    /// The theme raised by the largest share of all hearings: what the map shades.
    private func mostRaised(_ table: ThemeCrossTab) -> String {
        table.themes.max { table.total($0) < table.total($1) } ?? table.themes.first ?? ""
    }

    /// Hokkaido's 14 bureaus as tiles placed roughly where they lie (not to scale): the number of
    /// hearings in each, shaded by the share raising `theme`. Drawn from a committed layout rather
    /// than an outline, so it needs no map data and stays legible in print.
    private func regionMap(_ table: ThemeCrossTab, theme: String) -> String {
        let tiles: [(english: String, column: Int, row: Int)] = [
            ("Soya", 3, 0), ("Rumoi", 2, 1), ("Kamikawa", 3, 1), ("Okhotsk", 4, 1),
            ("Ishikari", 1, 2), ("Sorachi", 2, 2), ("Tokachi", 3, 2), ("Kushiro", 4, 2), ("Nemuro", 5, 2),
            ("Shiribeshi", 0, 3), ("Iburi", 1, 3), ("Hidaka", 2, 3), ("Hiyama", 0, 4), ("Oshima", 1, 4),
        ]
        let width = 104.0, height = 62.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width * 6 + 10))\" height=\"\(Int(height * 5 + 10))\" role=\"img\">"
        for tile in tiles {
            guard let bureau = Hokkaido.subprefectures.first(where: { $0.english == tile.english }) else { continue }
            let x = Double(tile.column) * width + 4, y = Double(tile.row) * height + 4
            let n = table.n[bureau.name] ?? 0
            let hidden = table.isHidden(theme, bureau.name) || table.groups.contains(ThemeCrossTab.otherGroup) && n == 0
            let share = n > 0 && !hidden ? table.share(theme, bureau.name) : 0
            let shade = Int(245 - share * 175)
            let fill = n == 0 ? "#f4f4f4" : "rgb(\(shade),\(Int(245 - share * 120)),255)"
            let name = caption(.bureau(name: bureau.name, english: bureau.english))
            let figure = n == 0 ? caption(.mapNoData) : "\(n)\(caption(.mapHearings))" + (hidden || n == 0 ? "" : " · \(Int((share * 100).rounded()))%")
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width - 6)\" height=\"\(height - 6)\" rx=\"6\" fill=\"\(fill)\" stroke=\"#99a\"/>"
            svg += "<text x=\"\(x + (width - 6) / 2)\" y=\"\(y + 22)\" font-size=\"11\" text-anchor=\"middle\">\(escape(name))</text>"
            svg += "<text x=\"\(x + (width - 6) / 2)\" y=\"\(y + 40)\" font-size=\"9.5\" text-anchor=\"middle\" fill=\"#333\">\(escape(figure))</text>"
        }
        return svg + "</svg>"
    }

    private func distributionTable(_ distribution: AnswerDistribution, number: Int) -> String {
        let title = [distribution.section, distribution.label].compactMap { $0 }.joined(separator: " — ")
        var notes = ""
        if !distribution.wordings.isEmpty {
            notes += "<p class=\"meta\">\(escape(caption(.pooled(distribution.wordings.map { ($0.label, $0.versions) }))))</p>"
        }
        if let summary = distribution.summary {
            if summary.hidden {
                notes += "<p class=\"meta\">\(escape(caption(.summaryHidden)))</p>"
            } else {
                let format = { (value: Double) in value.rounded() == value ? String(Int(value)) : String(format: "%.2f", value) }
                var line = caption(.summary(n: summary.n, mean: String(format: "%.2f", summary.mean), median: format(summary.median)))
                // The ends of a range are single answers: internal reports only.
                if isInternal { line = caption(.summaryWithRange(line, caption(.range(format(summary.minimum), format(summary.maximum))))) }
                notes += "<p>\(escape(line))</p>"
            }
        }
        if distribution.type == .scale, distribution.scaleLabels.min != nil || distribution.scaleLabels.max != nil {
            notes += "<p class=\"meta\">\(escape(caption(.scaleEnds(min: distribution.scaleLabels.min, max: distribution.scaleLabels.max))))</p>"
        }
        if !distribution.histogram.isEmpty { notes += histogram(distribution.histogram) }
        if distribution.rows.isEmpty {
            return captioned(number, "", title, note: notes)
        }
        return captioned(number, distributionRows(distribution), title, note: notes)
    }

    /// Bars of a numeric question's answers in equal bins; a bin under the threshold is hidden.
    private func histogram(_ bins: [(lower: Double, upper: Double, count: Int)]) -> String {
        let most = max(1, bins.map(\.count).max() ?? 1)
        let barWidth = 60.0, chartHeight = 80.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(barWidth * Double(bins.count) + 20))\" height=\"\(Int(chartHeight + 40))\" role=\"img\">"
        // Whole numbers once the bins are wide: labels must fit under their bar.
        let wide = (bins.first.map { $0.upper - $0.lower } ?? 0) >= 5
        let format = { (value: Double) in wide || value.rounded() == value ? String(Int(value.rounded())) : String(format: "%.1f", value) }
        for (index, bin) in bins.enumerated() {
            let x = Double(index) * barWidth + 10
            if bin.count < 0 {
                svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(chartHeight - 2)\" font-size=\"9\" text-anchor=\"middle\" fill=\"#666\">\(escape(formatter.hiddenCount(1)))</text>"
            } else {
                let height = chartHeight * Double(bin.count) / Double(most)
                svg += "<rect x=\"\(x + 4)\" y=\"\(chartHeight - height)\" width=\"\(barWidth - 8)\" height=\"\(height)\" fill=\"#1f77b4\"/>"
                svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(chartHeight - height - 3)\" font-size=\"9\" text-anchor=\"middle\">\(bin.count)</text>"
            }
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(chartHeight + 14)\" font-size=\"9\" text-anchor=\"middle\">\(format(bin.lower))–\(format(bin.upper))</text>"
        }
        return svg + "</svg>"
    }

    private func distributionRows(_ distribution: AnswerDistribution) -> String {
        var html = "<table>"
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
