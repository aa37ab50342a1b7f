import Foundation

/// Parses the rule language into a ``Rule``; errors carry the offset of the problem.
public struct RuleParser {
    public static let maximumDepth = 32

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0

    private init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// - Throws: ``RuleSyntaxError``.
    public static func parse(_ source: String) throws(RuleSyntaxError) -> Rule {
        var parser = RuleParser(source)
        parser.skipSpaces()
        guard parser.index < parser.scalars.count else { throw RuleSyntaxError(offset: 0, problem: .empty) }
        let rule = try parser.parseOr()
        parser.skipSpaces()
        if parser.index < parser.scalars.count {
            throw RuleSyntaxError(offset: parser.index, problem: .unexpected(Character(parser.scalars[parser.index])))
        }
        return rule
    }

    private static let special: Set<Unicode.Scalar> = ["|", "&", "!", "(", ")", "[", "]", ",", "/", "\"", "@"]

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// The text up to `end`, which is passed over; nil (the rest read) when the rule ends first.
    private mutating func enclosed(until end: Unicode.Scalar) -> String? {
        var text = String.UnicodeScalarView()
        while let c = peek, c != end {
            text.append(c)
            index += 1
        }
        guard peek == end else { return nil }
        index += 1
        return String(text)
    }

    private mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" || c == "\n" { index += 1 }
    }

    private mutating func parseOr() throws(RuleSyntaxError) -> Rule {
        var rules = [try parseAnd()]
        skipSpaces()
        while peek == "|" {
            index += 1
            rules.append(try parseAnd())
            skipSpaces()
        }
        return rules.count == 1 ? rules[0] : .or(rules)
    }

    private mutating func parseAnd() throws(RuleSyntaxError) -> Rule {
        var rules = [try parseUnary()]
        skipSpaces()
        while peek == "&" {
            index += 1
            rules.append(try parseUnary())
            skipSpaces()
        }
        return rules.count == 1 ? rules[0] : .and(rules)
    }

    private mutating func parseUnary() throws(RuleSyntaxError) -> Rule {
        skipSpaces()
        if peek == "!" {
            index += 1
            return .not(try nested { (p: inout RuleParser) throws(RuleSyntaxError) in try p.parseUnary() })
        }
        return try parsePrimary()
    }

    private mutating func nested<T>(_ body: (inout RuleParser) throws(RuleSyntaxError) -> T) throws(RuleSyntaxError) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth { throw RuleSyntaxError(offset: index, problem: .tooDeep(Self.maximumDepth)) }
        return try body(&self)
    }

    private mutating func parsePrimary() throws(RuleSyntaxError) -> Rule {
        skipSpaces()
        guard let c = peek else { throw RuleSyntaxError(offset: index, problem: .unexpectedEnd) }
        let start = index
        switch c {
        case "(":
            index += 1
            let inner = try nested { (p: inout RuleParser) throws(RuleSyntaxError) in try p.parseOr() }
            try expect(")", openedAt: start)
            return inner
        case "/":
            index += 1
            var pattern = String.UnicodeScalarView()
            while let d = peek, d != "/" {
                if d == "\\", index + 1 < scalars.count, scalars[index + 1] == "/" {
                    pattern.append("/")
                    index += 2
                    continue
                }
                pattern.append(d)
                index += 1
            }
            guard peek == "/" else { throw RuleSyntaxError(offset: start, problem: .unterminatedRegex) }
            index += 1
            let text = String(pattern)
            do {
                _ = try NSRegularExpression(pattern: text)
            } catch {
                throw RuleSyntaxError(offset: start, problem: .invalidRegex(text))
            }
            if let risk = Self.backtrackingRisk(text) { throw RuleSyntaxError(offset: start, problem: .unsafeRegex(text, risk)) }
            return .regex(text)
        case "@":
            index += 1
            var name = String.UnicodeScalarView()
            while let d = peek, ("a"..."z").contains(d) || ("0"..."9").contains(d) || d == "_" {
                name.append(d)
                index += 1
            }
            guard !name.isEmpty else { throw RuleSyntaxError(offset: start, problem: .emptyThemeReference) }
            return .theme(String(name))
        case "\"":
            index += 1
            guard let text = enclosed(until: "\"") else { throw RuleSyntaxError(offset: start, problem: .unterminatedQuote) }
            return try keyword(text, at: start, foldsKana: false)
        case ")", "|", "&", "]", ",":
            throw RuleSyntaxError(offset: index, problem: .unexpected(Character(c)))
        default:
            var text = String.UnicodeScalarView()
            while let d = peek, !Self.special.contains(d) {
                text.append(d)
                index += 1
            }
            let word = String(text).trimmingCharacters(in: .whitespaces)
            if (word == "near" || word == "seq") && peek == "(" {
                return try window(word, at: start)
            }
            if word == "lemma" && peek == "(" {
                // lemma(増える): every written form of the word (Conjugation), as keywords.
                index += 1
                guard let inner = enclosed(until: ")") else { throw RuleSyntaxError(offset: start, problem: .unexpectedEnd) }
                let lemma = NormalizedText.normalize(inner).trimmingCharacters(in: .whitespaces)
                guard !lemma.isEmpty else { throw RuleSyntaxError(offset: start, problem: .emptyKeyword) }
                let forms = Conjugation.forms(of: lemma).map { Rule.keyword(Rule.Keyword($0)) }
                return forms.count == 1 ? forms[0] : .or(forms)
            }
            if word.isEmpty { throw RuleSyntaxError(offset: start, problem: .unexpected(Character(c))) }
            let folds = word.hasPrefix("~")
            return try keyword(folds ? String(word.dropFirst()) : word, at: start, foldsKana: folds)
        }
    }

    private func keyword(_ raw: String, at offset: Int, foldsKana: Bool) throws(RuleSyntaxError) -> Rule {
        var text = raw
        var isPrefix = false
        if text.hasSuffix("*") {
            isPrefix = true
            text.removeLast()
        }
        guard !NormalizedText.normalize(text).trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RuleSyntaxError(offset: offset, problem: .emptyKeyword)
        }
        return .keyword(Rule.Keyword(text, foldsKana: foldsKana, isPrefix: isPrefix))
    }

    /// `near(a, b, …)[n]` and `seq(a, b, …)[n]`; each argument a keyword or keywords joined by `|`.
    private mutating func window(_ name: String, at start: Int) throws(RuleSyntaxError) -> Rule {
        index += 1
        var arguments: [Rule] = []
        repeat {
            if peek == "," { index += 1 }
            let argumentStart = index
            let argument = try nested { (p: inout RuleParser) throws(RuleSyntaxError) in try p.parseOr() }
            guard Self.isKeywordSet(argument) else {
                throw RuleSyntaxError(offset: argumentStart, problem: .windowArgument(name))
            }
            arguments.append(argument)
            skipSpaces()
        } while peek == ","
        try expect(")", openedAt: start)
        guard arguments.count >= 2 else {
            throw RuleSyntaxError(offset: start, problem: .windowArity(name))
        }
        guard peek == "[" else { throw RuleSyntaxError(offset: index, problem: .windowSize(name)) }
        index += 1
        var digits = ""
        while let d = peek, ("0"..."9").contains(d) {
            digits.unicodeScalars.append(d)
            index += 1
        }
        guard let window = Int(digits), window > 0, window <= 1000, peek == "]" else {
            throw RuleSyntaxError(offset: index, problem: .windowSize(name))
        }
        index += 1
        return name == "near" ? .near(arguments, window: window) : .seq(arguments, window: window)
    }

    private static func isKeywordSet(_ rule: Rule) -> Bool {
        switch rule {
        case .keyword: return true
        case .or(let rules): return rules.allSatisfy(isKeywordSet)
        default: return false
        }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, openedAt start: Int) throws(RuleSyntaxError) {
        skipSpaces()
        guard peek == scalar else {
            throw RuleSyntaxError(offset: peek == nil ? scalars.count : index, problem: .unclosed(Character(scalar), opened: start))
        }
        index += 1
    }
}

