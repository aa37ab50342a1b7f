import Foundation
import Kikitori

/// The hearing shell, in the manner of `sqlite3` or `psql`: top-level commands, and hearings run
/// question by question. Input comes from a ``LineReader``; output goes to a ``ShellOutput``.
public final class Shell {
    let store: HearingStore
    let library: QuestionnaireLibrary
    let reader: LineReader
    let output: ShellOutput
    var language: Language
    let defaultInterviewer: String
    /// The codebook, for `:tag` and `:untag`; nil when there is none next to the questionnaires.
    let codebook: Codebook?
    /// Who codes in this session (`coder NAME`, `--coder`, `$KIKITORI_CODER`): asked for at the
    /// first coding decision when unset, then remembered.
    public var coder: String?

    public init(
        store: HearingStore, library: QuestionnaireLibrary, reader: LineReader, output: ShellOutput,
        language: Language, defaultInterviewer: String, codebook: Codebook? = nil
    ) {
        self.codebook = codebook
        self.store = store
        self.library = library
        self.reader = reader
        self.output = output
        self.language = language
        self.defaultInterviewer = defaultInterviewer
        // The shell writes answers: a database copied in with loose permissions is made owner-only.
        if store.loosePermissions != nil { try? store.tightenPermissions() }
        // An answer waits for a long `tag` or `merge` in another window rather than being lost, and
        // the interviewer is told why the screen is still.
        reader.setBusyNotice(ShellPhrase.cannotInterrupt.text(language))
        let path = store.path
        store.lockWait.configure(limit: Self.answerWaitLimit) { [output, language] in
            output.line(ShellPhrase.waitingForLock(path).text(language))
        }
    }

    /// Columns of the terminal on standard output; 80 when it is not a terminal.
    var width: Int { TerminalWidth.columns() }

    /// Lines refused (a bad answer, an unknown command, a failed command): a script piped in ends
    /// with a failing status when any was.
    public private(set) var rejectedLines = 0

    /// Says why a line was refused, and counts it.
    func reject(_ message: String) {
        rejectedLines += 1
        output.line(message)
    }

    /// How long an answer waits for another process's write before the shell gives up on it.
    static let answerWaitLimit: TimeInterval = 600

    static let commands = [
        "new", "resume", "hearings", "show", "respondents", "questionnaires", "search", "tag", "coder", "lang", "help", "quit", "exit",
    ]

    /// The read–eval loop; returns at `quit` or end of input.
    public func run() {
        output.line(ShellPhrase.welcome(store.path).text(language))
        while let line = reader.readLine(prompt: "kikitori> ", completions: completions()) {
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let command = words.first else { continue }
            // Search terms are often fragments of answers or names: history keeps the command only.
            reader.remember(command == "search" ? command : line)
            if command == "quit" || command == "exit" { break }
            execute(command, Array(words.dropFirst()))
        }
        output.line(ShellPhrase.goodbye.text(language))
    }

    private func completions() -> Completions {
        let references = ((try? library.entries()) ?? []).flatMap { [$0.id, "\($0.id)@\($0.version)"] }
        let hearings = ((try? store.hearings()) ?? []).map(\.hearing.shortID)
        let open = ((try? store.hearings()) ?? []).filter { $0.hearing.status.isOpen }.map(\.hearing.shortID)
        return Completions(
            words: Self.commands,
            after: [
                "new": Array(Set(references)).sorted(), "resume": open, "show": hearings,
                "hearings": HearingStatus.allCases.map(\.rawValue), "lang": ["ja", "en"],
                "tag": ["retag", "dry-run", "review", "eval"] + (codebook?.themes.map(\.id) ?? []),
            ])
    }

