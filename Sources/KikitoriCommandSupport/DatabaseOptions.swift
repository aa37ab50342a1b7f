import ArgumentParser
import Foundation
import Kikitori

/// Where the hearings database is: `--db`, `$KIKITORI_DB`, else `./kikitori.sqlite`.
package struct DatabaseOptions: ParsableArguments {
    package init() {}

    @Option(name: .long, help: "The hearings database (default: $KIKITORI_DB, else ./kikitori.sqlite).", completion: .file())
    package var db: String?

    @Flag(help: "Make the database readable by its owner only (0600) if others can read it.")
    package var fixPermissions = false

    package var path: String { Self.path(db) }

    package static func path(_ explicit: String?) -> String {
        if let explicit { return explicit }
        if let path = ProcessInfo.processInfo.environment["KIKITORI_DB"], !path.isEmpty { return path }
        return "kikitori.sqlite"
    }

    /// Opens the database; a wait for another process's write is said on standard error. Commands
    /// that only read pass `readOnly`: they then write nothing (and work on write-protected media).
    package func open(_ options: GlobalOptions, readOnly: Bool = false) throws(StoreError) -> HearingStore {
        let language = options.language()
        let store = try HearingStore(path: path, readOnly: readOnly)
        if let mode = store.loosePermissions {
            // Permissions are the file's owner's to change, whether the command writes or only reads.
            if fixPermissions {
                try store.tightenPermissions()
            } else {
                StandardError.write("kikitori: " + Phrase.loosePermissions(path, mode: String(mode, radix: 8)).text(language))
            }
        }
        let path = path
        store.lockWait.configure(limit: HearingStore.busyTimeout) {
            StandardError.write("kikitori: " + ShellPhrase.waitingForLock(path).text(language))
        }
        return store
    }
}
