import Foundation
import Kikitori

/// Runs one hearing question by question until it is completed or paused.
struct InterviewLoop {
    let shell: Shell
    let session: HearingSession
    /// The display language; `:lang` switches it without changing the hearing's record.
    private var language: Language
    /// Set when the interviewer left the review to fix an answer: once it is saved, back to the
    /// review rather than through every later question.
    private var returnToReview = false

    init(shell: Shell, session: HearingSession) {
        self.shell = shell
        self.session = session
        language = session.hearing.language
        ActiveHearing.set(store: session.store, hearing: session.hearing.id)
    }

    private var output: ShellOutput { shell.output }
    private static let commands = [
        ":back", ":skip", ":jump", ":review", ":note", ":dk", ":refused", ":lang", ":pause", ":help", ":tag", ":untag", ":consent", ":mask",
        ":cancel", ":abandon",
    ]
    /// Commands that leave the question on screen: on a continuation line they run and the answer goes on.
    private static let staying: Set<String> = [":review", ":note", ":lang", ":help", ":mask", ":consent"]

    /// What the interviewer entered at a question.
    private enum Entry {
        case answer(String)
        case command(String)
        /// A multi-line answer discarded; ask the question again.
        case cancelled
        /// End of input (Ctrl-D): pause.
        case end
    }

    mutating func run() {
        defer {
            ActiveHearing.clear()
            session.close()
        }
        while true {
            guard let question = session.current else {
                if !reviewAndConfirm() { return }
                continue
            }
            output.write(
                "\n" + QuestionScreen(engine: session.engine, language: language)
                    .render(question, style: output.style, previous: session.previousAnswer(for: question)))
            switch readAnswer(for: question) {
            case .end:
                pause()
                return
            case .cancelled:
                continue
            case .command(let command):
                if !self.command(command) { return }
            case .answer(let input):
                if question.type == .note {
                    session.acknowledgeNote()
                    continue
                }
                submit { reason in
                    if let words = try session.answer(input, reason: reason) {
                        output.line(ShellPhrase.approximateKept(words).text(language))
                    }
                    backToReviewIfFixed(question)
                }
            }
        }
    }

    /// One answer; multi-line text continues until an empty line. On a continuation line a command
    /// that keeps the question on screen (:note, :review…) runs and the answer goes on; any other
    /// command, `:cancel` and Ctrl-D discard the unfinished answer, say so, and nothing of it is saved.
    private mutating func readAnswer(for question: Question) -> Entry {
        guard let first = shell.reader.readLine(prompt: "> ", completions: completions(for: question)) else { return .end }
        if let command = TypedCommand.parse(first) {
            if command == ":cancel" { output.line(ShellPhrase.nothingToCancel.text(language)); return .cancelled }
            return .command(command)
        }
        guard question.type == .text, question.multiline, !first.isEmpty else { return .answer(first) }
        var lines = [first]
        while true {
            guard let next = shell.reader.readLine(prompt: ". ", completions: Completions(words: Self.commands)) else {
                output.line("\n" + ShellPhrase.unfinishedDiscarded(lines: lines.count).text(language))
                return .end
            }
            if next.isEmpty { return .answer(lines.joined(separator: "\n")) }
            guard let command = TypedCommand.parse(next) else {
                lines.append(next)
                continue
            }
            let name = String(command.prefix { $0 != " " })
            if Self.staying.contains(name) {
                _ = self.command(command)
                continue
            }
            output.line(ShellPhrase.unfinishedDiscarded(lines: lines.count).text(language))
            return name == ":cancel" ? .cancelled : .command(command)
        }
    }

