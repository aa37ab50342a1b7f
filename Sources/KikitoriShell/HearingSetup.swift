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
            let (respondent, isNew) = try chooseRespondent()
            let interviewer = try presets.interviewer ?? ask(
                ShellPhrase.interviewerPrompt(shell.defaultInterviewer), default: shell.defaultInterviewer)
            let place = try presets.place ?? ask(ShellPhrase.placePrompt, optional: true)
            let consent = try presets.consent ?? choose(
                ShellPhrase.consentPrompt, ConsentLevel.allCases.map { ($0, $0.rawValue, ShellPhrase.consentLevel($0).text(language)) })
            let hearingLanguage = questionnaire.languages.contains(language) ? language : questionnaire.defaultLanguage
            return try HearingSession.start(
                store: shell.store, questionnaire: questionnaire, respondent: respondent, isNewRespondent: isNew,
                interviewer: interviewer, place: place.isEmpty ? nil : place, consent: consent, language: hearingLanguage)
        } catch is Cancelled {
            return nil
        }
    }

    private func chooseRespondent() throws -> (Respondent, Bool) {
        if let preset = presets.respondent { return (try shell.store.findRespondent(preset), false) }
        let existing = try shell.store.respondents()
        if !existing.isEmpty {
            while true {
                let answer = try ask(ShellPhrase.respondentPrompt, optional: true)
                if answer.isEmpty { break }
                let key = AnswerParser.normalise(answer).lowercased()
                let matches = existing.filter {
                    $0.id.uuidString.lowercased().hasPrefix(key)
                        || AnswerParser.normalise($0.organisation).lowercased().contains(key)
                }
                if matches.count == 1 { return (matches[0], false) }
                if matches.isEmpty {
                    output.line(StoreError.unknownRespondent(answer).text(language))
                } else {
                    let names = matches.prefix(10).map { "\($0.id.uuidString.lowercased().prefix(8)) \($0.organisation)" }
                    output.line(StoreError.ambiguousRespondent(answer, matches: names).text(language))
                }
            }
        }
        return (try newRespondent(), true)
    }

    private func newRespondent() throws -> Respondent {
        let kinds = questionnaire.audience.isEmpty ? RespondentKind.allCases : questionnaire.audience
        let kind = try choose(ShellPhrase.respondentKindPrompt, kinds.map { ($0, $0.rawValue, Phrase.respondentKind($0).text(language)) })
        let organisation = try ask(ShellPhrase.organisationPrompt)
        let name = try ask(ShellPhrase.personNamePrompt, optional: true)
        let role = try ask(ShellPhrase.personRolePrompt, optional: true)
        let industry = kind == .privateFirm ? try ask(ShellPhrase.industryPrompt, optional: true) : ""
        let municipality = try ask(
            ShellPhrase.municipalityPrompt, optional: true, completions: Completions(words: Hokkaido.municipalities))
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

    private func ask(
        _ prompt: ShellPhrase, optional: Bool = false, default value: String? = nil, completions: Completions = .none
    ) throws -> String {
        while true {
            guard let line = shell.reader.readLine(prompt: prompt.text(language) + ": ", completions: completions) else {
                throw Cancelled()
            }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if !answer.isEmpty { return answer }
            if let value { return value }
            if optional { return "" }
            output.line(ShellPhrase.mustNotBeEmpty.text(language))
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
            let answer = AnswerParser.normalise(line)
            if let number = Int(answer), (1...options.count).contains(number) { return options[number - 1].value }
            if let match = options.first(where: { AnswerParser.normalise($0.label) == answer || $0.code == answer }) {
                return match.value
            }
            output.line(ShellPhrase.notAChoice(line).text(language))
        }
    }
}
