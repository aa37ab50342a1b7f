import ArgumentParser
import Foundation
import Kikitori

/// Options every command shares: the interface language and where questionnaires live.
package struct GlobalOptions: ParsableArguments {
    package init() {}

    @Option(name: .long, help: "Interface language: ja or en (default: from LANG, else the questionnaire's default).")
    package var lang: Language?

    @Option(
        name: .long, help: "The questionnaires folder (default: $KIKITORI_QUESTIONNAIRES, else ./questionnaires).",
        completion: .directory)
    package var questionnaires: String?

    /// The language to speak: `--lang`, then the locale, then `fallback`.
    package func language(fallback: Language = .ja) -> Language {
        lang ?? Language.fromEnvironment() ?? fallback
    }

    package var library: QuestionnaireLibrary {
        QuestionnaireLibrary(root: Self.questionnairesFolder(questionnaires))
    }

    /// `--questionnaires`, `$KIKITORI_QUESTIONNAIRES`, `./questionnaires`, then the installed copy.
    package static func questionnairesFolder(_ explicit: String?) -> String {
        if let explicit { return explicit }
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["KIKITORI_QUESTIONNAIRES"], !folder.isEmpty { return folder }
        let local = "questionnaires"
        if FileManager.default.fileExists(atPath: local) { return local }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/kikitori/questionnaires").path
        return FileManager.default.fileExists(atPath: installed) ? installed : local
    }
}

extension Language: ExpressibleByArgument {}
