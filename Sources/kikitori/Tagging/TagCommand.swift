import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag answers with the codebook's themes, and let people confirm or correct them.",
        discussion: """
            With no subcommand, tags every answer not yet tagged with the current codebook.

            Examples:
              kikitori tag
              kikitori tag --dry-run --codebook draft.yaml
              kikitori tag add 3f2a9c:barrier_detail cost --coder 高橋
              kikitori tag review privacy --coder 高橋
              kikitori tag review cost --sample 40 --seed 7 --coder 佐藤
              kikitori tag agreement --coders 高橋,佐藤
              kikitori tag disagreements --theme cost
              kikitori tag eval Tests/KikitoriTests/Fixtures/labelled-statements.tsv --misses
              kikitori tag suggest --train corpus/real-dev.tsv
              kikitori tag gaps
            """,
        subcommands: [
            TagRun.self, TagAdd.self, TagRemove.self, TagReviewCommand.self, TagAgreementCommand.self, TagDisagreements.self, TagEval.self,
            TagExplain.self, TagSuggest.self, TagGaps.self,
        ],
        defaultSubcommand: TagRun.self)
}

extension TagCommand {
    struct TagSuggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Train the suggestion model and suggest themes the rules missed, for people to confirm.",
            discussion: """
                The model (naive Bayes over character n-grams and the words MeCab reads, one per theme; \
                characters only, and said, without a MeCab dictionary) learns from the labelled \
                files given and from every decision people made here: confirmed and added themes count for, \
                rejected ones against. Suggestions replace earlier ones, never a rule's tag or a person's \
                decision, and are not counted by themes, reports or exports until confirmed (tag review \
                shows them first), unless those are asked to --include suggested.

                Examples:
                  kikitori tag suggest --train corpus/real-dev.tsv
                  kikitori tag suggest --train corpus/real-dev.tsv --train corpus/real-heldout.tsv --threshold 0.999
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var codebook: CodebookOptions

        @Option(help: "Labelled TSV files to learn from besides the decisions here (repeat for several).", completion: .file(extensions: ["tsv"]))
        var train: [String] = []

        @Option(help: "Probability from which a theme is suggested (0.5–0.999).")
        var threshold = SuggestionModel.defaultThreshold

        func validate() throws {
            guard (0.5...0.999).contains(threshold) else { throw ValidationError(ArgumentPhrase.thresholdRange.text(options.language())) }
        }

        func run() throws {
            let language = options.language()
            let report = try options.guarded {
                let book = try codebook.load(options)
                let themes = Set(book.themes.map(\.id))
                let examples = try train.flatMap { try LabelledStatement.read($0, themes: themes) }
                    .map { SuggestionModel.Example(text: $0.text, labels: $0.labels) }
                let store = try database.open(options)
                return try store.suggest(codebook: book, examples: examples, threshold: threshold, lemmatizer: contentWordLemmatizer(options))
            }
            try StandardOutput.write(TagReportFormatter.suggestions(report, language: language))
        }
    }

    struct TagGaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gaps",
            abstract: "Text answers no theme covers, grouped by the words they share: what the codebook does not name yet.",
            discussion: """
                Words are read with MeCab as `words` reads them (dictionary forms, nouns, verbs and \
                adjectives, no stop words) and ranked by how many untagged answers hold them; words \
                always said together count once. Without a MeCab dictionary, answers are grouped by \
                phrases of 2 to 6 characters instead, and the output says so. Public unless --audience \
                internal: answers are masked before they are read, as in every public output.

                Examples:
                  kikitori tag gaps
                  kikitori tag gaps --top 40 --audience internal
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var review: ReviewOptions

