import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Registers of respondents: a CSV read all or nothing, and Hokkaido's municipalities with their codes.
@Suite("Respondent registers")
struct RespondentImportTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func csvRowsBecomeRespondentsOnce() throws {
        let text = """
            kind,organisation,person_name,municipality,region\r
            private_firm,株式会社オホーツク水産,佐藤,網走市,\r
            municipal_staff,ニセコ町,,ニセコ町,\r
            private_firm,（株）オホーツク水産,,,\r
            other,北海道データ協会,,,十勝\r

            """
        // Excel on Japanese Windows saves CP932.
        let bytes = Array(try #require(text.data(using: .shiftJIS)))
        let result = try RespondentImporter(existing: []).read(bytes, path: "register.csv")
        #expect(result.encoding == .cp932)
        #expect(result.respondents.map(\.organisation) == ["株式会社オホーツク水産", "ニセコ町", "北海道データ協会"])
        #expect(result.known == 1)
        #expect(result.respondents[0].region == "オホーツク総合振興局")
        #expect(result.respondents[1].region == "後志総合振興局")
        #expect(result.respondents[2].region == "十勝総合振興局")
        // Read again against what was registered: nothing new.
        let again = try RespondentImporter(existing: result.respondents).read(bytes, path: "register.csv")
        #expect(again.respondents.isEmpty && again.known == 4)
    }

    @Test func problemsNameLineColumnAndNothingIsRead() {
        let text = "kind,organisation,organisaton\nprivate_firm,A社,\nfirm,B社,\nprivate_firm,,\n"
        #expect {
            _ = try RespondentImporter(existing: []).read(Array(text.utf8), path: "r.csv")
        } throws: { error in
            guard let failure = error as? ImportFailure else { return false }
            return failure.problems.map { $0.message(path: "r.csv", language: .en) } == ["r.csv:1: column 'organisaton': unknown column; did you mean 'organisation'?"]
        }
        let rows = "kind,organisation,person_name\nprivate_firm,A社,\nfirm,B社,\nprivate_firm,,\nprivate_firm,C社,\"x\u{07}y\"\n"
        #expect {
            _ = try RespondentImporter(existing: []).read(Array(rows.utf8), path: "r.csv")
        } throws: { error in
            guard let failure = error as? ImportFailure else { return false }
            return failure.problems.map { "\($0.line) \($0.column ?? "")" } == ["3 kind", "4 organisation", "5 person_name"]
        }
    }

    @Test func hokkaidoRegisterHasEveryMunicipalityWithItsCode() throws {
        let register = RespondentImporter.hokkaidoMunicipalities(kind: .municipalityHead)
        #expect(register.count == 179)
        #expect(Hokkaido.codesAndReadings.count == 179)
        var codes: Set<String> = []
        for respondent in register {
            let code = try #require(Hokkaido.code(of: respondent.organisation), "\(respondent.organisation)")
            // JIS X 0402: the sixth digit checks the first five (weights 6…2, modulus 11).
            let digits = code.compactMap(\.wholeNumberValue)
            let sum = zip(digits.prefix(5), [6, 5, 4, 3, 2]).map(*).reduce(0, +)
            #expect(digits.count == 6 && digits[5] == (11 - sum % 11) % 10, "\(respondent.organisation) \(code)")
            #expect(code.hasPrefix("01"))
            codes.insert(code)
            #expect(respondent.region == Hokkaido.subprefecture(of: respondent.organisation)?.name)
        }
        #expect(codes.count == 179)
        #expect(Hokkaido.code(of: "札幌市") == "011002" && Hokkaido.code(of: "小樽市") == "012033" && Hokkaido.code(of: "東京都") == nil)
        let store = try HearingStore(path: directory.url.appendingPathComponent("r.sqlite").path)
        let first = RespondentImporter(existing: try store.respondents()).newOnes(register)
        try store.insertRespondents(first.new)
        let second = RespondentImporter(existing: try store.respondents()).newOnes(RespondentImporter.hokkaidoMunicipalities(kind: .municipalityHead))
        #expect(first.new.count == 179 && second.new.isEmpty && second.known == 179)
    }

    /// `export respondents` reads back into a new database as the same respondents.
    @Test func exportReadsBack() throws {
        let source = try HearingStore(path: directory.url.appendingPathComponent("s.sqlite").path)
        try SyntheticHearings(questionnaires: [try sampleLibrary.load("digital-talent@1")], seed: 2).write(hearings: 8, to: source)
        let filter = ReviewFilter(status: nil, audience: .internal)
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        let path = directory.url.appendingPathComponent("respondents.csv").path
        try OutputFile.stream(to: path, force: true, mode: 0o600) { sink in
            let writer = try CSVWriter(encoding: .utf8BOM, sink: sink)
            try CSVExporter(store: source, publication: Publication(store: source, filter: filter, language: .ja))
                .export(.respondents, options: ExportOptions(filter: filter, labels: nil), codebook: codebook, writer: writer)
            try writer.flush()
        }
        let result = try RespondentImporter(existing: []).read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        let before = try source.respondents()
        #expect(result.encoding == .utf8BOM)
        let read: Set<UUID> = Set(result.respondents.map(\.id)), registered: Set<UUID> = Set(before.map(\.id))
        #expect(read == registered)
        for respondent in result.respondents {
            let original = try #require(before.first { $0.id == respondent.id })
            #expect(respondent.organisation == original.organisation && respondent.kind == original.kind && respondent.region == original.region)
        }
    }
}
