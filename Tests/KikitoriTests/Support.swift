import Foundation
import Testing


@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// The repository root, for the sample questionnaires.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let sampleLibrary = QuestionnaireLibrary(root: repositoryRoot.appendingPathComponent("questionnaires").path)

/// A minimal questionnaire whose questions start on line 10, so expected lines are easy to read.
func questionnaireYAML(questions: String, choiceLists: String = "", languages: String = "[en]") -> String {
    """
    id: t
    version: 1
    title: T
    languages: \(languages)
    audience: [other]
    sections:
      - id: s
        title: S
        questions:
    \(questions)
    \(choiceLists)
    """
}

/// Every diagnostic message (English) of loading `yaml` as `t.yaml`.
func messages(_ yaml: String) -> [String] {
    QuestionnaireLoader.inspect(data: Data(yaml.utf8), path: "t.yaml").diagnostics.map { $0.message(.en) }
}
