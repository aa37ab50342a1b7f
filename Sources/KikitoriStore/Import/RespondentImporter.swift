import Foundation
import KikitoriCore

/// A register of respondents read from CSV — the layout `export respondents` writes, or a list
/// typed in Excel — every row checked, all or nothing. An organisation already registered (same
/// kind and name after folding legal forms, or the same id) is counted as known, not added twice.
public struct RespondentImporter: Sendable {
    /// The columns read; `municipality_code`, `pseudonym` and `hearings` are what the export derives
    /// and are not read back.
    public static let columns = [
        "respondent_id", "kind", "organisation", "person_name", "person_role", "industry", "municipality", "municipality_code", "region",
        "pseudonym", "hearings",
    ]
    public static let requiredColumns = ["kind", "organisation"]

    public struct Result: Sendable {
        /// Respondents to add, in file order.
        public var respondents: [Respondent]
        /// Rows naming a respondent the database (or an earlier row) already has.
        public var known: Int
        public var encoding: ImportText.Encoding
    }

    let existing: [Respondent]

    public init(existing: [Respondent]) {
        self.existing = existing
    }

    public func read(_ bytes: [UInt8], path: String, now: Date = Date()) throws(ImportFailure) -> Result {
        let fail = { (problems: [ImportProblem]) in ImportFailure(path: path, problems: problems) }
        let (records, encoding) = try ImportText.records(bytes, path: path)
        guard let header = records.first else { throw fail([ImportProblem(line: 1, reason: .empty)]) }
        var problems: [ImportProblem] = []
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            if index[name] != nil {
                problems.append(ImportProblem(line: header.line, column: name, reason: .duplicateColumn))
            } else if !Self.columns.contains(name) {
                problems.append(ImportProblem(
                    line: header.line, column: name, reason: .unknownColumn(suggestion: YAMLReader.suggestion(for: name, among: Self.columns))))
            }
            index[name] = position
        }
        for name in Self.requiredColumns where index[name] == nil {
            problems.append(ImportProblem(line: header.line, column: name, reason: .missingColumn))
        }
        guard problems.isEmpty else { throw fail(problems) }

        var byID = Set(existing.map(\.id))
        var byKey = Set(existing.map { Self.key($0.kind, $0.organisation) })
        var respondents: [Respondent] = []
        var known = 0
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                problems.append(ImportProblem(line: record.line, reason: .ragged(fields: record.fields.count, expected: header.fields.count)))
                continue
            }
            func value(_ column: String) -> String? { record.cell(index[column]) }
            var rowProblems: [ImportProblem] = []
            func problem(_ column: String, _ reason: ImportProblem.Reason) {
                rowProblems.append(ImportProblem(line: record.line, column: column, value: value(column), reason: reason))
            }
            var id: UUID?
            if let text = value("respondent_id") {
                if let parsed = UUID(uuidString: text) { id = parsed } else { problem("respondent_id", .badID) }
            }
            let kind = value("kind").flatMap(RespondentKind.init(rawValue:))
            if kind == nil {
                problem("kind", value("kind") == nil ? .required : .invalid(allowed: RespondentKind.allCases.map(\.rawValue)))
            }
            let organisation = value("organisation")
            if organisation == nil { problem("organisation", .required) }
            for column in ["organisation", "person_name", "person_role", "industry", "municipality", "region"] {
                guard let text = value(column) else { continue }
                do { try AnswerParser.checkText(text) } catch { problem(column, .answer(error)) }
            }
            guard rowProblems.isEmpty, let kind, let organisation else {
                problems += rowProblems
                continue
            }
            // An id is authoritative (an export read back); without one, the folded name decides.
            let key = Self.key(kind, organisation)
            if let id, byID.contains(id) {
                known += 1
                continue
            }
            if id == nil, byKey.contains(key) {
                known += 1
                continue
            }
            let municipality = value("municipality")
            let region = value("region").map { Hokkaido.subprefecture(named: $0)?.name ?? $0 }
                ?? municipality.flatMap { Hokkaido.subprefecture(of: $0)?.name }
            let respondent = Respondent(
                id: id ?? UUID(), kind: kind, organisation: organisation, personName: value("person_name"), personRole: value("person_role"),
                industry: value("industry"), municipality: municipality, region: region, createdAt: now)
            byID.insert(respondent.id)
            byKey.insert(key)
            respondents.append(respondent)
        }
        guard problems.isEmpty else { throw fail(problems) }
        return Result(respondents: respondents, known: known, encoding: encoding)
    }

    /// Hokkaido's 179 municipalities as respondents of `kind`, each with its subprefecture as region.
    public static func hokkaidoMunicipalities(kind: RespondentKind, now: Date = Date()) -> [Respondent] {
        Hokkaido.subprefectures.flatMap { subprefecture in
            subprefecture.municipalities.map {
                Respondent(kind: kind, organisation: $0, municipality: $0, region: subprefecture.name, createdAt: now)
            }
        }
    }

    /// Registers `respondents` that are not already known, by kind and folded name.
    public func newOnes(_ respondents: [Respondent]) -> (new: [Respondent], known: Int) {
        let keys = Set(existing.map { Self.key($0.kind, $0.organisation) })
        let new = respondents.filter { !keys.contains(Self.key($0.kind, $0.organisation)) }
        return (new, respondents.count - new.count)
    }

    static func key(_ kind: RespondentKind, _ organisation: String) -> String {
        kind.rawValue + "\u{1F}" + OrganisationKey.make(organisation)
    }
}
