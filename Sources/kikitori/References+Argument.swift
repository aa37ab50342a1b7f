import ArgumentParser
import Kikitori

// References are parsed where they are typed; a malformed one is ArgumentParser's usage error (exit 64).

extension QuestionnaireRef: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension AnswerRef: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
