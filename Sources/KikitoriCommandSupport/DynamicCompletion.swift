import ArgumentParser
import Foundation
import Kikitori

/// Completions that depend on the data: questionnaire ids, themes and hearing prefixes. The shell's
/// completion script calls the binary back with the words typed so far; `--questionnaires` and
/// `--db` among them are honoured, else the same defaults as the commands.
package enum DynamicCompletion {
    package static let questionnaires = CompletionKind.custom { words, _, _ in
        let library = QuestionnaireLibrary(root: GlobalOptions.questionnairesFolder(value(of: "--questionnaires", in: words)))
        return ((try? library.entries()) ?? []).flatMap { [$0.id, "\($0.id)@\($0.version)"] }.uniqued()
    }

    package static let themes = CompletionKind.custom { words, _, _ in
        let path = value(of: "--codebook", in: words) ?? CodebookOptions.defaultPath(questionnaires: value(of: "--questionnaires", in: words))
        return ((try? CodebookLoader.load(path: path))?.themes.map(\.id)) ?? []
    }

    package static let hearings = CompletionKind.custom { words, _, _ in
        // Read-only and quiet: a completion never writes, waits or prints.
        guard let store = try? HearingStore(path: DatabaseOptions.path(value(of: "--db", in: words)), readOnly: true) else { return [] }
        return ((try? store.hearings()) ?? []).map(\.hearing.shortID)
    }

    private static func value(of option: String, in words: [String]) -> String? {
        guard let index = words.firstIndex(of: option), index + 1 < words.count else { return nil }
        return words[index + 1]
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
