import Foundation
import KikitoriCore
import KikitoriStore

/// Agreement between coders, per theme and overall, and each coder against the codebook's rules.
public struct AgreementReport: Sendable {
    public struct Row: Sendable {
        public var theme: String
        public var figures: AgreementFigures
        /// Each coder's kappa against the rules, over every answer the coder decided for the theme.
        public var versusRules: [String: Double?]
    }

    public var coders: [String]
    public var rows: [Row]
    public var overall: AgreementFigures
    public var overallVersusRules: [String: Double?]
}

/// One answer and theme on which coders' latest decisions differ, every coder's kept.
public struct Disagreement: Sendable {
    public var eventID: UUID
    public var hearingID: UUID
    public var questionID: String
    public var theme: String
    public var text: String?
    /// Coder → applies, in coder order.
    public var decisions: [(coder: String, applies: Bool)]
}

extension HearingStore {
    /// Agreement of `coders` (every coder with decisions when nil) on `theme` (every theme when nil).
    /// - Throws: ``CodingProblem/fewerThanTwoCoders(_:)`` when there is nobody to compare.
    public func agreement(coders wanted: [String]? = nil, theme: String? = nil) throws -> AgreementReport {
        let codings = try codings(theme: theme, coders: wanted)
        let coders = wanted ?? Array(Set(codings.map(\.coder))).sorted()
        guard Set(coders).count >= 2 else { throw CodingProblem.fewerThanTwoCoders(coders) }
        var byTheme: [String: [UUID: [String: Bool]]] = [:]
        for coding in codings { byTheme[coding.theme, default: [:]][coding.eventID, default: [:]][coding.coder] = coding.applies }
        var rows: [AgreementReport.Row] = []
        var allUnits: [[String: Bool]] = []
        var allVersus: [String: [(Bool, Bool)]] = [:]
        for (name, units) in byTheme.sorted(by: { $0.key < $1.key }) {
            let found = try ruleFindings(theme: name)
            var versus: [String: Double?] = [:]
            for coder in coders {
                let pairs = units.compactMap { event, decisions in decisions[coder].map { ($0, found.contains(event)) } }
                versus[coder] = Agreement.kappa(pairs)
                allVersus[coder, default: []] += pairs
            }
            rows.append(.init(theme: name, figures: Agreement.figures(Array(units.values), coders: coders), versusRules: versus))
            allUnits += units.values
        }
        return AgreementReport(
            coders: coders, rows: rows, overall: Agreement.figures(allUnits, coders: coders),
            overallVersusRules: allVersus.mapValues { Agreement.kappa($0) })
    }

    /// Answers and themes on which coders' latest decisions differ, among the hearings `filter` counts.
    public func disagreements(theme: String? = nil, coders: [String]? = nil, filter: ReviewFilter? = nil) throws -> [Disagreement] {
        var units: [String: Disagreement] = [:]
        var order: [String] = []
        for coding in try codings(theme: theme, coders: coders, filter: filter) {
            let key = "\(coding.theme) \(coding.eventID)"
            if units[key] == nil {
                order.append(key)
                units[key] = Disagreement(eventID: coding.eventID, hearingID: coding.hearingID, questionID: coding.questionID, theme: coding.theme, text: coding.text, decisions: [])
            }
            units[key]?.decisions.append((coding.coder, coding.applies))
        }
        return order.compactMap { units[$0] }.filter { Set($0.decisions.map(\.applies)).count > 1 }
    }
}

/// Why a team-coding request cannot be met.
public enum CodingProblem: Error, Equatable {
    case fewerThanTwoCoders([String])
    /// A memo's target is neither a theme nor a hearing.
    case unknownMemoTarget(String)
}

/// The agreement table as text and as CSV rows.
public struct AgreementFormatter {
    public let report: AgreementReport
    public let language: Language

    public init(report: AgreementReport, language: Language) {
        self.report = report
        self.language = language
    }

    public var header: [String] {
        [CodingPhrase.columnTheme, .columnUnits, .columnAgreement, .columnKappa, .columnAlpha].map { $0.text(language) }
            + report.coders.map { CodingPhrase.columnVersusRules($0).text(language) }
    }

    /// Rows of figures, the overall one last; `—` where a figure is undefined.
    public var rows: [[String]] {
        func figure(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
        func row(_ name: String, _ figures: AgreementFigures, _ versus: [String: Double?]) -> [String] {
            [name, String(figures.units), figures.percent.map { String(format: "%.0f%%", $0) } ?? "—", figure(figures.kappa), figure(figures.alpha)]
                + report.coders.map { figure(versus[$0] ?? nil) }
        }
        return report.rows.map { row($0.theme, $0.figures, $0.versusRules) }
            + [row(CodingPhrase.overall.text(language), report.overall, report.overallVersusRules)]
    }

    public func render() -> String {
        var table = TextTable(headers: header, alignments: [.left] + Array(repeating: .right, count: header.count - 1))
        for row in rows { table.append(row) }
        return CodingPhrase.agreementHeading(coders: report.coders).text(language) + "\n" + CodingPhrase.agreementUnits.text(language) + "\n\n"
            + table.render()
    }
}
