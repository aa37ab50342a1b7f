import Foundation
import Kikitori

/// The questionnaire loader (YAML, structure, expressions, type checks) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuestionnaire(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let result = QuestionnaireLoader.inspect(data: Data(bytes: data, count: size), path: "fuzz.yaml")
    for diagnostic in result.diagnostics { _ = diagnostic.message(.en) }
    return 0
}
