import Foundation
import Kikitori

/// A `:command` as typed, with the input method on or off: 「：ｍａｓｋ　佐藤課長」 is `:mask 佐藤課長`.
enum TypedCommand {
    /// The command with its name normalised (NFKC, lower case) and its argument as typed; nil when
    /// the line is not a command.
    static func parse(_ input: String) -> String? {
        let trimmed = input.drop { $0 == " " || $0 == "\u{3000}" }
        guard let first = trimmed.first, first == ":" || first == "：" else { return nil }
        let isSpace = { (character: Character) in character == " " || character == "\u{3000}" }
        let end = trimmed.firstIndex(where: isSpace) ?? trimmed.endIndex
        let name = String(trimmed[..<end]).precomposedStringWithCompatibilityMapping.lowercased()
        let rest = trimmed[end...].drop(while: isSpace)
        return rest.isEmpty ? name : name + " " + rest
    }
}

/// Finding a registered respondent from what an interviewer types: a prefix of its id, or part of its
/// organisation's or person's name, compared after NFKC in lower case.
enum RespondentSearch {
    /// Respondents whose id starts with `typed` or whose organisation or person contains it, compared
    /// NFKC-folded, in lower case and without spaces. Folding goes through the matcher's normaliser,
    /// which copies kana, kanji and ASCII as they are: a register of 70,000 respondents is searched in
    /// a few tens of milliseconds.
    static func matches(_ typed: String, in respondents: [Respondent]) -> [Respondent] {
        let key = AnswerParser.normalise(typed).lowercased()
        guard !key.isEmpty else { return [] }
        let fold = { (text: String?) in NormalizedText.normalize(text ?? "").filter { !$0.isWhitespace } }
        let spaceless = fold(key)
        return respondents.filter {
            $0.id.uuidString.lowercased().hasPrefix(key) || fold($0.organisation).contains(spaceless)
                || (!spaceless.isEmpty && fold($0.personName).contains(spaceless))
        }
    }

    /// `1f2e3d4c 株式会社… / 民間企業 / 鈴木` — who the case is, on one line.
    static func line(_ respondent: Respondent, language: Language) -> String {
        let parts = [respondent.organisation, Phrase.respondentKind(respondent.kind).text(language)] + [respondent.personName].compactMap { $0 }
        return "\(respondent.id.uuidString.lowercased().prefix(8)) " + parts.joined(separator: " / ")
    }

    static func line(_ respondent: Respondent) -> String { line(respondent, language: .en) }
}