/// A syntax error in one rule; the codebook loader turns `offset` into a column.
/// Why a regular expression is refused: ICU's matcher backtracks, and these make one 60-character
/// answer cost seconds or hours while `tag` holds the write lock. Refused at load (and by lint)
/// rather than timed, since a match cannot be interrupted midway.
public enum RegexRisk: Equatable, Sendable {
    /// A repeated group that itself repeats something: `(a+)+`, `(a*)*`, `(\w+\s?)*`.
    case nestedQuantifier
    /// `\1`, `\k<name>`: matching with back-references is exponential in general.
    case backReference
}

extension RuleParser {
    /// The first construct in `pattern` that can make matching explode, if any.
    package static func backtrackingRisk(_ pattern: String) -> RegexRisk? {
        let characters = Array(pattern)
        // For each open group: whether it contains an unbounded quantifier so far.
        var groups: [Bool] = []
        var inClass = false
        var index = 0
        func unboundedQuantifier(at position: Int) -> Bool {
            guard position < characters.count else { return false }
            switch characters[position] {
            case "*", "+": return true
            case "{":
                // {n,} is unbounded; {n} and {n,m} are not.
                var end = position + 1
                while end < characters.count, characters[end] != "}" { end += 1 }
                return end < characters.count && characters[end - 1] == ","
            default: return false
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                let next = characters[index + 1]
                if !inClass, next.isNumber, next != "0" { return .backReference }
                if !inClass, next == "k", index + 2 < characters.count, characters[index + 2] == "<" { return .backReference }
                index += 2
                if unboundedQuantifier(at: index), !groups.isEmpty { groups[groups.count - 1] = true }
                continue
            }
            if inClass {
                if character == "]" {
                    inClass = false
                    if unboundedQuantifier(at: index + 1), !groups.isEmpty { groups[groups.count - 1] = true }
                }
                index += 1
                continue
            }
            switch character {
            case "[": inClass = true
            case "(": groups.append(false)
            case ")":
                let repeatsInside = groups.popLast() ?? false
                let repeated = unboundedQuantifier(at: index + 1)
                if repeatsInside && repeated { return .nestedQuantifier }
                if (repeatsInside || repeated), !groups.isEmpty { groups[groups.count - 1] = true }
            case "*", "+":
                if !groups.isEmpty { groups[groups.count - 1] = true }
            case "{":
                if unboundedQuantifier(at: index), !groups.isEmpty { groups[groups.count - 1] = true }
            default: break
            }
            index += 1
        }
        return nil
    }
}

public struct RuleSyntaxError: Error, Equatable, Sendable {
    public var offset: Int
    public var problem: Problem

    public enum Problem: Equatable, Sendable {
        case empty
        case unexpected(Character)
        case unexpectedEnd
        case unclosed(Character, opened: Int)
        case unterminatedRegex
        case invalidRegex(String)
        /// A pattern whose matching time can explode on one answer (`/(a+)+$/`).
        case unsafeRegex(String, RegexRisk)
        case unterminatedQuote
        case emptyKeyword
        case emptyThemeReference
        case windowArgument(String)
        case windowArity(String)
        case windowSize(String)
        case tooDeep(Int)
    }
}
