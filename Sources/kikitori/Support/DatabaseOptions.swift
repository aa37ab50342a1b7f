import ArgumentParser
import Foundation
import Kikitori

/// Where the hearings database is: `--db`, `$KIKITORI_DB`, else `./kikitori.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The hearings database (default: $KIKITORI_DB, else ./kikitori.sqlite).", completion: .file())
    var db: String?

    var path: String {
        if let db { return db }
        if let path = ProcessInfo.processInfo.environment["KIKITORI_DB"], !path.isEmpty { return path }
        return "kikitori.sqlite"
    }

    func open() throws(StoreError) -> HearingStore {
        try HearingStore(path: path)
    }
}
