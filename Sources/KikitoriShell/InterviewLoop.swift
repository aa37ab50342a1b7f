import Foundation
import Kikitori

/// Runs one hearing question by question until it is completed or paused.
struct InterviewLoop {
    let shell: Shell
    let session: HearingSession
    /// The display language; `:lang` switches it without changing the hearing's record.
    private var language: Language

    init(shell: Shell, session: HearingSession) {
        self.shell = shell
        self.session = session
        language = session.hearing.language
        ActiveHearing.set(store: session.store, hearing: session.hearing.id)
    }

    private var output: ShellOutput { shell.output }
    private static let commands = [
        ":back", ":skip", ":jump", ":review", ":note", ":dk", ":refused", ":lang", ":pause", ":help", ":tag", ":untag", ":consent", ":mask",
    ]

    mutating func run() {
        defer { ActiveHearing.clear() }
        while true {
            guard let question = session.current else {
                if !reviewAndConfirm() { return }
                continue
            }
            output.write("\n" + QuestionScreen(engine: session.engine, language: language).render(question, style: output.style))
            guard let input = readAnswer(for: question) else {
                pause()
                return
            }
            if let command = Self.commandLine(input) {
                if !self.command(command) { return }
                continue
            }
            if question.type == .note {
                session.acknowledgeNote()
                continue
            }
            submit { try session.answer(input, reason: $0) }
        }
    }

    /// A `:command` as typed, with the input method on or off: 「：ｍａｓｋ　佐藤課長」 is `:mask 佐藤課長`.
    /// Nil when the line is an answer.
    static func commandLine(_ input: String) -> String? {
        guard let first = input.first, first == ":" || first == "：" else { return nil }
        let isSpace = { (character: Character) in character == " " || character == "\u{3000}" }
        let end = input.firstIndex(where: isSpace) ?? input.endIndex
        let name = String(input[..<end]).precomposedStringWithCompatibilityMapping.lowercased()
        let rest = input[end...].drop(while: isSpace)
        return rest.isEmpty ? name : name + " " + rest
    }

    /// One answer; multi-line text continues until an empty line. Nil at end of input.
    private func readAnswer(for question: Question) -> String? {
        guard let first = shell.reader.readLine(prompt: "> ", completions: completions(for: question)) else { return nil }
        guard question.type == .text, question.multiline, Self.commandLine(first) == nil, !first.isEmpty else { return first }
        var lines = [first]
        while let next = shell.reader.readLine(prompt: ". ", completions: .none), !next.isEmpty {
            lines.append(next)
        }
        return lines.joined(separator: "\n")
    }

