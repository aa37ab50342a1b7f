/// Reads a number as interviewers type it, refusing anything that could be read two ways.
///
/// Accepted: `120`, `１２０`, `1,200`, `１，２００`, `-3`, `12.5`, a unit after the number (`120人`,
/// `3 staff`), and, when the caller allows it, a mark of approximation (`約120人`, `120人程度`,
/// `about 120`) which the caller keeps beside the number. Refused with a reason: digits split by
/// spaces (`10 20`, `12 0`), commas that are not thousands separators (`1,5`, `12,00`), and
/// multipliers (`1.2万`, `3k`), which are easy to misread — the interviewer types the digits.
/// Input is NFKC-normalised by the caller.
package enum NumberReader {
    package enum Failure: Error, Equatable {
        case notANumber
        /// Digits separated by spaces: two numbers, or one mistyped.
        case fused
        /// A comma outside a thousands position.
        case badSeparator
        /// 万, 千, k… after the number.
        case multiplier
    }

    package struct Reading: Equatable {
        /// The number's text without separators, sign included: `-1200`, `12.5`.
        package var digits: String
        package var approximate: Bool
    }

    static let approximatePrefixes = ["約", "およそ", "おおよそ", "ほぼ", "概ね", "おおむね", "大体", "だいたい", "approximately", "approx.", "approx", "about", "around", "ca.", "~", "〜"]
    static let approximateSuffixes = ["程度", "くらい", "ぐらい", "位", "ほど", "前後", "以上", "以下", "未満", "超", "強", "弱", "余り", "あまり", "ちょっと", "+", "or so", "or more", "or less", "approx.", "approx"]
    static let multipliers = ["万", "千", "百", "十", "億", "兆"]
    static let latinMultipliers = ["k", "m", "thousand", "thousands", "million", "millions", "billion", "bn"]

    package static func read(_ input: String) -> Result<Reading, Failure> {
        var text = Substring(input.trimmingCharacters(in: .whitespaces))
        var approximate = false
        for prefix in approximatePrefixes where text.lowercased().hasPrefix(prefix) {
            text = text.dropFirst(prefix.count).drop(while: \.isWhitespace)
            approximate = true
            break
        }
        var sign = ""
        if let first = text.first, "+-−".contains(first) {
            sign = first == "+" ? "" : "-"
            text = text.dropFirst()
        }
        let numberEnd = text.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == " ")) } ?? text.endIndex
        let number = text[..<numberEnd].trimmingCharacters(in: .whitespaces)
        var rest = text[numberEnd...].trimmingCharacters(in: .whitespaces).lowercased()
        guard let firstDigit = number.first, firstDigit.isNumber else { return .failure(.notANumber) }
        for suffix in approximateSuffixes where rest.hasSuffix(suffix) {
            rest = String(rest.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            approximate = true
            break
        }
        if multipliers.contains(where: { rest.hasPrefix($0) })
            || latinMultipliers.contains(where: { rest == $0 || rest.hasPrefix($0 + " ") })
        {
            return .failure(.multiplier)
        }
        // What is left is a unit (人, 件, staff): letters only, short.
        guard rest.count <= 10, rest.allSatisfy({ $0.isLetter || $0 == "%" || $0 == "％" }) else { return .failure(.notANumber) }
        guard !number.contains(" ") else { return .failure(.fused) }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return .failure(.notANumber) }
        if parts.count == 2, parts[1].isEmpty || parts[1].contains(",") { return .failure(parts[1].contains(",") ? .badSeparator : .notANumber) }
        var integer = String(whole)
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .failure(.badSeparator) }
            integer = groups.joined()
        }
        let fraction = parts.count == 2 ? "." + parts[1] : ""
        return .success(Reading(digits: sign + integer + fraction, approximate: approximate))
    }
}