    private func completions(for question: Question) -> Completions {
        var words = Self.commands
        let questionnaire = session.questionnaire
        if question.type.choiceList != nil {
            let choices = session.engine.offeredChoices(for: question)
            // Labels in every language: the parser accepts them all, whatever is on screen.
            words += choices.flatMap { $0.label.values.sorted { $0.key < $1.key }.map(\.value) }
            words += choices.map(\.value)
        }
        if question.type == .yesNo { words += [Phrase.yes.text(language), Phrase.no.text(language)] }
        let ids = session.engine.relevantQuestions.filter { $0.type.isAnswerable }.map(\.id)
        let themes = shell.codebook?.themes.map(\.id) ?? []
        return Completions(
            words: words,
            after: [":jump": ids, ":lang": ["ja", "en"], ":tag": themes, ":untag": themes, ":consent": ConsentLevel.allCases.map(\.rawValue)])
    }

    /// Saves through `body`; asks for a reason when amending a completed hearing; reports problems.
    private func submit(_ body: (String?) throws -> Void) {
        do {
            try body(nil)
        } catch AnswerProblem.reasonRequired {
            guard let reason = shell.reader.readLine(prompt: ShellPhrase.reasonPrompt.text(language) + ": ", completions: .none),
                !reason.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                shell.reject(AnswerProblem.reasonRequired.text(language))
                return
            }
            do { try body(reason) } catch { report(error) }
        } catch {
            report(error)
        }
    }

    private func report(_ error: Error) {
        shell.reject(output.style.bold("! ") + Shell.describe(error, language: language, questionnaire: session.questionnaire))
    }

    /// Handles a `:command`; false when the hearing loop should end.
    private mutating func command(_ input: String) -> Bool {
        let parts = input.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let name = parts[0]
        // Notes, consent reasons and masked words are personal data: history keeps the command only.
        if name != ":note" && name != ":abandon" { shell.reader.remember([":jump", ":lang", ":tag", ":untag"].contains(name) ? input : name) }
        switch name {
        case ":back": submit { _ in try session.back() }
        case ":skip", ":dk", ":refused":
            let state: AnswerState = name == ":skip" ? .skipped : name == ":dk" ? .dontKnow : .refused
            let question = session.current
            submit {
                try session.mark(state, reason: $0)
                if let question { backToReviewIfFixed(question) }
            }
        case ":cancel": output.line(ShellPhrase.nothingToCancel.text(language))
        case ":abandon":
            guard !argument.isEmpty else { shell.reject(ShellPhrase.usage(":abandon <reason>").text(language)); break }
            do {
                try session.store.abandon(session.hearing.id, reason: argument)
                output.line(ShellPhrase.hearingAbandoned(session.hearing.shortID).text(language))
                return false
            } catch {
                report(error)
            }
        case ":jump":
            guard !argument.isEmpty else { shell.reject(ShellPhrase.usage(":jump <question>").text(language)); break }
            submit { _ in try session.jump(to: argument) }
        case ":review": output.write(reviewScreen())
        case ":note":
            guard !argument.isEmpty else { shell.reject(ShellPhrase.usage(":note <text>").text(language)); break }
            submit { _ in
                try session.note(argument)
                output.line(ShellPhrase.noteSaved.text(language))
            }
        case ":lang":
            guard let chosen = Language(rawValue: argument) else { shell.reject(ShellPhrase.usage(":lang ja|en").text(language)); break }
            language = chosen
        case ":pause":
            pause()
            return false
        case ":help": output.line(ShellPhrase.interviewHelp.text(language))
        case ":tag", ":untag": tag(argument, add: name == ":tag")
        case ":consent":
            let words = argument.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
            let typed = words.first?.precomposedStringWithCompatibilityMapping.lowercased()
            guard let level = typed.flatMap(ConsentLevel.init(rawValue:)), words.count == 2 else {
                shell.reject(ShellPhrase.usage(":consent public_named|public_anonymous|internal_only <reason>").text(language))
                break
            }
            submit { _ in
                let change = try session.store.changeConsent(hearing: session.hearing.id, to: level, reason: words[1])
                output.line(PrivacyPhrase.consentChanged(session.hearing.shortID, to: change.consent, from: change.previous).text(language))
            }
        case ":mask":
            guard !argument.isEmpty else { shell.reject(ShellPhrase.usage(":mask <words>").text(language)); break }
            submit { _ in
                let added = try session.store.addMaskTerm(argument, hearing: session.hearing.id)
                let id = session.hearing.shortID
                output.line((added ? PrivacyPhrase.maskAdded(argument, hearing: id) : .maskKnown(argument, hearing: id)).text(language))
            }
        default: shell.reject(ShellPhrase.unknownCommand(name).text(language))
        }
        return true
    }

    /// `:tag <theme>` / `:untag <theme>`: a person's coding of the answer on screen, or of the
    /// last answered question when the one on screen has no answer yet.
    private func tag(_ typed: String, add: Bool) {
        guard let codebook = shell.codebook, let theme = codebook.theme(typed: typed)?.id else {
            shell.reject(InputProblem.unknownTheme(typed).text(language))
            return
        }
        let engine = session.engine
        let target = session.current.flatMap { engine.states[$0.id] == nil ? nil : $0 } ?? engine.previous(before: session.current?.id)
        guard let question = target, case .answered? = engine.states[question.id] else {
            shell.reject(AnswerProblem.noEarlierQuestion.text(language))
            return
        }
        submit { _ in
            let answer = try session.store.answerReference(AnswerRef(hearing: session.hearing.id.storageKey, question: question.id))
            // The interviewer who heard it codes it, unless the session names another coder.
            try session.store.decide(
                event: answer.event, hearing: answer.hearing, question: question.id, theme: theme, add: add,
                coder: shell.coder ?? session.hearing.interviewer)
            output.line("\(add ? "+" : "-") \(theme) [\(question.id)]")
        }
    }

    private func pause() {
        if session.isAmending {
            output.line("\n" + ShellPhrase.amendingLeft(session.hearing.shortID).text(language))
            return
        }
        do {
            try session.pause()
            output.line("\n" + ShellPhrase.hearingPaused(session.hearing.shortID).text(language))
        } catch {
            report(error)
        }
    }

    /// After a fix made from the review, the next question is the first relevant one still without
    /// an answer (a follow-up the change opened), or else the review again.
    private mutating func backToReviewIfFixed(_ question: Question) {
        guard returnToReview, session.current?.id != question.id else { return }
        returnToReview = false
        session.move(to: session.engine.resumePoint)
    }

    /// The review with the hearing's notes under their questions, as wide as the terminal.
    private func reviewScreen() -> String {
        var notes: [String: [String]] = [:]
        for event in (try? session.store.events(of: session.hearing.id, questionnaire: session.questionnaire)) ?? []
        where event.kind == .note {
            if case .text(let text)? = event.value { notes[event.questionID ?? "", default: []].append(text) }
        }
        return QuestionScreen(engine: session.engine, language: language).review(style: output.style, width: shell.width, notes: notes)
    }

    /// The end of the questionnaire: review, then complete or pause. False when the loop should end.
    private mutating func reviewAndConfirm() -> Bool {
        output.write("\n" + reviewScreen())
        while true {
            output.line(ShellPhrase.confirmComplete.text(language))
            guard let answer = shell.reader.readLine(prompt: "> ", completions: Completions(words: ["y", "n", ":back", ":jump"], after: [":jump": session.engine.relevantQuestions.map(\.id)])) else {
                pause()
                return false
            }
            let key = AnswerParser.normalise(answer).lowercased()
            if let typed = TypedCommand.parse(answer) {
                _ = command(typed)
                if session.current != nil {
                    returnToReview = true
                    return true
                }
                continue
            }
            switch key {
            case "y", "yes", "はい":
                do {
                    try session.complete()
                    output.line(ShellPhrase.hearingCompleted(session.hearing.shortID).text(language))
                    return false
                } catch AnswerProblem.incomplete(let ids) {
                    report(AnswerProblem.incomplete(ids))
                    if let first = ids.first { try? session.jump(to: first) }
                    returnToReview = true
                    return true
                } catch {
                    report(error)
                }
            case "n", "no", "いいえ":
                pause()
                return false
            default:
                shell.reject(ShellPhrase.notAChoice(answer).text(language))
            }
        }
    }
}