        @Option(help: "How many words to list.")
        var top = 20

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options, readOnly: true)
                let publication = try Publication(store: store, filter: review.filter, language: language)
                let gaps = try store.gaps(
                    filter: review.filter, publication: publication, top: max(1, top), lemmatizer: contentWordLemmatizer(options))
                let text = TagReportFormatter.gaps(gaps, language: language, width: TerminalWidth.columns())
                try publication.check(text, output: "tag gaps")
                return text
            }
            try StandardOutput.write(text)
        }
    }

    struct TagRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Tag every text answer and themed choice not yet tagged with the current codebook.",
            discussion: """
                Running it twice changes nothing. A person's decisions (confirmed, rejected, manual) are \
                never overwritten. --dry-run shows, per theme, what a codebook edit would add and remove.

                Examples:
                  kikitori tag
                  kikitori tag --retag
                  kikitori tag --dry-run --codebook draft.yaml
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var codebook: CodebookOptions

        @Flag(help: "Tag every current answer again, not only new ones.")
        var retag = false

        @Flag(help: "Show what would be added and removed, writing nothing.")
        var dryRun = false

        func run() throws {
            let language = options.language()
            let report = try options.guarded {
                let matcher = try ThemeMatcher(codebook: try codebook.load(options))
                let store = try database.open(options, readOnly: dryRun)
                let progress = Progress(CommandPhrase.progressTagging.text(language))
                defer { progress.finish() }
                return try store.tag(with: matcher, retag: retag, dryRun: dryRun) { progress.update($0, of: $1) }
            }
            try StandardOutput.write(TagReportFormatter(report: report, language: language).render())
        }
    }

    struct TagAdd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Attach a theme to an answer by hand (confirms an automatic tag).",
            discussion: "The answer is named hearing:question_id. The decision is recorded with its coder (--coder or KIKITORI_CODER).\n\nExample:\n  kikitori tag add 3f2a9c:barrier_detail cost --coder 高橋")

        @OptionGroup var decision: TagDecision

        func run() throws { try decision.apply(add: true) }
    }

    struct TagRemove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Reject a theme on an answer; a re-run will not add it back.",
            discussion: "Example:\n  kikitori tag remove 3f2a9c:barrier_detail cost --coder 高橋")

        @OptionGroup var decision: TagDecision

        func run() throws { try decision.apply(add: false) }
    }

    struct TagReviewCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Walk the automatic tags of a theme: y to confirm, n to reject, Enter to skip, q to stop.",
            discussion: """
                With --sample N --seed S, a blind review instead: N answers drawn by S from every text answer, \
                shown without their automatic tags, each to be coded y or n — the same answers in the same order \
                for every coder of the same data (merge first), so that `tag agreement` can compare them.

                Examples:
                  kikitori tag review privacy --coder 高橋
                  kikitori tag review cost --sample 40 --seed 7 --coder 佐藤
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var codebook: CodebookOptions
        @OptionGroup var coder: CoderOption

        @Argument(help: "The theme id.", completion: DynamicCompletion.themes)
        var theme: String

        @Option(help: "Code a blind random sample of this many answers instead of the automatic tags.")
        var sample: Int?

        @Option(help: "The sample's seed: the same seed gives every coder the same answers.")
        var seed: UInt64 = 1

        func validate() throws {
            if let sample, sample < 1 { throw ValidationError(ArgumentPhrase.samplePositive.text(options.language())) }
        }

        func run() throws {
            let shell = try ShellFactory.make(options: options, database: database)
            try options.guarded {
                shell.coder = try coder.resolve()
                let book = try codebook.load(options)
                guard let theme = book.theme(typed: theme)?.id else { throw TagProblem.unknownTheme(theme) }
                try TagReview(shell: shell, codebook: book, theme: theme, blind: sample.map { (count: $0, seed: seed) }).run()
            }
        }
    }

    struct TagAgreementCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agreement",
            abstract: "How far coders agree, per theme and overall: percent agreement, Cohen's kappa, Krippendorff's alpha.",
            discussion: """
                Units are answer × theme pairs every compared coder decided on: a "does not apply" counts, \
                an answer a coder never looked at does not (counting uncoded text as agreement makes kappa \
                misleading). Kappa is given for two coders, alpha for any number. Each coder is also \
                compared with the codebook's rules over the answers the coder decided. Blind samples \
                (tag review --sample) are the fair ground for it.

                Examples:
                  kikitori tag agreement
                  kikitori tag agreement --coders 高橋,佐藤 --theme cost
                  kikitori tag agreement --csv agreement.csv
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var codebook: CodebookOptions

        @Option(help: "Coders to compare, comma-separated (default: every coder with decisions).")
        var coders: String?

        @Option(help: "One theme only.", completion: DynamicCompletion.themes)
        var theme: String?

        @Option(help: "Also write the table as CSV (UTF-8 with BOM, for Excel); - for standard output.", completion: .file(extensions: ["csv"]))
        var csv: String?

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options, readOnly: true)
                let names = try coders.map { list in
                    try list.split(whereSeparator: { $0 == "," || $0 == "、" }).map { raw in
                        guard let name = Coder.name(String(raw)) else { throw TagProblem.invalidCoder(String(raw)) }
                        return name
                    }
                }
                let formatter = AgreementFormatter(report: try store.agreement(coders: names, theme: try codebook.theme(theme, options)), language: language)
                if let csv {
                    let write = { (sink: @escaping (Data) throws -> Void) throws in
                        let writer = try CSVWriter(encoding: .utf8BOM, sink: sink)
                        try writer.writeHeader(formatter.header)
                        for row in formatter.rows { try writer.writeRow(row) }
                        try writer.flush()
                    }
                    guard csv != "-" else {
                        try write { try StandardOutput.write($0) }
                        return ""
                    }
                    try OutputFile.stream(to: csv, force: true, mode: 0o600) { try write($0) }
                }
                return formatter.render()
            }
            try StandardOutput.write(text)
        }
    }

    struct TagDisagreements: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disagreements",
            abstract: "Answers on which coders decided differently, every coder's decision listed.",
            discussion: """
                Merges keep each coder's decisions: two coders who decided differently on an answer are both \
                listed here, not settled by whoever was later. The answers' words are masked unless \
                --audience internal.

                Example:
                  kikitori tag disagreements --theme cost
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var codebook: CodebookOptions

        @Option(help: "One theme only.", completion: DynamicCompletion.themes)
        var theme: String?

        @Option(help: "public (default) or internal.")
        var audience: ReviewFilter.Audience = .public

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options, readOnly: true)
                let publication = try Publication(store: store, filter: ReviewFilter(status: nil, audience: audience), language: language)
                // An internal-only hearing's answers stay out of a public listing, masked or not.
                let found = try store.disagreements(theme: try codebook.theme(theme, options), filter: publication.filter)
                guard !found.isEmpty else { return CodingPhrase.noDisagreements.text(language) + "\n" }
                var lines = [CodingPhrase.disagreementHeading(found.count).text(language)]
                for item in found {
                    let words = item.text ?? ""
                    lines.append("")
                    lines.append("\(item.hearingID.storageKey.prefix(8)):\(item.questionID)  [\(item.theme)]  "
                        + item.decisions.map { "\($0.coder) \($0.applies ? "✓" : "✗")" }.joined(separator: "  "))
                    lines.append("  " + publication.text(words).replacingOccurrences(of: "\n", with: " ⏎ "))
                }
                let text = lines.joined(separator: "\n") + "\n"
                try publication.check(text, output: "tag disagreements")
                return text
            }
            try StandardOutput.write(text)
        }
    }

    struct TagEval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Score the codebook against labelled statements: precision, recall and F1 per theme.",
            discussion: """
                The file is TSV with columns id, labels (comma-separated theme ids) and text. With \
                --train, a suggestion model is trained on those files and the rules, the suggestions and \
                both are scored on the same statements (train on one split, score on the other).

                Examples:
                  kikitori tag eval Tests/KikitoriTests/Fixtures/labelled-statements.tsv --misses
                  kikitori tag eval corpus/real-heldout.tsv --train corpus/real-dev.tsv
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var codebook: CodebookOptions

        @Argument(help: "The labelled TSV file.", completion: .file(extensions: ["tsv"]))
        var labelled: String

        @Flag(help: "List false positives and false negatives.")
        var misses = false

        @Option(help: "Labelled TSV files to train the suggestion model on (repeat for several).", completion: .file(extensions: ["tsv"]))
        var train: [String] = []

        @Option(help: "Probability from which the model suggests a theme (0.5–0.999).")
        var threshold = SuggestionModel.defaultThreshold

        func validate() throws {
            guard (0.5...0.999).contains(threshold) else { throw ValidationError(ArgumentPhrase.thresholdRange.text(options.language())) }
        }

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let book = try codebook.load(options)
                let matcher = try ThemeMatcher(codebook: book)
                guard !train.isEmpty else {
                    return TagEvaluationFormatter(evaluation: try TagEvaluation(matcher: matcher, path: labelled), language: language).render(misses: misses)
                }
                let themes = Set(book.themes.map(\.id))
                let examples = try train.flatMap { try LabelledStatement.read($0, themes: themes) }
                    .map { SuggestionModel.Example(text: $0.text, labels: $0.labels) }
                let lemmatizer = contentWordLemmatizer(options)
                let model = SuggestionModel.train(
                    examples, themes: book.themes.map(\.id), codebook: book.reference, threshold: threshold, lemmatizer: lemmatizer)
                let statements = try LabelledStatement.read(labelled, themes: themes)
                return TagEvaluationFormatter.layers(
                    TagEvaluation.layers(matcher: matcher, model: model, statements: statements, lemmatizer: lemmatizer), model: model,
                    language: language, misses: misses)
            }
            try StandardOutput.write(text)
        }
    }

    struct TagExplain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Show which themes a sentence would get, which rule matched, and the words it found.",
            discussion: "Example:\n  kikitori tag explain 'コストは問題ないが、個人情報の扱いが心配'")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var codebook: CodebookOptions

        @Argument(help: "The text to match.")
        var text: String

        func run() throws {
            let language = options.language()
            let output = try options.guarded {
                let matcher = try ThemeMatcher(codebook: try codebook.load(options))
                let style: TextStyle = isatty(STDOUT_FILENO) != 0 ? .terminal : .plain
                let matches = matcher.match(text)
                if matches.isEmpty { return CommandPhrase.noTheme.text(language) + "\n" }
                return matches.map { match in
                    let theme = matcher.codebook.theme(match.theme)
                    return "\(match.theme)  \(theme?.label.text(language) ?? "")\n  #\(match.rule + 1) \(theme?.rules[match.rule] ?? "")\n  "
                        + Highlighter.highlight(text, spans: match.spans, style: style)
                }.joined(separator: "\n") + "\n"
            }
            try StandardOutput.write(output)
        }
    }
}

/// A tagging request that names something that is not there.

/// What `tag add` and `tag remove` take: an answer, a theme, and where they live.
struct TagDecision: ParsableArguments {
    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions

    @Argument(help: "The answer: hearing:question_id.")
    var answer: AnswerRef

    @Argument(help: "The theme id.", completion: DynamicCompletion.themes)
    var theme: String

    @OptionGroup var coder: CoderOption

    /// Records a person's decision: `add` confirms or adds the theme, otherwise rejects it.
    func apply(add: Bool) throws {
        try options.guarded {
            let name = try coder.resolve()
            let book = try codebook.load(options)
            guard let theme = book.theme(typed: theme)?.id else { throw TagProblem.unknownTheme(theme) }
            let store = try database.open(options)
            let reference = try store.answerReference(answer)
            try store.decide(event: reference.event, hearing: reference.hearing, question: reference.question, theme: theme, add: add, coder: name)
        }
    }
}

/// Word lemmas for the suggestion model and `tag gaps`: MeCab's content words, as `words` reads them;
/// nil (characters only, and the command says so) when no dictionary is installed, since both are
/// aids that should not stop for want of one.
func contentWordLemmatizer(_ options: GlobalOptions) -> Lemmatizer? {
    (try? openMorphology(options))?.lemmatizer
}