    func execute(_ command: String, _ arguments: [String]) {
        do {
            switch command {
            case "new":
                // `new <questionnaire> [--follow-up <hearing>]`, the option in any width.
                let words = arguments.map { AnswerParser.normalise($0) }
                guard let reference = arguments.first else { return usage("new <questionnaire> [--follow-up <hearing>]") }
                var presets = HearingPresets()
                if words.count > 1 {
                    guard words.count == 3, words[1] == "--follow-up" else { return usage("new <questionnaire> [--follow-up <hearing>]") }
                    presets.previousHearing = words[2]
                }
                try startInterview(reference, presets: presets)
            case "resume":
                guard let prefix = arguments.first else { return usage("resume <hearing>") }
                try resume(prefix)
            case "hearings": try listHearings(arguments)
            case "show":
                guard let prefix = arguments.first else { return usage("show <hearing>") }
                try showHearing(prefix)
            case "respondents": try listRespondents()
            case "questionnaires": listQuestionnaires()
            case "lang":
                guard let code = arguments.first, let chosen = Language(rawValue: code) else { return usage("lang ja|en") }
                language = chosen
                reader.setBusyNotice(ShellPhrase.cannotInterrupt.text(language))
                output.line(ShellPhrase.languageSwitched(chosen).text(language))
            case "search":
                guard !arguments.isEmpty else { return usage("search <words>") }
                let result = try store.search(HearingStore.SearchQuery(terms: arguments, audience: .internal))
                output.write(SearchFormatter(language: language).render(result, terms: arguments, style: output.style))
            case "tag": try tag(arguments)
            case "coder":
                if !arguments.isEmpty {
                    guard let name = Coder.name(arguments.joined(separator: " ")) else {
                        return reject(CodingPhrase.invalidCoder(arguments.joined(separator: " ")).text(language))
                    }
                    coder = name
                }
                output.line(CodingPhrase.coderNow(coder).text(language))
            case "help": output.line(ShellPhrase.shellHelp.text(language))
            default: reject(ShellPhrase.unknownCommand(command).text(language))
            }
        } catch {
            report(error)
        }
    }

    private func usage(_ text: String) {
        reject(ShellPhrase.usage(text).text(language))
    }

    /// One line per problem, in the interface language.
    func report(_ error: Error, questionnaire: Questionnaire? = nil) {
        reject(Self.describe(error, language: language, questionnaire: questionnaire))
    }

    public static func describe(_ error: Error, language: Language, questionnaire: Questionnaire? = nil) -> String {
        switch error {
        case let error as AnswerProblem: return error.text(language, questionnaire: questionnaire)
        case let error as StoreError: return error.text(language)
        case let error as LibraryError: return error.text(language)
        case let error as InputError: return error.errors.map { $0.message(language) }.joined(separator: "\n")
        case let error as TagEvaluation.FormatError: return "\(error.path):\(error.line): \(error.text(language))"
        default: return String(describing: error)
        }
    }

    // MARK: Hearings

    /// `new <questionnaire>`: set the hearing up, then run it.
    public func startInterview(_ reference: String, presets: HearingPresets = HearingPresets()) throws {
        let questionnaire = try library.load(reference)
        let setup = HearingSetup(shell: self, questionnaire: questionnaire, presets: presets)
        guard let session = try setup.run() else {
            output.line(ShellPhrase.setupCancelled.text(language))
            return
        }
        output.line(ShellPhrase.hearingStarted(session.hearing.shortID, questionnaire.title.text(language)).text(language))
        if let line = try? formatter().caseLine(try store.respondent(session.hearing.respondentID)) { output.line("  " + line) }
        var loop = InterviewLoop(shell: self, session: session)
        loop.run()
    }

    /// `resume <hearing>`: continue where the hearing stopped.
    public func resume(_ prefix: String) throws {
        let hearing = try store.findHearing(prefix)
        let who = try formatter().caseLine(try store.respondent(hearing.respondentID))
        let session = try HearingSession.resume(store: store, hearingID: hearing.id)
        output.line(
            ShellPhrase.hearingResumed(hearing.shortID, session.questionnaire.title.text(language)).text(language))
        output.line("  " + who)
        if session.isAmending { output.line(ShellPhrase.amending.text(language)) }
        var loop = InterviewLoop(shell: self, session: session)
        loop.run()
    }

