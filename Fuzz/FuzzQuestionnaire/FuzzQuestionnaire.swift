import Foundation
import FuzzDriver
import Kikitori

/// The questionnaire loader (YAML, structure, expressions, type checks) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuestionnaire(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let result = QuestionnaireLoader.inspect(data: Data(bytes: data, count: size), path: "fuzz.yaml")
    for diagnostic in result.diagnostics { _ = diagnostic.message(.en) }
    return 0
}

@_cdecl("FuzzQuestionnaire_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, test: fuzzQuestionnaire)
}
