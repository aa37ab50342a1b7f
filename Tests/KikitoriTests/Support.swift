import Foundation
import KikitoriTestSupport
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

/// Exports one kind of `questionnaire`'s hearings (internal by default: every name shown) as UTF-8 CSV; returns the path.
func exportCSV(
    _ kind: ExportKind, questionnaire: String, from store: HearingStore, into directory: TemporaryDirectory,
    audience: ReviewFilter.Audience = .internal, labels: Language? = nil
) throws -> String {
    let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
    let options = ExportOptions(filter: ReviewFilter(status: nil, questionnaire: QuestionnaireRef(id: questionnaire), audience: audience), labels: labels)
    let path = directory.url.appendingPathComponent("\(kind.rawValue).csv").path
    try OutputFile.stream(to: path, force: true, mode: 0o600) { sink in
        let writer = try CSVWriter(encoding: .utf8, sink: sink)
        try CSVExporter(store: store, publication: Publication(store: store, filter: options.filter, language: .ja))
            .export(kind, options: options, codebook: codebook, writer: writer)
        try writer.flush()
    }
    return path
}

/// A simple CSV's cells (no quoted commas or line breaks), for exports the tests know the shape of.
func readCSV(_ path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).map { line in line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}
