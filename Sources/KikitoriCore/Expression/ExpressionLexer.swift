package struct ExpressionToken: Equatable {
    package enum Kind: Equatable {
        case reference(String)
        case dot
        case string(String)
        case number(Double)
        case comparison(ComparisonOperator)
        /// `+`, `-`, `*`; `div` and `mod` are words.
        case arithmetic(ArithmeticOperator)
        case word(String)
        case open
        case close
        case comma

        var text: String {
            switch self {
            case .reference(let name): return "${\(name)}"
            case .dot: return "."
            case .string(let value): return "'\(value)'"
            case .number(let value): return Expression.format(value)
            case .comparison(let op): return op.rawValue
            case .arithmetic(let op): return op.rawValue
            case .word(let word): return word
            case .open: return "("
            case .close: return ")"
            case .comma: return ","
            }
        }
    }

    package var kind: Kind
    /// Offset of the first scalar, counted in Unicode scalars as YAML columns are.
    package var offset: Int
    package var length: Int
}

/// Splits expression source into tokens.
package enum ExpressionLexer {
    package static func tokens(of source: String) throws(ExpressionSyntaxError) -> [ExpressionToken] {
        let scalars = Array(source.unicodeScalars)
        var tokens: [ExpressionToken] = []
        var i = 0
        /// Whether the last token ends an operand, so that `-` after it subtracts instead of signing a number.
        var afterOperand: Bool {
            switch tokens.last?.kind {
            case .reference?, .dot?, .string?, .number?, .close?: return true
            case .word(let word)?: return !["and", "or", "div", "mod"].contains(word)
            default: return false
            }
        }
        func add(_ kind: ExpressionToken.Kind, from start: Int) {
            tokens.append(ExpressionToken(kind: kind, offset: start, length: i - start))
        }
        while i < scalars.count {
            let start = i
            let c = scalars[i]
            switch c {
            case " ", "\t", "\n", "\r":
                i += 1
            case "(": i += 1; add(.open, from: start)
            case ")": i += 1; add(.close, from: start)
            case ",": i += 1; add(.comma, from: start)
            case "=": i += 1; add(.comparison(.equal), from: start)
            case "!":
                guard i + 1 < scalars.count, scalars[i + 1] == "=" else {
                    throw ExpressionSyntaxError(offset: i, problem: .unexpectedCharacter("!"))
                }
                i += 2; add(.comparison(.notEqual), from: start)
            case "<", ">":
                let orEqual = i + 1 < scalars.count && scalars[i + 1] == "="
                i += orEqual ? 2 : 1
                let op: ComparisonOperator = c == "<" ? (orEqual ? .lessOrEqual : .less) : (orEqual ? .greaterOrEqual : .greater)
                add(.comparison(op), from: start)
            case "'", "\"":
                i += 1
                var value = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != c {
                    value.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count else {
                    throw ExpressionSyntaxError(offset: start, problem: .unterminatedString)
                }
                i += 1
                add(.string(String(value)), from: start)
            case "$":
                guard i + 1 < scalars.count, scalars[i + 1] == "{" else {
                    throw ExpressionSyntaxError(offset: i, problem: .unexpectedCharacter("$"))
                }
                i += 2
                var name = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != "}" {
                    name.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count else {
                    throw ExpressionSyntaxError(offset: start, problem: .unterminatedReference)
                }
                i += 1
                let text = String(name)
                guard Identifier.isValid(text) else {
                    throw ExpressionSyntaxError(offset: start, problem: .invalidReferenceName(text))
                }
                add(.reference(text), from: start)
            case "." where !(i + 1 < scalars.count && isDigit(scalars[i + 1])):
                i += 1; add(.dot, from: start)
            case "+", "*":
                i += 1; add(.arithmetic(c == "+" ? .add : .multiply), from: start)
            case "-" where afterOperand || !(i + 1 < scalars.count && (isDigit(scalars[i + 1]) || scalars[i + 1] == ".")):
                i += 1; add(.arithmetic(.subtract), from: start)
            case "-", ".", "0"..."9":
                i += 1
                while i < scalars.count, isDigit(scalars[i]) || scalars[i] == "." { i += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<i]))
                guard let value = Double(text), value.isFinite else {
                    throw ExpressionSyntaxError(offset: start, problem: .invalidNumber(text))
                }
                add(.number(value), from: start)
            case "a"..."z", "A"..."Z":
                while i < scalars.count, isWordScalar(scalars[i]) { i += 1 }
                add(.word(String(String.UnicodeScalarView(scalars[start..<i]))), from: start)
            default:
                throw ExpressionSyntaxError(offset: i, problem: .unexpectedCharacter(Character(c)))
            }
        }
        return tokens
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || isDigit(c) || c == "-" || c == "_"
    }
}
