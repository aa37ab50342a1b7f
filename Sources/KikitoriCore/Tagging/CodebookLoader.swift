import Foundation
import Yams

/// Loads `questionnaires/codebook.yaml`, reporting every problem with its line and column.
public enum CodebookLoader {
    public struct Result: Sendable {
        public var codebook: Codebook?
        public var diagnostics: [Diagnostic]
    }

    /// - Throws: ``InputError`` with every diagnostic when the file has an error.
    public static func load(path: String) throws(InputError) -> Codebook {
        let result = inspect(path: path)
        guard let codebook = result.codebook else { throw InputError(result.diagnostics) }
        return codebook
    }

    public static func inspect(path: String) -> Result {
        let reader = YAMLReader(path: path)
        return build(reader, reader.readRoot())
    }

    public static func inspect(data: Data, path: String) -> Result {
        let reader = YAMLReader(path: path)
        return build(reader, reader.parse(data))
    }

    private static func build(_ reader: YAMLReader, _ root: Node.Mapping?) -> Result {
        guard let root else { return Result(codebook: nil, diagnostics: reader.diagnostics) }
        let codebook = CodebookBuilder(reader: reader).build(root)
        return Result(codebook: reader.hasErrors ? nil : codebook, diagnostics: reader.diagnostics)
    }
}

private struct CodebookBuilder {
    package let reader: YAMLReader

    package func build(_ root: Node.Mapping) -> Codebook? {
        let node = Node.mapping(root)
        let fields = reader.fields(
            of: root, at: node,
            allowed: ["id", "version", "title", "languages", "groups", "themes", "negation"],
            required: ["id", "version", "themes"], subject: nil)
        let id = fields["id"].flatMap(reader.documentID)
        let version = fields["version"].flatMap(reader.version)
        var languages: [Language] = [.ja, .en]
        if let node = fields["languages"], let items = reader.sequence(node, field: "languages") {
            languages = items.compactMap { item in
                guard let code = reader.string(item, field: "languages") else { return nil }
                guard let language = Language(rawValue: code) else {
                    reader.report(.unknownLanguage(code), at: item)
                    return nil
                }
                return language
            }
        }
        let text = { (node: Node, field: String, subject: DiagnosticSubject?) in
            reader.localized(node, field: field, subject: subject, defaultLanguage: languages.first ?? .ja, declared: languages)
        }
        let title = fields["title"].flatMap { text($0, "title", nil) }
        let groups = fields["groups"].map { readGroups($0, text: text) } ?? []
        let negation = fields["negation"].map(readNegation) ?? Negation()
        let themes = fields["themes"].map { readThemes($0, groups: groups, text: text) } ?? []
        guard let id, let version else { return nil }
        return Codebook(
            id: id, version: version, title: title, languages: languages, groups: groups, themes: themes,
            negation: negation)
    }

    private func readGroups(
        _ node: Node, text: (Node, String, DiagnosticSubject?) -> LocalizedText?
    ) -> [ThemeGroup] {
        guard let items = reader.sequence(node, field: "groups") else { return [] }
        return items.compactMap { item in
            guard let mapping = reader.mapping(item, field: "groups") else { return nil }
            let fields = reader.fields(of: mapping, at: item, allowed: ["id", "label"], required: ["id", "label"], subject: nil)
            guard let idNode = fields["id"], let id = identifier(idNode, field: "id"),
                let label = fields["label"].flatMap({ text($0, "label", nil) })
            else { return nil }
            return ThemeGroup(id: id, label: label)
        }
    }

    private func readNegation(_ node: Node) -> Negation {
        guard let mapping = reader.mapping(node, field: "negation") else { return Negation() }
        let fields = reader.fields(of: mapping, at: node, allowed: ["window", "after", "before"], required: [], subject: nil)
        let window = fields["window"].flatMap { reader.integer($0, field: "window", in: 1...1000) } ?? 8
        let list = { (name: String) -> [String] in
            guard let node = fields[name], let items = reader.sequence(node, field: name) else { return [] }
            return items.compactMap { reader.string($0, field: name) }.filter { !$0.isEmpty }
        }
        return Negation(window: max(1, window), after: list("after"), before: list("before"))
    }

    private func identifier(_ node: Node, field: String, subject: DiagnosticSubject? = nil) -> String? {
        guard let text = reader.string(node, field: field, subject: subject) else { return nil }
        if !Identifier.isValid(text) { reader.report(.invalidIdentifier(field: field, value: text), at: node, subject: subject) }
        return text
    }

