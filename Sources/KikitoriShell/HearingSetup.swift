import Foundation
import Kikitori

/// The questions before the questionnaire: who is heard (new or existing respondent), by whom,
/// where, and what they agreed may be published. Nothing is saved until all are answered.
struct HearingSetup {
    let shell: Shell
    let questionnaire: Questionnaire
    let presets: HearingPresets

    private var language: Language { shell.language }
    private var output: ShellOutput { shell.output }

    /// Cancelled on end of input.
    private struct Cancelled: Error {}

    /// The started session, or nil when the interviewer cancelled.
    func run() throws -> HearingSession? {
        do {
            let previous = try presets.previousHearing.map { try shell.store.findHearing($0) }
            if let previous {
                if previous.status == .abandoned { throw AnswerProblem.hearingClosed(.abandoned) }
                output.line(ShellPhrase.followingUp(previous.shortID, date: JapanTime.day(previous.startedAt)).text(language))
            }
            let (respondent, isNew) = try previous.map { (try shell.store.respondent($0.respondentID), false) } ?? chooseRespondent()
            try checkAudience(respondent)
            let interviewer = try presets.interviewer ?? ask(
                ShellPhrase.interviewerPrompt(shell.defaultInterviewer), default: shell.defaultInterviewer)
            let place = try presets.place ?? ask(ShellPhrase.placePrompt, optional: true)
            let consent = try presets.consent ?? choose(
                ShellPhrase.consentPrompt, ConsentLevel.allCases.map { ($0, $0.rawValue, ShellPhrase.consentLevel($0).text(language)) })
            let hearingLanguage = questionnaire.languages.contains(language) ? language : questionnaire.defaultLanguage
            return try HearingSession.start(
                store: shell.store, questionnaire: questionnaire, respondent: respondent, isNewRespondent: isNew,
                interviewer: interviewer, place: place.isEmpty ? nil : place, consent: consent, language: hearingLanguage,
                previous: previous?.id)
        } catch is Cancelled {
            return nil
        }
    }

    private func chooseRespondent() throws -> (Respondent, Bool) {
        let existing = try shell.store.respondents()
        if let preset = presets.respondent {
            // `interview --respondent` takes what the prompt takes: an id prefix or part of a name, unambiguous.
            let matches = RespondentSearch.matches(preset, in: existing)
            guard matches.count == 1 else {
                if matches.isEmpty { throw StoreError.unknownRespondent(preset) }
                throw StoreError.ambiguousRespondent(preset, matches: matches.prefix(10).map(RespondentSearch.line))
            }
            try checkAudience(matches[0])
            return (matches[0], false)
        }
        // Asked on a fresh database too, so a script reads the same whatever the database holds.
        do {
            while true {
                let answer = try ask(ShellPhrase.respondentPrompt, optional: true)
                if answer.isEmpty { break }
                let matches = RespondentSearch.matches(answer, in: existing)
                if matches.isEmpty {
                    shell.reject(StoreError.unknownRespondent(answer).text(language))
                    continue
                }
                // Never picked silently: the interviewer sees who it is and says yes, or picks by number.
                output.line(ShellPhrase.respondentMatches(matches.count).text(language))
                let shown = Array(matches.prefix(10))
                for (index, respondent) in shown.enumerated() {
                    output.line("  \(index + 1)) " + RespondentSearch.line(respondent, language: language))
                }
                guard let chosen = try pick(from: shown) else { continue }
                do {
                    try checkAudience(chosen)
                } catch {
                    shell.reject(Shell.describe(error, language: language))
                    continue
                }
                return (chosen, false)
            }
        }
        return (try newRespondent(), true)
    }

    /// `y`/number to take one of `shown`, anything else (or Enter) to search again.
    private func pick(from shown: [Respondent]) throws -> Respondent? {
        let line = try ask(shown.count == 1 ? ShellPhrase.confirmRespondent : ShellPhrase.chooseRespondent(shown.count), optional: true)
        let key = AnswerParser.normalise(line).lowercased()
        if shown.count == 1, ["y", "yes", "はい", "1"].contains(key) { return shown[0] }
        if let number = Int(key), (1...shown.count).contains(number) { return shown[number - 1] }
        return nil
    }

