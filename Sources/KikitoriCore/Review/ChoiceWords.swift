/// The words for answers a questionnaire does not label itself (yes, no, the free "other"), in the
/// language of an output. The front end makes them from its catalogue; lower layers only carry them.
public struct ChoiceWords: Sendable {
    public var yes: String
    public var no: String
    public var other: String

    public init(yes: String, no: String, other: String) {
        self.yes = yes
        self.no = no
        self.other = other
    }
}
