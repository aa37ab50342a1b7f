import Foundation
import KikitoriCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A REFI-QDA codebook (`.qdc`, `urn:QDA-XML:codebook:1.0`) from another tool, turned into a draft
/// `codebook.yaml`: codes with children become groups, the codes under them themes (deeper levels
/// join their top-level group), with names as labels, colours and descriptions. Rules are left
/// empty, for people to write and `codebook lint` to check — a tool's codebook has none to carry.
public enum QDACodebookImport {
    public struct Draft: Sendable {
        public var yaml: String
        public var themes: Int
        public var groups: Int
    }

    /// Why the file is not a codebook that can be read.
    public struct Failure: Error, Equatable {
        public var reason: String
    }

    struct Code {
        var name: String
        var colour: String?
        var description = ""
        var children: [Code] = []
    }

    /// The draft for `data`, the codebook's bytes; `id` names the draft codebook.
    public static func draft(from data: Data, id: String) throws(Failure) -> Draft {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse(), reader.sawCodeBook else {
            throw Failure(reason: parser.parserError.map { "\($0.localizedDescription), line \(parser.lineNumber)" } ?? "no <CodeBook> element")
        }
        var used: Set<String> = []
        func identifier(for code: Code, fallback: String) -> String {
            // Kikitori's own export keeps the id in the description; elsewhere the name, if it is one.
            let own = code.description.split(separator: "\n").first { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
            var base = own ?? code.name.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            if !Identifier.isValid(base) { base = fallback }
            var candidate = base
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            return candidate
        }
        var groups: [(id: String, code: Code)] = []
        var themes: [(id: String, group: String?, code: Code)] = []
        func flatten(_ code: Code) -> [Code] { [code] + code.children.flatMap(flatten) }
        for code in reader.codes {
            if code.children.isEmpty {
                themes.append((identifier(for: code, fallback: "theme_\(themes.count + 1)"), nil, code))
            } else {
                let group = identifier(for: code, fallback: "group_\(groups.count + 1)")
                groups.append((group, code))
                for member in code.children.flatMap(flatten) {
                    themes.append((identifier(for: member, fallback: "theme_\(themes.count + 1)"), group, member))
                }
            }
        }
        guard !themes.isEmpty else { throw Failure(reason: "no <Code> to make a theme of") }

        var yaml = "# Draft from a REFI-QDA codebook: write each theme's rules, then run `kikitori codebook lint`.\n"
        yaml += "id: \(id)\nversion: 1\ntitle: \(quoted(id))\nlanguages: [ja, en]\n"
        if !groups.isEmpty {
            yaml += "\ngroups:\n"
            for group in groups { yaml += "  - id: \(group.id)\n    label: {\(language(of: group.code.name)): \(quoted(group.code.name))}\n" }
        }
        yaml += "\nthemes:\n"
        for theme in themes {
            let lang = language(of: theme.code.name)
            yaml += "  - id: \(theme.id)\n"
            if let group = theme.group { yaml += "    group: \(group)\n" }
            if let colour = theme.code.colour, isColour(colour) { yaml += "    colour: \(quoted(colour))\n" }
            yaml += "    label: {\(lang): \(quoted(theme.code.name))}\n"
            let description = theme.code.description.split(separator: "\n").filter { !$0.hasPrefix("id: ") }.joined(separator: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !description.isEmpty { yaml += "    description: {\(language(of: description)): \(quoted(description))}\n" }
            yaml += "    rules: []\n"
        }
        return Draft(yaml: yaml, themes: themes.count, groups: groups.count)
    }

    /// A YAML double-quoted scalar (JSON's string syntax is YAML's).
    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
    }

    /// `ja` when the text holds kana or kanji, else `en`.
    static func language(of text: String) -> String {
        text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) } ? "ja" : "en"
    }

    static func isColour(_ text: String) -> Bool {
        text.count == 7 && text.hasPrefix("#") && text.dropFirst().allSatisfy(\.isHexDigit)
    }

    /// Collects the tree of `<Code>` elements under `<Codes>`.
    final class Reader: NSObject, XMLParserDelegate {
        var codes: [Code] = []
        var sawCodeBook = false
        private var stack: [Code] = []
        private var text = ""
        private var inDescription = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "CodeBook": sawCodeBook = true
            case "Code":
                stack.append(Code(name: attributes["name"] ?? "", colour: attributes["color"]))
            case "Description":
                inDescription = true
                text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inDescription { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "Description":
                inDescription = false
                if !stack.isEmpty { stack[stack.count - 1].description = text }
            case "Code":
                guard let code = stack.popLast() else { return }
                if stack.isEmpty { codes.append(code) } else { stack[stack.count - 1].children.append(code) }
            default: break
            }
        }
    }
}
