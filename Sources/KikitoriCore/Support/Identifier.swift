/// Stable keys such as question and section ids: lower snake_case, starting with a letter.
///
/// Exports use these keys as column names, so they stay ASCII and free of spaces.
public enum Identifier {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Questionnaire ids are kebab-case file-system names (`private-firm-data-use`).
    public static func isValidQuestionnaireID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

extension Identifier {
    /// Choice values are stored in answers and split on spaces by XLSForm tools, so: no spaces,
    /// ASCII letters, digits, `_`, `-` and `.`.
    public static func isValidChoiceValue(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || $0 == "_" || $0 == "-" || $0 == "."
            }
    }
}
