import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

/// `--coder NAME`, else `$KIKITORI_CODER`: every coding decision is recorded with its coder.
struct CoderOption: ParsableArguments {
    @Option(help: "Who decides (recorded with each decision); default $KIKITORI_CODER.")
    var coder: String?

    /// The coder's name; throws when there is none or it cannot be one.
    func resolve() throws -> String {
        guard let raw = coder ?? ProcessInfo.processInfo.environment["KIKITORI_CODER"] else { throw TagProblem.noCoder }
        guard let name = Coder.name(raw) else { throw TagProblem.invalidCoder(raw) }
        return name
    }
}