    /// `tag`, `tag retag`, `tag dry-run`, `tag review <theme>`, `tag eval <file.tsv>`: the tagging
    /// commands of the CLI, for an interviewer who stays in the shell.
    /// The session's coder, asking once when none is set; nil when the person gives none.
    func requireCoder() -> String? {
        if let coder { return coder }
        while let line = reader.readLine(prompt: CodingPhrase.coderPrompt.text(language), completions: .none) {
            if let name = Coder.name(line) {
                coder = name
                return name
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            reject(CodingPhrase.invalidCoder(line).text(language))
        }
        reject(CodingPhrase.noCoder.text(language))
        return nil
    }

    private func tag(_ arguments: [String]) throws {
        guard let codebook else { return output.line(InputProblem.missingField("codebook.yaml").text(language)) }
        let matcher = try ThemeMatcher(codebook: codebook)
        switch arguments.first {
        case nil, "retag", "dry-run":
            let report = try store.tag(with: matcher, retag: arguments.first == "retag", dryRun: arguments.first == "dry-run")
            output.write(TagReportFormatter(report: report, language: language).render())
        case "review":
            // `tag review <theme> [--sample N [--seed S]]`, as on the command line.
            let options = Dictionary(stride(from: 2, to: arguments.count - 1, by: 2).map { (arguments[$0], AnswerParser.normalise(arguments[$0 + 1])) }) { $1 }
            let count = options["--sample"].flatMap { Int($0) }
            guard arguments.count >= 2, arguments.count % 2 == 0, let theme = codebook.theme(typed: arguments[1])?.id,
                Set(options.keys).isSubset(of: ["--sample", "--seed"]), options["--sample"] == nil || (count ?? 0) > 0,
                options["--seed"] == nil || UInt64(options["--seed"] ?? "") != nil
            else { return usage("tag review <theme> [--sample N --seed S]") }
            let blind = count.map { (count: $0, seed: options["--seed"].flatMap { UInt64($0) } ?? 1) }
            try TagReview(shell: self, codebook: codebook, theme: theme, blind: blind).run()
        case "eval":
            guard arguments.count == 2 else { return usage("tag eval <labelled.tsv>") }
            let evaluation = try TagEvaluation(matcher: matcher, path: arguments[1])
            output.write(TagEvaluationFormatter(evaluation: evaluation, language: language).render(misses: false))
        default:
            usage("tag [retag | dry-run | review <theme> [--sample N --seed S] | eval <labelled.tsv>]")
        }
    }

    private func listHearings(_ arguments: [String]) throws {
        // Each word is a status (its code or the word shown, 完了 or completed), a questionnaire (id
        // or id@N), or else part of a respondent's organisation or id.
        var filter = HearingStore.HearingFilter()
        let questionnaires = Set(((try? library.entries()) ?? []).flatMap { [$0.id, "\($0.id)@\($0.version)"] })
        for argument in arguments {
            if let status = HearingStatus.named(argument) {
                filter.status = status
            } else if questionnaires.contains(argument), let reference = QuestionnaireRef(argument) {
                filter.questionnaire = reference
            } else {
                filter.respondent = argument
            }
        }
        let summaries = try store.hearings(filter)
        guard !summaries.isEmpty else { return output.line(ShellPhrase.noHearings.text(language)) }
        output.write(try formatter().list(summaries, width: width))
    }

    /// The shell is the interviewer's own tool: it names respondents as registered.
    private func formatter() throws -> HearingFormatter {
        HearingFormatter(publication: try Publication(store: store, filter: ReviewFilter(status: nil, audience: .internal), language: language))
    }

    private func showHearing(_ prefix: String) throws {
        let hearing = try store.findHearing(prefix)
        let questionnaire = try store.snapshot(hearing.questionnaire)
        output.write(try formatter().detail(
            hearing: hearing, respondent: try store.respondent(hearing.respondentID), questionnaire: questionnaire,
            events: try store.events(of: hearing.id, questionnaire: questionnaire), consents: try store.consentHistory(hearing: hearing.id),
            review: try store.reviewStatus(hearing: hearing.id), reviews: try store.reviewHistory(hearing: hearing.id),
            previous: try hearing.previousHearingID.map { try store.hearing($0) },
            respondentEdits: try store.respondentEdits(hearing.respondentID),
            memos: try store.memos(subject: .hearing, target: hearing.id.storageKey),
            width: width, style: output.style))
    }

    private func listRespondents() throws {
        let respondents = try store.respondents()
        guard !respondents.isEmpty else { return output.line(ShellPhrase.noRespondents.text(language)) }
        var table = TextTable(
            headers: [ShellPhrase.columnRespondent, .columnKind, .columnOrganisation, .columnMunicipality, .columnRegion]
                .map { $0.text(language) })
        for respondent in respondents {
            table.append([
                String(respondent.id.uuidString.lowercased().prefix(8)), Phrase.respondentKind(respondent.kind).text(language),
                respondent.organisation, respondent.municipality ?? "", respondent.region ?? "",
            ])
        }
        output.write(table.render())
    }

    private func listQuestionnaires() {
        for entry in (try? library.entries()) ?? [] {
            let title = (try? QuestionnaireLoader.load(path: entry.path)).map { $0.title.text(language, fallback: $0.defaultLanguage) } ?? ""
            output.line("\(entry.id)@\(entry.version)  \(title)")
        }
    }

}

/// Answers to the set-up questions given on the command line, so they are not asked.
public struct HearingPresets: Sendable {
    public var respondent: String?
    public var interviewer: String?
    public var place: String?
    public var consent: ConsentLevel?
    /// A follow-up: the hearing (id prefix) whose respondent is heard again, its answers offered.
    public var previousHearing: String?

    public init(
        respondent: String? = nil, interviewer: String? = nil, place: String? = nil, consent: ConsentLevel? = nil, previousHearing: String? = nil
    ) {
        self.previousHearing = previousHearing
        self.respondent = respondent
        self.interviewer = interviewer
        self.place = place
        self.consent = consent
    }
}
