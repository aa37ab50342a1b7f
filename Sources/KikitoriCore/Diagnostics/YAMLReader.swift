import Foundation
import Yams

/// Walks a YAML document node by node, collecting every diagnostic with its line and column
/// instead of stopping at the first. Shared by the questionnaire and codebook loaders.
package final class YAMLReader {
    /// Input files are small hand-written documents; anything larger is a mistake or an attack.
    package static let maximumFileSize = 1 << 20

    package let path: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Nodes already walked, by position: seeing one again means an alias, which could explode.
    private var visited: Set<Int> = []

    package init(path: String) {
        self.path = path
    }

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Reading the file

    /// Reads and parses the file, or records why it cannot.
    package func readRoot() -> Node.Mapping? {
        let data: Data
        do {
            data = Data(try InputFile.read(path, limit: Self.maximumFileSize))
        } catch {
            switch error {
            case .tooLarge(_, let bytes, let limit): report(.fileTooLarge(bytes: bytes, limit: limit), line: 1, column: 1)
            case .notRegularFile:
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                report(isDirectory.boolValue ? .unreadable(String(cString: strerror(EISDIR))) : .notRegularFile, line: 1, column: 1)
            case .missing: report(.unreadable(String(cString: strerror(ENOENT))), line: 1, column: 1)
            case .unreadable(_, let reason): report(.unreadable(reason), line: 1, column: 1)
            }
            return nil
        }
        return parse(data)
    }

    package func parse(_ data: Data) -> Node.Mapping? {
        guard data.count <= Self.maximumFileSize else {
            report(.fileTooLarge(bytes: data.count, limit: Self.maximumFileSize), line: 1, column: 1)
            return nil
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            let (line, column) = Self.position(ofFirstInvalidByteIn: data)
            report(.notUTF8, line: line, column: column)
            return nil
        }
        // Windows Notepad starts UTF-8 files with a byte-order mark; it is not part of the YAML.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reportYAML(error)
            return nil
        } catch {
            report(.yamlSyntax(String(describing: error)), line: 1, column: 1)
            return nil
        }
        guard let node else {
            report(.emptyDocument, line: 1, column: 1)
            return nil
        }
        return mapping(node, field: "(document)")
    }

    private func reportYAML(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            report(.yamlSyntax(detail), line: mark.line, column: mark.column)
        case .reader(let problem, let offset, _, let yaml):
            let (line, column) = Self.position(ofScalarOffset: offset ?? 0, in: yaml)
            report(.yamlSyntax(problem), line: line, column: column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            report(.duplicateKey(duplicates.first ?? ""), line: context.mark.line, column: context.mark.column)
        default:
            report(.yamlSyntax(String(describing: error)), line: 1, column: 1)
        }
    }

    // MARK: Typed access

    package func mapping(_ node: Node, field: String, subject: DiagnosticSubject? = nil) -> Node.Mapping? {
        guard enter(node, subject: subject) else { return nil }
        guard case .mapping(let mapping) = node else {
            report(.expectedMapping(field: field), at: node, subject: subject)
            return nil
        }
        return mapping
    }

    package func sequence(_ node: Node, field: String, subject: DiagnosticSubject? = nil) -> [Node]? {
        guard enter(node, subject: subject) else { return nil }
        guard case .sequence(let sequence) = node else {
            report(.expectedSequence(field: field), at: node, subject: subject)
            return nil
        }
        return Array(sequence)
    }

    package func scalar(_ node: Node, field: String, subject: DiagnosticSubject? = nil) -> Node.Scalar? {
        guard enter(node, subject: subject) else { return nil }
        guard case .scalar(let scalar) = node else {
            report(.expectedScalar(field: field), at: node, subject: subject)
            return nil
        }
        return scalar
    }

    package func string(_ node: Node, field: String, subject: DiagnosticSubject? = nil) -> String? {
        scalar(node, field: field, subject: subject)?.string
    }

    /// A whole number in `range`: every numeric field has one, so that no value too large for the
    /// work it drives (a window, a scale's steps) gets past lint.
    package func integer(_ node: Node, field: String, in range: ClosedRange<Int>, subject: DiagnosticSubject? = nil) -> Int? {
        guard let text = string(node, field: field, subject: subject) else { return nil }
        guard let value = Int(text) else {
            report(.invalidInteger(field: field, value: text), at: node, subject: subject)
            return nil
        }
        guard range.contains(value) else {
            report(.integerOutOfRange(field: field, value: value, range: range), at: node, subject: subject)
            return nil
        }
        return value
    }

    /// The `id` of a questionnaire or codebook: a kebab-case name usable as a folder.
    package func documentID(_ node: Node) -> String? {
        guard let id = string(node, field: "id") else { return nil }
        if !Identifier.isValidQuestionnaireID(id) { report(.invalidQuestionnaireID(id), at: node) }
        return id
    }

    /// A positive whole `version`.
    package func version(_ node: Node) -> Int? {
        guard let text = string(node, field: "version") else { return nil }
        guard let version = Int(text), version > 0 else {
            report(.invalidVersion(text), at: node)
            return nil
        }
        return version
    }

    /// A plain `true`/`false`; nil (and a diagnostic) otherwise.
    package func boolean(_ node: Node, field: String, subject: DiagnosticSubject? = nil) -> Bool? {
        guard let scalar = scalar(node, field: field, subject: subject) else { return nil }
        if let flag = Self.booleanValue(scalar) { return flag }
        report(.invalidBoolean(field: field, value: scalar.string), at: node, subject: subject)
        return nil
    }

    /// YAML 1.1 spellings of a plain boolean; quoted text is never a boolean.
    package static func booleanValue(_ scalar: Node.Scalar) -> Bool? {
        guard scalar.style == .plain || scalar.style == .any else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Text per language: `{ja: …, en: …}`, or a plain string taken as `defaultLanguage`.
    package func localized(
        _ node: Node, field: String, subject: DiagnosticSubject?, defaultLanguage: Language, declared: [Language]
    ) -> LocalizedText? {
        if case .scalar(let scalar) = node {
            guard enter(node, subject: subject) else { return nil }
            return LocalizedText([defaultLanguage: scalar.string])
        }
        guard let mapping = mapping(node, field: field, subject: subject) else { return nil }
        var text = LocalizedText()
        for (key, value) in mapping {
            guard let code = string(key, field: field, subject: subject) else { continue }
            guard let language = Language(rawValue: code) else {
                report(.unknownLanguage(code), at: key, subject: subject)
                continue
            }
            if !declared.contains(language) {
                warn(.textInUndeclaredLanguage(field: field, language: code), at: key, subject: subject)
            }
            if let string = string(value, field: "\(field).\(code)", subject: subject) { text[language] = string }
        }
        for language in declared where text[language] == nil {
            warn(.missingTranslation(field: field, language: language.rawValue), at: node, subject: subject)
        }
        return text
    }

    /// The fields of a mapping by name, reporting unknown names (with a suggestion) and missing required ones.
    package func fields(
        of mapping: Node.Mapping, at node: Node, allowed: [String], required: [String], subject: DiagnosticSubject?
    ) -> [String: Node] {
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = string(key, field: "key", subject: subject) else { continue }
            guard allowed.contains(name) else {
                report(.unknownField(name, suggestion: Self.suggestion(for: name, among: allowed)), at: key, subject: subject)
                continue
            }
            fields[name] = value
        }
        for name in required where fields[name] == nil {
            report(.missingField(name), at: node, subject: subject)
        }
        return fields
    }

    // MARK: Reporting

    package func report(_ problem: InputProblem, at node: Node, subject: DiagnosticSubject? = nil, columnOffset: Int = 0) {
        let mark = node.mark
        report(problem, line: mark?.line ?? 1, column: (mark?.column ?? 1) + columnOffset, subject: subject)
    }

    package func warn(_ problem: InputProblem, at node: Node, subject: DiagnosticSubject? = nil) {
        let mark = node.mark
        diagnostics.append(
            Diagnostic(
                severity: .warning, path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, subject: subject,
                problem: problem))
    }

    package func report(_ problem: InputProblem, line: Int, column: Int, subject: DiagnosticSubject? = nil) {
        diagnostics.append(
            Diagnostic(severity: .error, path: path, line: line, column: column, subject: subject, problem: problem))
    }

    /// Marks a node as walked; a node reached twice came through an alias.
    private func enter(_ node: Node, subject: DiagnosticSubject?) -> Bool {
        if case .alias = node {
            report(.aliasNotSupported, at: node, subject: subject)
            return false
        }
        // An alias to a scalar costs nothing; only containers can multiply.
        if case .scalar = node { return true }
        guard let mark = node.mark else { return true }
        guard visited.insert(mark.line &* 1_000_003 &+ mark.column).inserted else {
            report(.aliasNotSupported, at: node, subject: subject)
            return false
        }
        return true
    }

    // MARK: Helpers

    package static func suggestion(for name: String, among candidates: [String]) -> String? {
        let best = candidates.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(1, name.count / 3) else { return nil }
        return best.0
    }

    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    package static func position(ofFirstInvalidByteIn data: Data) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        let bytes = [UInt8](data)
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid =
                length > 0 && index + length <= bytes.count
                && bytes[(index + 1)..<(index + length)].allSatisfy { $0 & 0xC0 == 0x80 }
                && String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            if !valid {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return (line, prefix.unicodeScalars.count + 1)
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, 1)
    }

    package static func position(ofScalarOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    package static func reason(for error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return String(cString: strerror(ENOENT))
            case NSFileReadNoPermissionError: return String(cString: strerror(EACCES))
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
