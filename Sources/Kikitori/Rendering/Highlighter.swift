import KikitoriCore
import KikitoriStore
/// Marks matched words inside an answer: reverse video on a terminal, 【brackets】 in plain text.
public enum Highlighter {
    public static func highlight(_ text: String, spans: [Range<Int>], style: TextStyle) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var position = 0
        let open = Array((style.enabled ? "\u{1B}[7m" : "【").utf8)
        let close = Array((style.enabled ? "\u{1B}[0m" : "】").utf8)
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard span.lowerBound >= position, span.upperBound <= bytes.count else { continue }
            result += bytes[position..<span.lowerBound]
            result += open
            result += bytes[span]
            result += close
            position = span.upperBound
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }
}
