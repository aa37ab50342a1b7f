import Foundation

/// A language Kikitori speaks: the interface language and a questionnaire's label language.
public enum Language: String, CaseIterable, Codable, Sendable, Comparable {
    case ja
    case en

    public static func < (lhs: Language, rhs: Language) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The language implied by the POSIX locale variables, or nil when they name neither language.
    ///
    /// `LC_ALL` wins over `LC_MESSAGES`, which wins over `LANG`, as in gettext.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Language?
    {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            let lowered = value.lowercased()
            if lowered.hasPrefix("ja") { return .ja }
            if lowered.hasPrefix("en") { return .en }
            return nil
        }
        return nil
    }
}
