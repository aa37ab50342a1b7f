import Foundation
import Testing

@testable import Kikitori

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

/// A fresh temporary directory, removed when the test's scope ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kikitori-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}
