import FuzzDriver
import Kikitori

/// The XLSForm expression parser on arbitrary text: errors are fine, crashes and hangs are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let expression = try? ExpressionParser.parse(text) {
        _ = expression.description
    }
    return 0
}

@_cdecl("FuzzExpression_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, test: fuzzExpression)
}
