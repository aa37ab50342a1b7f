import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// glibc's iconv for one pair of encodings. Glibc knows CP932 with Microsoft's extensions
/// (①, ㈱, NEC and IBM kanji), which Foundation on Linux does not.
package final class Iconv {
    private let descriptor: iconv_t

    package init?(from source: String, to target: String) {
        guard let descriptor = iconv_open(target, source), descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// The converted bytes, or the input offset of the first sequence that cannot be converted.
    package func convert(_ input: [UInt8]) -> Result<[UInt8], Failure> {
        var input = input
        // CP932 → UTF-8 grows at most threefold (half-width kana: 1 byte → 3).
        var output = [UInt8](repeating: 0, count: input.count * 3 + 8)
        let outputCount = output.count
        var inLeft = input.count
        var outLeft = outputCount
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                iconv(descriptor, nil, nil, nil, nil)
                return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        if result == -1 { return .failure(Failure(offset: input.count - inLeft)) }
        return .success(Array(output[0..<(outputCount - outLeft)]))
    }

    package struct Failure: Error {
        package var offset: Int
    }
}