    private func completions(for question: Question) -> Completions {
        var words = Self.commands
        let questionnaire = session.questionnaire
        if let choices = questionnaire.choices(for: question) {
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
                output.line(AnswerProblem.reasonRequired.text(language))
                return
            }
            do { try body(reason) } catch { report(error) }
        } catch {
            report(error)
        }
    }

    private func report(_ error: Error) {
        output.line(output.style.bold("! ") + Shell.describe(error, language: language, questionnaire: session.questionnaire))
    }

    /// Handles a `:command`; false when the hearing loop should end.
    private mutating func command(_ input: String) -> Bool {
        let parts = input.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let name = parts[0]
        // Notes, consent reasons and masked words are personal data: history keeps the command only.
        if name != ":note" { shell.reader.remember([":jump", ":lang", ":tag", ":untag"].contains(name) ? input : name) }
        switch name {
        case ":back": submit { _ in try session.back() }
        case ":skip": submit { try session.mark(.skipped, reason: $0) }
        case ":dk": submit { try session.mark(.dontKnow, reason: $0) }
        case ":refused": submit { try session.mark(.refused, reason: $0) }
        case ":jump":
            guard !argument.isEmpty else { output.line(ShellPhrase.usage(":jump <question>").text(language)); break }
            submit { _ in try session.jump(to: argument) }
        case ":review": output.write(QuestionScreen(engine: session.engine, language: language).review(style: output.style))
        case ":note":
            guard !argument.isEmpty else { output.line(ShellPhrase.usage(":note <text>").text(language)); break }
            submit { _ in
                try session.note(argument)
                output.line(ShellPhrase.noteSaved.text(language))
            }
        case ":lang":
            guard let chosen = Language(rawValue: argument) else { output.line(ShellPhrase.usage(":lang ja|en").text(language)); break }
            language = chosen
        case ":pause":
            pause()
            return false
        case ":help": output.write(ShellPhrase.interviewHelp.text(language))
        case ":tag", ":untag": tag(argument, add: name == ":tag")
        case ":consent":
            let words = argument.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
            let typed = words.first?.precomposedStringWithCompatibilityMapping.lowercased()
            guard let level = typed.flatMap(ConsentLevel.init(rawValue:)), words.count == 2 else {
                output.line(ShellPhrase.usage(":consent public_named|public_anonymous|internal_only <reason>").text(language))
                break
            }
            submit { _ in
                let change = try session.store.changeConsent(hearing: session.hearing.id, to: level, reason: words[1])
                output.line(PrivacyPhrase.consentChanged(session.hearing.shortID, to: change.consent, from: change.previous).text(language))
            }
        case ":mask":
            guard !argument.isEmpty else { output.line(ShellPhrase.usage(":mask <words>").text(language)); break }
            submit { _ in
                let added = try session.store.addMaskTerm(argument, hearing: session.hearing.id)
                let id = session.hearing.shortID
                output.line((added ? PrivacyPhrase.maskAdded(argument, hearing: id) : .maskKnown(argument, hearing: id)).text(language))
            }
        default: output.line(ShellPhrase.unknownCommand(name).text(language))
        }
        return true
    }

    /// `:tag <theme>` / `:untag <theme>`: a person's coding of the answer on screen, or of the
    /// last answered question when the one on screen has no answer yet.
    private func tag(_ theme: String, add: Bool) {
        guard let codebook = shell.codebook, codebook.theme(theme) != nil else {
            output.line(InputProblem.unknownTheme(theme).text(language))
            return
        }
        let engine = session.engine
        let target = session.current.flatMap { engine.states[$0.id] == nil ? nil : $0 } ?? engine.previous(before: session.current?.id)
        guard let question = target, case .answered? = engine.states[question.id] else {
            output.line(AnswerProblem.noEarlierQuestion.text(language))
            return
        }
        submit { _ in
            let answer = try session.store.answerReference(AnswerRef(hearing: session.hearing.id.storageKey, question: question.id))
            try session.store.decide(event: answer.event, hearing: answer.hearing, question: question.id, theme: theme, add: add)
            output.line("\(add ? "+" : "-") \(theme) [\(question.id)]")
        }
    }

    private func pause() {
        do {
            try session.pause()
            output.line("\n" + ShellPhrase.hearingPaused(session.hearing.shortID).text(language))
        } catch {
            report(error)
        }
    }

    /// The end of the questionnaire: review, then complete or pause. False when the loop should end.
    private mutating func reviewAndConfirm() -> Bool {
        output.write("\n" + QuestionScreen(engine: session.engine, language: language).review(style: output.style))
        while true {
            output.line(ShellPhrase.confirmComplete.text(language))
            guard let answer = shell.reader.readLine(prompt: "> ", completions: Completions(words: ["y", "n", ":back", ":jump"], after: [":jump": session.engine.relevantQuestions.map(\.id)])) else {
                pause()
                return false
            }
            let key = AnswerParser.normalise(answer).lowercased()
            if let typed = Self.commandLine(answer) {
                _ = command(typed)
                if session.current != nil { return true }
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
                    return true
                } catch {
                    report(error)
                }
            case "n", "no", "いいえ":
                pause()
                return false
            default:
                output.line(ShellPhrase.notAChoice(answer).text(language))
            }
        }
    }
}