    /// A respondent of a kind the questionnaire is not for is refused, naming the kinds it is for.
    private func checkAudience(_ respondent: Respondent) throws {
        let audience = questionnaire.audience
        guard audience.isEmpty || audience.contains(respondent.kind) else {
            throw AnswerProblem.outsideAudience(respondent.kind, allowed: audience)
        }
    }

    private func newRespondent() throws -> Respondent {
        let kinds = questionnaire.audience.isEmpty ? RespondentKind.allCases : questionnaire.audience
        let kind = try choose(ShellPhrase.respondentKindPrompt, kinds.map { ($0, $0.rawValue, Phrase.respondentKind($0).text(language)) })
        let organisation = try ask(ShellPhrase.organisationPrompt)
        let name = try ask(ShellPhrase.personNamePrompt, optional: true)
        let role = try ask(ShellPhrase.personRolePrompt, optional: true)
        let industry = kind == .privateFirm ? try ask(ShellPhrase.industryPrompt, optional: true) : ""
        let typed = try ask(
            ShellPhrase.municipalityPrompt, optional: true, completions: Completions(words: Hokkaido.municipalities, readings: Hokkaido.readings))
        // A reading typed in full is the municipality it names (さっぽろし → 札幌市).
        let municipality = Hokkaido.municipality(reading: typed) ?? typed
        let guess = Hokkaido.subprefecture(of: municipality)?.name
        let regionAnswer = try ask(
            ShellPhrase.regionPrompt(guess), optional: true,
            completions: Completions(words: Hokkaido.subprefectures.map(\.name)))
        let region = regionAnswer.isEmpty ? guess : (Hokkaido.subprefecture(named: regionAnswer)?.name ?? regionAnswer)
        return Respondent(
            kind: kind, organisation: organisation, personName: name.isEmpty ? nil : name,
            personRole: role.isEmpty ? nil : role, industry: industry.isEmpty ? nil : industry,
            municipality: municipality.isEmpty ? nil : municipality, region: region)
    }

    // MARK: Prompts

    /// A `:command` typed at a set-up prompt (in any width) is never taken as a name: `:cancel` leaves
    /// set-up, anything else is explained.
    private func isCommand(_ line: String) throws -> Bool {
        guard let command = TypedCommand.parse(line) else { return false }
        if command == ":cancel" || command == ":pause" { throw Cancelled() }
        shell.reject(ShellPhrase.setupCommands.text(language))
        return true
    }

    private func ask(
        _ prompt: ShellPhrase, optional: Bool = false, default value: String? = nil, completions: Completions = .none
    ) throws -> String {
        while true {
            guard let line = shell.reader.readLine(prompt: prompt.text(language) + ": ", completions: completions) else {
                throw Cancelled()
            }
            if try isCommand(line) { continue }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if !answer.isEmpty { return answer }
            if let value { return value }
            if optional { return "" }
            shell.reject(ShellPhrase.mustNotBeEmpty.text(language))
        }
    }

    /// A numbered choice, answered by number, code or label.
    private func choose<T>(_ prompt: ShellPhrase, _ options: [(value: T, code: String, label: String)]) throws -> T {
        output.line(prompt.text(language))
        for (index, option) in options.enumerated() { output.line("  \(index + 1)) \(option.label)") }
        let labels = options.map(\.label) + options.map(\.code)
        while true {
            guard let line = shell.reader.readLine(prompt: "> ", completions: Completions(words: labels)) else {
                throw Cancelled()
            }
            if try isCommand(line) { continue }
            let answer = AnswerParser.normalise(line)
            if let number = Int(answer), (1...options.count).contains(number) { return options[number - 1].value }
            if let match = options.first(where: { AnswerParser.normalise($0.label) == answer || $0.code == answer }) {
                return match.value
            }
            shell.reject(ShellPhrase.notAChoice(line).text(language))
        }
    }
}
