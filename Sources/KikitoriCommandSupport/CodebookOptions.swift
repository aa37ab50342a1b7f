import ArgumentParser
import Foundation
import Kikitori

/// Where the codebook is: `--codebook`, `$KIKITORI_CODEBOOK`, else `codebook.yaml` in the questionnaires folder.
package struct CodebookOptions: ParsableArguments {
    package init() {}

    @Option(name: .long, help: "The codebook file (default: codebook.yaml in the questionnaires folder).", completion: .file(extensions: ["yaml"]))
    package var codebook: String?

    package func path(_ options: GlobalOptions) -> String {
        codebook ?? Self.defaultPath(options)
    }

    /// `$KIKITORI_CODEBOOK`, else `codebook.yaml` in the questionnaires folder.
    package static func defaultPath(_ options: GlobalOptions) -> String {
        defaultPath(questionnaires: options.questionnaires)
    }

    package static func defaultPath(questionnaires: String?) -> String {
        if let path = ProcessInfo.processInfo.environment["KIKITORI_CODEBOOK"], !path.isEmpty { return path }
        return (GlobalOptions.questionnairesFolder(questionnaires) as NSString).appendingPathComponent("codebook.yaml")
    }

    package func load(_ options: GlobalOptions) throws(InputError) -> Codebook {
        try CodebookLoader.load(path: path(options))
    }

    /// The id of the theme `typed` names (its id in any width or case, or its label); nil when none
    /// was given. A theme the codebook lacks is an error, never an empty result.
    package func theme(_ typed: String?, _ options: GlobalOptions) throws -> String? {
        guard let typed else { return nil }
        guard let theme = try load(options).theme(typed: typed) else { throw TagProblem.unknownTheme(typed) }
        return theme.id
    }
}
