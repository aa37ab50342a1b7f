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
            var text = String.UnicodeScalarView()
            while let d = peek, d != "\"" {
                text.append(d)
                index += 1
            }
            guard peek == "\"" else { throw RuleSyntaxError(offset: start, problem: .unterminatedQuote) }
            index += 1
            return try keyword(String(text), at: start, foldsKana: false)
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
        case unterminatedQuote
        case emptyKeyword
        case emptyThemeReference
        case windowArgument(String)
        case windowArity(String)
        case windowSize(String)
        case tooDeep(Int)
    }
}