    private func readThemes(
        _ node: Node, groups: [ThemeGroup], text: (Node, String, DiagnosticSubject?) -> LocalizedText?
    ) -> [Theme] {
        guard let items = reader.sequence(node, field: "themes") else { return [] }
        var themes: [Theme] = []
        var lines: [String: Int] = [:]
        var parsedRules: [String: [(Rule, Node)]] = [:]
        for item in items {
            guard let mapping = reader.mapping(item, field: "themes") else { continue }
            let fields = reader.fields(
                of: mapping, at: item, allowed: ["id", "label", "description", "excludes", "examples", "group", "colour", "rules"],
                required: ["id", "label", "rules"], subject: nil)
            guard let idNode = fields["id"], let id = identifier(idNode, field: "id") else { continue }
            let subject = DiagnosticSubject.theme(id)
            if let line = lines[id] {
                reader.report(.duplicateIdentifier(kind: "theme", id: id, firstLine: line), at: idNode, subject: subject)
                continue
            }
            lines[id] = idNode.mark?.line ?? 0
            let label = fields["label"].flatMap { text($0, "label", subject) }
            let description = fields["description"].flatMap { text($0, "description", subject) }
            let excludes = fields["excludes"].flatMap { text($0, "excludes", subject) }
            let examples = fields["examples"].flatMap { node -> [String]? in
                reader.sequence(node, field: "examples", subject: subject)?.compactMap { reader.string($0, field: "examples", subject: subject) }
            }
            let group = fields["group"].flatMap { node -> String? in
                guard let group = reader.string(node, field: "group", subject: subject) else { return nil }
                if !groups.contains(where: { $0.id == group }) { reader.report(.unknownGroup(group), at: node, subject: subject) }
                return group
            }
            let colour = fields["colour"].flatMap { node -> String? in
                guard let colour = reader.string(node, field: "colour", subject: subject) else { return nil }
                if !Self.isColour(colour) { reader.report(.invalidColour(colour), at: node, subject: subject) }
                return colour
            }
            var rules: [(Rule, Node)] = []
            if let rulesNode = fields["rules"], let ruleItems = reader.sequence(rulesNode, field: "rules", subject: subject) {
                if ruleItems.isEmpty { reader.report(.emptyList(field: "rules"), at: rulesNode, subject: subject) }
                // The matcher keeps a theme's candidate rules in one 64-bit mask.
                if ruleItems.count > ThemeMatcher.maximumRulesPerTheme {
                    reader.report(.tooManyRules(count: ruleItems.count, limit: ThemeMatcher.maximumRulesPerTheme), at: rulesNode, subject: subject)
                }
                for ruleNode in ruleItems {
                    guard let scalar = reader.scalar(ruleNode, field: "rules", subject: subject) else { continue }
                    do {
                        let rule = try RuleParser.parse(scalar.string)
                        if !rule.needsEvidence { reader.report(.ruleNeedsEvidence, at: ruleNode, subject: subject) }
                        rules.append((rule, ruleNode))
                    } catch {
                        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                        reader.report(
                            .ruleSyntax(error.problem), at: ruleNode, subject: subject,
                            columnOffset: error.offset + (quoted ? 1 : 0))
                    }
                }
            }
            parsedRules[id] = rules
            guard let label else { continue }
            themes.append(
                Theme(
                    id: id, label: label, description: description, excludes: excludes, examples: examples, group: group, colour: colour,
                    rules: rules.map(\.0.description)))
        }
        checkReferences(parsedRules, known: Set(lines.keys))
        return themes
    }

    /// `@theme` must name a theme, and references must not go round in a circle.
    private func checkReferences(_ rules: [String: [(Rule, Node)]], known: Set<String>) {
        var edges: [String: [String]] = [:]
        for (theme, list) in rules {
            for (rule, node) in list {
                for reference in rule.themeReferences {
                    if !known.contains(reference) {
                        reader.report(.unknownThemeReference(reference), at: node, subject: .theme(theme))
                    } else {
                        edges[theme, default: []].append(reference)
                    }
                }
            }
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var reported = false
        func visit(_ theme: String, path: [String]) {
            if state[theme] == 2 || reported { return }
            if state[theme] == 1 {
                let cycle = Array(path.drop { $0 != theme }) + [theme]
                if let node = rules[theme]?.first?.1 {
                    reader.report(.themeCycle(cycle), at: node, subject: .theme(theme))
                }
                reported = true
                return
            }
            state[theme] = 1
            for next in edges[theme] ?? [] { visit(next, path: path + [theme]) }
            state[theme] = 2
        }
        for theme in rules.keys.sorted() { visit(theme, path: []) }
    }

    package static func isColour(_ text: String) -> Bool {
        text.count == 7 && text.hasPrefix("#") && text.dropFirst().allSatisfy(\.isHexDigit)
    }
}
