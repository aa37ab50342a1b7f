import Foundation

/// Reads what an interviewer typed as an answer of the question's type.
///
/// Input is NFKC-normalised first, so full-width digits (１２), full-width letters and half-width
/// kana match too. Choices are accepted as their number, their value, or their label in any language.
public struct AnswerParser: Sendable {
    public let questionnaire: Questionnaire

    public init(questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
    }

    /// Prefixes that mark free text for "other": `other: …`, `その他: …`.
    package static let otherPrefixes = ["other:", "その他:", "他:"]

    /// The longest answer taken: longer than any spoken answer, short enough that one pasted file
    /// cannot make every later search and export carry megabytes.
    public static let maximumCharacters = 100_000

    /// Refuses text no respondent said: NUL and other control characters (line breaks and tabs are
    /// fine), or more than ``maximumCharacters``.
    public static func checkText(_ raw: String) throws(AnswerProblem) {
        if raw.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" || $0.value == 0x7F }) {
            throw .controlCharacter
        }
        if raw.utf8.count > maximumCharacters, raw.count > maximumCharacters {
            throw .tooLong(raw.count, limit: maximumCharacters)
        }
    }

    /// The value typed, refusing an approximate number (`約120人`): a file or a script says exactly
    /// what it means. The shell uses ``read(_:for:)`` and keeps the words beside the number.
    public func parse(_ raw: String, for question: Question) throws(AnswerProblem) -> AnswerValue {
        let reading = try read(raw, for: question)
        if reading.approximate { throw .approximate(raw.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return reading.value
    }

    /// The value typed, and whether a number was marked as approximate (`約`, `程度`, `about`).
    /// `offered`: the choices a `choice_filter` leaves, numbered as the screen shows them; the whole list when nil.
    public func read(_ raw: String, for question: Question, offered: [Choice]? = nil) throws(AnswerProblem)
        -> (value: AnswerValue, approximate: Bool)
    {
        try Self.checkText(raw)
        let input = Self.normalise(raw)
        switch question.type {
        case .note:
            throw .noteTakesNoAnswer
        case .calculate:
            throw .calculatedNotAsked(question.id)
        case .text:
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .emptyText }
            return (.text(text), false)
        case .integer:
            let reading = try Self.number(input, raw: raw, integer: true)
            guard let value = Int(reading.digits) else { throw .notInteger(raw) }
            return (.integer(value), reading.approximate)
        case .decimal:
            let reading = try Self.number(input, raw: raw, integer: false)
            guard let value = Double(reading.digits), value.isFinite else { throw .notNumber(raw) }
            return (.decimal(value), reading.approximate)
        case .date:
            guard let date = Self.date(input) else { throw .notDate(raw) }
            return (.date(date), false)
        case .yesNo:
            switch input.lowercased() {
            case "1", "y", "yes", "はい", "true": return (.yesNo(true), false)
            case "2", "n", "no", "いいえ", "false": return (.yesNo(false), false)
            default: throw .notYesNo(raw)
            }
        case .scale:
            let scale = question.scale ?? Scale(min: 1, max: 5)
            if let end = Self.scaleEnd(input, scale: scale) { return (.scale(end), false) }
            guard case .success(let reading) = NumberReader.read(input), !reading.approximate, let value = Int(reading.digits),
                (scale.min...scale.max).contains(value)
            else {
                throw .outOfScale(raw, min: scale.min, max: scale.max)
            }
            return (.scale(value), false)
        case .selectOne(let list):
            let choices = offered ?? questionnaire.choiceList(list)?.choices ?? []
            if let other = try otherText(raw, question: question) { return (.other(other), false) }
            guard let match = match(input, in: choices, question: question) else {
                if Self.tokens(input).count > 1, Self.tokens(input).allSatisfy({ self.match($0, in: choices, question: question) != nil }) {
                    throw .oneChoiceOnly
                }
                throw .unknownChoice(raw, count: choices.count)
            }
            if match == AnswerValue.otherCode, !Self.hasChoice(AnswerValue.otherCode, choices) { throw .otherNeedsText }
            return (.choice(match), false)
        case .selectMultiple(let list):
            let choices = offered ?? questionnaire.choiceList(list)?.choices ?? []
            var rest = input
            var other: String?
            if let split = Self.splitOther(raw) {
                guard question.allowOther else { throw .otherNotAllowed }
                // The respondent's own words as typed; only the choices before them are normalised.
                other = split.words
                rest = Self.normalise(split.before)
                if split.words.isEmpty { throw .otherNeedsText }
            }
            var chosen = Set<String>()
            // Labels may hold spaces ("Wholesale and retail"): try commas alone before spaces too.
            let byComma = Self.tokens(rest, splittingSpaces: false)
            let tokens = byComma.allSatisfy { match($0, in: choices, question: question) != nil } ? byComma : Self.tokens(rest)
            for token in tokens {
                guard let value = match(token, in: choices, question: question) else {
                    throw .unknownChoice(token, count: choices.count)
                }
                if value == AnswerValue.otherCode, !Self.hasChoice(AnswerValue.otherCode, choices) { throw .otherNeedsText }
                chosen.insert(value)
            }
            guard !chosen.isEmpty || other != nil else { throw .unknownChoice(raw, count: choices.count) }
            // Stored in list order, so the same choices always read the same.
            return (.choices(choices.map(\.value).filter(chosen.contains), other: other), false)
        }
    }

    /// Whether `value` is one of the list's own choices (a list may have a genuine choice `other`,
    /// which is then not the free-text slot).
    package static func hasChoice(_ value: String, _ choices: [Choice]) -> Bool {
        choices.contains { $0.value == value }
    }

    /// `other: …` typed for a select_one question: the words after the prefix, exactly as typed.
    private func otherText(_ raw: String, question: Question) throws(AnswerProblem) -> String? {
        guard let split = Self.splitOther(raw), split.before.allSatisfy(\.isWhitespace) else { return nil }
        guard question.allowOther else { throw .otherNotAllowed }
        guard !split.words.isEmpty else { throw .otherNeedsText }
        return split.words
    }

    /// Finds an `other:` prefix in any width (`その他：`, `ＯＴＨＥＲ:`) and splits the raw text around
    /// it, so the respondent's words after it keep their own characters (（紙）, ①).
    package static func splitOther(_ raw: String) -> (before: String, words: String)? {
        let characters = Array(raw)
        for start in characters.indices {
            // Each prefix is at most a few characters long in any width.
            for end in (start + 1)...min(characters.count, start + 8) {
                let candidate = String(characters[start..<end]).precomposedStringWithCompatibilityMapping.lowercased()
                if otherPrefixes.contains(candidate) {
                    let words = String(characters[end...]).trimmingCharacters(in: .whitespacesAndNewlines)
                    return (String(characters[..<start]), words)
                }
            }
        }
        return nil
    }

    /// A number in `input`, or the reason it is not one.
    private static func number(_ input: String, raw: String, integer: Bool) throws(AnswerProblem) -> NumberReader.Reading {
        switch NumberReader.read(input) {
        case .success(let reading): return reading
        case .failure(.fused): throw .fusedNumbers(raw)
        case .failure(.badSeparator): throw .badSeparator(raw)
        case .failure(.multiplier): throw .numberMultiplier(raw)
        case .failure(.notANumber): throw integer ? .notInteger(raw) : .notNumber(raw)
        }
    }

    /// A scale answered by an end's label (`強くそう思う`, `High`), in any language.
    private static func scaleEnd(_ input: String, scale: Scale) -> Int? {
        let key = input.lowercased()
        let matches = { (label: LocalizedText?) in label?.values.values.contains { normalise($0).lowercased() == key } ?? false }
        if matches(scale.minLabel) { return scale.min }
        if matches(scale.maxLabel) { return scale.max }
        return nil
    }

    /// The choice value `token` names: number, value, label, or a unique label prefix.
    /// Returns `other` for the extra number after the list when the question allows other answers.
    package func match(_ token: String, in choices: [Choice], question: Question) -> String? {
        let key = token.lowercased()
        if let number = Int(key) {
            if (1...max(1, choices.count)).contains(number), number <= choices.count { return choices[number - 1].value }
            if number == choices.count + 1, question.allowOther { return AnswerValue.otherCode }
            // Digits beyond the numbers shown may still be a value: a municipal code (`011002`).
            return choices.first { $0.value == key }?.value
        }
        if let choice = choices.first(where: { $0.value.lowercased() == key }) { return choice.value }
        if question.allowOther, key == AnswerValue.otherCode || key == "その他" { return AnswerValue.otherCode }
        let labelled = choices.filter { choice in
            choice.label.values.values.contains { Self.normalise($0).lowercased() == key }
        }
        if labelled.count == 1 { return labelled[0].value }
        let prefixed = choices.filter { choice in
            choice.label.values.values.contains { Self.normalise($0).lowercased().hasPrefix(key) }
        }
        return prefixed.count == 1 && !key.isEmpty ? prefixed[0].value : nil
    }

    /// NFKC, trimmed: the form every comparison uses.
    public static func normalise(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Splits a multiple-choice answer on commas, 、 and (unless told not to) spaces.
    package static func tokens(_ text: String, splittingSpaces: Bool = true) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "、" || (splittingSpaces && ($0 == " " || $0 == "\t")) })
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `2022-05-01`, `2022/5/1` or `2022年5月1日`.
    package static func date(_ text: String) -> CalendarDate? {
        let unified = text.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "").replacingOccurrences(of: "/", with: "-")
        let parts = unified.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        let pad = { (value: Int) in value < 10 ? "0\(value)" : String(value) }
        return CalendarDate("\(year)-\(pad(month))-\(pad(day))")
    }
}
