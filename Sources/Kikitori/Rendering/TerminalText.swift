/// Text on its way to a terminal. Stored text (a respondent's name from an import or a merge, a
/// questionnaire's label) may hold control characters; sent raw, `ESC ] 0 ;` retitles the window
/// and `ESC [ 2 J` clears the screen. Every control character is shown as a visible escape (`^[`,
/// `\u{9B}`) except line breaks, tabs and colour sequences (`ESC [ … m`), which the shell's own
/// styling writes and which cannot move the cursor or change the terminal.
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", let end = colourSequenceEnd(scalars, from: index) {
                result.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            if isControl(scalar) {
                result.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
            index += 1
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if scalar == "\n" || scalar == "\t" { return false }
        return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
    }

    /// `ESC [ digits/semicolons m`: the index of the `m`, or nil.
    private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, scalars[index].properties.numericType != nil && scalars[index].isASCII || scalars[index] == ";" {
            index += 1
        }
        return index < scalars.count && scalars[index] == "m" ? index : nil
    }

    private static func visible(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x20 { return "^" + String(Unicode.Scalar(UInt8(value + 0x40))) }
        if value == 0x7F { return "^?" }
        return "\\u{" + String(value, radix: 16, uppercase: true) + "}"
    }
}
