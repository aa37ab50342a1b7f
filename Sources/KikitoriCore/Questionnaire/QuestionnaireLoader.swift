import Foundation
import Yams

/// Loads a questionnaire file, reporting every problem at once with its line and column.
///
/// ```swift
/// let questionnaire = try QuestionnaireLoader.load(path: "questionnaires/private-firm-data-use/v1.yaml")
/// ```
public enum QuestionnaireLoader {
    /// The result of a load: the questionnaire when there were no errors, and all diagnostics.
    public struct Result: Sendable {
        public var questionnaire: Questionnaire?
        public var diagnostics: [Diagnostic]
    }

    /// - Parameter checkFileName: require the `<id>/v<N>.yaml` layout of the questionnaires folder.
    /// - Throws: ``InputError`` carrying every diagnostic when the file has an error.
    public static func load(path: String, checkFileName: Bool = false) throws(InputError) -> Questionnaire {
        let result = inspect(path: path, checkFileName: checkFileName)
        guard let questionnaire = result.questionnaire else { throw InputError(result.diagnostics) }
        return questionnaire
    }

    /// Loads without throwing, for lint, which wants warnings even from a good file.
    /// - Parameter knownThemes: the codebook's theme ids; a choice linked to another theme is an error.
    public static func inspect(path: String, checkFileName: Bool = false, knownThemes: Set<String>? = nil) -> Result {
        let reader = YAMLReader(path: path)
        let root = reader.readRoot()
        return build(reader: reader, root: root, checkFileName: checkFileName, knownThemes: knownThemes)
    }

    /// Loads from bytes in memory; `path` is only used in messages.
    public static func inspect(data: Data, path: String) -> Result {
        let reader = YAMLReader(path: path)
        let root = reader.parse(data)
        return build(reader: reader, root: root, checkFileName: false, knownThemes: nil)
    }

    private static func build(reader: YAMLReader, root: Node.Mapping?, checkFileName: Bool, knownThemes: Set<String>?)
        -> Result
    {
        guard let root else { return Result(questionnaire: nil, diagnostics: reader.diagnostics) }
        var builder = QuestionnaireBuilder(reader: reader, knownThemes: knownThemes)
        let questionnaire = builder.build(root: root)
        if checkFileName, let questionnaire { builder.checkFileName(of: questionnaire) }
        return Result(questionnaire: reader.hasErrors ? nil : questionnaire, diagnostics: reader.diagnostics)
    }
}
