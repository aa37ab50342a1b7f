import Foundation
import Testing

/// One way to speak two languages: words for people live in `Sources/Kikitori/Localization`; code
/// elsewhere names a phrase. This reads the sources as text and fails on a Japanese/English pair
/// written inline, or a Japanese string literal, outside the catalogue.
@Suite("One catalogue")
struct CatalogueTests {
    static let sources = repositoryRoot.appendingPathComponent("Sources")

    /// Japanese that is data, not a message: place names, the synthetic phrase bank, corporate
    /// forms to mask, and words people type as answers (はい, その他:).
    static let data: Set<String> = [
        "KikitoriCore/Hearing/Hokkaido.swift", "KikitoriCore/Hearing/HokkaidoCodes.swift", "KikitoriStore/Synthetic/PhraseBank.swift", "KikitoriStore/Synthetic/SyntheticHearings.swift",
        "Kikitori/Publication/NameVariants.swift", "KikitoriCore/Text/CorporateForms.swift", "KikitoriCore/Interview/AnswerParser.swift", "KikitoriStore/Store/Records.swift",
        "KikitoriShell/TagReview.swift", "KikitoriShell/InterviewLoop.swift", "KikitoriShell/HearingSetup.swift",
        "KikitoriCore/Interview/NumberReader.swift", "KikitoriText/Morphology.swift", "KikitoriCore/Tagging/Conjugation.swift",
    ]


    static func files() -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        var files: [(String, String)] = []
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift"), !path.hasPrefix("Kikitori/Localization/"),
                let text = try? String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            else { continue }
            files.append((path, text))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Code lines only: comments say why in whichever language helps, and `--help` examples
    /// (`kikitori search 費用`) are what a user types.
    static func codeLines(_ text: String) -> [(number: Int, line: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") || trimmed.hasPrefix("kikitori ") || trimmed.hasPrefix("discussion: \"Example") { return nil }
            return (index + 1, String(line))
        }
    }

    @Test func noInlineLanguagePairs() {
        var found: [String] = []
        for (path, text) in Self.files() {
            for (number, line) in Self.codeLines(text)
            where line.contains("== .ja ?") || line.contains("== .ja\n") || line.range(of: #"\bja \? ""#, options: .regularExpression) != nil
                || line.range(of: #"\bt\(""#, options: .regularExpression) != nil
            {
                found.append("\(path):\(number): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func noJapaneseLiteralsOutsideTheCatalogue() {
        var found: [String] = []
        for (path, text) in Self.files() where !Self.data.contains(path) && !path.hasPrefix("kikitori/") {
            for (number, line) in Self.codeLines(text) {
                let literals = line.matches(of: /"([^"\\]|\\.)*"/).map { String(line[$0.range]) }
                if literals.contains(where: { $0.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) } }) {
                    found.append("\(path):\(number)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
