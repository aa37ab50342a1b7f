import KikitoriCore

/// Who made a coding decision, as recorded beside it.
public enum Coder {
    public static let maximumLength = 64

    /// The name as recorded: NFKC, trimmed (`ｔａｋａｈａｓｈｉ` and `takahashi` are one coder);
    /// nil when empty, too long, or holding control characters.
    public static func name(_ raw: String) -> String? {
        let name = AnswerParser.normalise(raw)
        guard !name.isEmpty, name.count <= maximumLength, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return name
    }
}
