import Foundation

/// Precision, recall and F1 of the codebook against statements labelled by people.
///
/// The labelled file is TSV with a header: `id`, `labels` (theme ids, comma-separated, empty for
/// none) and `text`.
public struct TagEvaluation: Sendable {
    public struct Scores: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        public var f1: Double {
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
    }

    public struct Miss: Sendable, Equatable {
        public var id: String
        public var theme: String
        public var falsePositive: Bool
        public var text: String
    }

    public var themes: [String: Scores] = [:]
    public var misses: [Miss] = []
    public var statements = 0

    /// Micro average: all decisions pooled.
    public var micro: Scores {
        themes.values.reduce(into: Scores()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }

    /// Macro average of F1 (and of precision and recall) over the codebook's themes.
    public var macro: (precision: Double, recall: Double, f1: Double) {
        guard !themes.isEmpty else { return (0, 0, 0) }
        let count = Double(themes.count)
        return (
            themes.values.map(\.precision).reduce(0, +) / count, themes.values.map(\.recall).reduce(0, +) / count,
            themes.values.map(\.f1).reduce(0, +) / count
        )
    }

    /// A row of the labelled file that could not be read.
    public struct FormatError: Error, Equatable, Sendable {
        public enum Problem: Equatable, Sendable {
            case notUTF8
            case header
            case columns(expected: Int, found: Int)
            case unknownTheme(String)
        }

        public var path: String
        public var line: Int
        public var problem: Problem
    }

    /// The codebook's rules against the labelled file at `path`.
    public init(matcher: ThemeMatcher, path: String) throws {
        let statements = try LabelledStatement.read(path, themes: Set(matcher.codebook.themes.map(\.id)))
        self.init(statements, themes: matcher.codebook.themes.map(\.id), predict: Self.rules(matcher))
    }

    /// Any tagger (rules, suggestions, both) against labelled statements.
    public init(_ labelled: [LabelledStatement], themes known: [String], predict: (String) -> Set<String>) {
        for theme in known { themes[theme] = Scores() }
        for statement in labelled {
            let found = predict(statement.text)
            statements += 1
            for theme in known {
                switch (statement.labels.contains(theme), found.contains(theme)) {
                case (true, true): themes[theme]?.truePositives += 1
                case (false, true):
                    themes[theme]?.falsePositives += 1
                    misses.append(Miss(id: statement.id, theme: theme, falsePositive: true, text: statement.text))
                case (true, false):
                    themes[theme]?.falseNegatives += 1
                    misses.append(Miss(id: statement.id, theme: theme, falsePositive: false, text: statement.text))
                case (false, false): break
                }
            }
        }
    }

    /// The themes the rules find in a text.
    public static func rules(_ matcher: ThemeMatcher) -> (String) -> Set<String> {
        var scratch = matcher.makeScratch()
        return { text in Set(matcher.match(NormalizedText(text), scratch: &scratch).map(\.theme)) }
    }

    /// Rules, suggestions and both (a theme found by either), on the same statements; `lemmatizer`
    /// is the one the model was trained with.
    public static func layers(
        matcher: ThemeMatcher, model: SuggestionModel, statements: [LabelledStatement], lemmatizer: Lemmatizer? = nil
    ) -> (rules: TagEvaluation, suggestions: TagEvaluation, both: TagEvaluation) {
        let themes = matcher.codebook.themes.map(\.id)
        let rules = Self.rules(matcher)
        var scorer = SuggestionModel.Scorer(model, vetoedBy: matcher)
        let suggest = { (text: String) in Set(scorer.suggest(text, lemmatizer: lemmatizer).map(\.theme)) }
        return (
            TagEvaluation(statements, themes: themes, predict: rules), TagEvaluation(statements, themes: themes, predict: suggest),
            TagEvaluation(statements, themes: themes, predict: { rules($0).union(suggest($0)) })
        )
    }
}

/// One row of a labelled file: TSV with a header naming at least `id`, `labels` (theme ids,
/// comma-separated, empty for none) and `text`; other columns (source, speaker, date) are kept out.
public struct LabelledStatement: Sendable, Equatable {
    public var id: String
    public var labels: Set<String>
    public var text: String

    public init(id: String, labels: Set<String>, text: String) {
        self.id = id
        self.labels = labels
        self.text = text
    }

    public static func read(_ path: String, themes known: Set<String>) throws -> [LabelledStatement] {
        typealias FormatError = TagEvaluation.FormatError
        let data = try InputFile.read(path, limit: 50 * 1024 * 1024)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw FormatError(path: path, line: 1, problem: .notUTF8)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
            let idColumn = header.firstIndex(of: "id"), let labelColumn = header.firstIndex(of: "labels"),
            let textColumn = header.firstIndex(of: "text")
        else { throw FormatError(path: path, line: 1, problem: .header) }
        var statements: [LabelledStatement] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw FormatError(path: path, line: index + 1, problem: .columns(expected: header.count, found: fields.count))
            }
            let labels = Set(fields[labelColumn].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            if let unknown = labels.subtracting(known).sorted().first {
                throw FormatError(path: path, line: index + 1, problem: .unknownTheme(unknown))
            }
            statements.append(LabelledStatement(id: fields[idColumn], labels: labels, text: fields[textColumn]))
        }
        return statements
    }
}
