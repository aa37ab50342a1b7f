import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell
import KikitoriText

/// What each exploring command starts from: the text answers of the review's hearings as its
/// audience may see them, read into words.
struct ExplorationInput {
    let publication: Publication
    let exploration: TextExploration
    /// The tagger the answers were read with (a concordance reads its answers again).
    let morphology: MeCabTagger

    init(
        _ options: GlobalOptions, _ database: DatabaseOptions, _ review: ReviewOptions, language: Language,
        by dimension: ThemeCrossTab.Dimension? = nil, untagged: Bool = false
    ) throws {
        let store = try database.open(options, readOnly: true)
        publication = try Publication(store: store, filter: review.filter, language: language)
        morphology = try openMorphology(options)
        exploration = try store.exploration(
            filter: review.filter, publication: publication, by: dimension, untagged: untagged, morphology: morphology)
    }
}

/// Rows as UTF-8 CSV with a BOM, for a spreadsheet.
func csvData(_ header: [String], _ rows: [[String?]]) throws -> Data {
    var data = Data()
    let writer = try CSVWriter(encoding: .utf8BOM) { data.append($0) }
    try writer.writeHeader(header)
    for row in rows { try writer.writeRow(row) }
    try writer.flush()
    return data
}

/// Opens MeCab with the built-in compound words and those of `user-words.txt` beside the
/// questionnaires (one per line, # for comments), or says how to get its dictionary.
func openMorphology(_ options: GlobalOptions) throws -> MeCabTagger {
    let path = (GlobalOptions.questionnairesFolder(options.questionnaires) as NSString).appendingPathComponent("user-words.txt")
    let listed = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") } ?? []
    do {
        return try MeCabTagger(userWords: MeCabTagger.defaultUserWords + listed)
    } catch let failure {
        switch failure {
        case .dictionaryMissing(let paths): throw Unavailable { ExplorePhrase.dictionaryMissing(paths).text($0) }
        case .cannotStart(let reason): throw Unavailable { _ in reason }
        }
    }
}
