import Foundation
import KikitoriCore
import KikitoriStore
import ZIPFoundation

/// The hearings as a REFI-QDA project (`.qdpx`: a zip holding `project.qde`, namespace
/// `urn:QDA-XML:project:1.0`), for continuing the analysis in QualCoder, MAXQDA, ATLAS.ti or NVivo.
///
/// One text source per hearing — an interview is a document in those tools — holding each text
/// answer under its question's label; each answer is a selection carrying its codings: one per
/// coder who said the theme applies, and one by "Kikitori" for a tag no person has decided.
/// Cases are respondents, with kind, industry and region as variables; memos are notes. Public
/// by default: texts and names pass the publication, as in every export. Guids are derived from
/// ids, so a re-export keeps them and a tool can match what it imported before.
public struct QDAProject {
    public let store: HearingStore
    public let publication: Publication
    public let codebook: Codebook
    public let language: Language

    public init(store: HearingStore, publication: Publication, codebook: Codebook, language: Language) {
        self.store = store
        self.publication = publication
        self.codebook = codebook
        self.language = language
    }

    public struct Output: Sendable {
        public var archive: Data
        public var xml: String
        public var sources: Int
        public var codings: Int
    }

    /// The automatic coder's name in the project.
    static let automaticUser = "Kikitori"

    public func write() throws -> Output {
        let (xml, sources, codings) = try projectXML()
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { throw CocoaError(.fileWriteUnknown) }
        let data = Data(xml.utf8)
        try archive.addEntry(with: "project.qde", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return Output(archive: bytes, xml: xml, sources: sources, codings: codings)
    }

    private func guid(_ name: String) -> String { QDACodebook.guid(for: name).uuidString.lowercased() }
    private func e(_ text: String) -> String { QDACodebook.escape(text) }

    func projectXML() throws -> (xml: String, sources: Int, codings: Int) {
        let filter = publication.filter
        let tags = try store.tags().filter { [.auto, .confirmed, .manual].contains($0.tag.state) }
        var tagsByAnswer: [String: [ThemeTag]] = [:]
        for (tag, _) in tags { tagsByAnswer["\(tag.hearingID.storageKey) \(tag.questionID)", default: []].append(tag) }
        var codingsByAnswer: [String: [Coding]] = [:]
        for coding in try store.codings() where coding.isCurrent {
            codingsByAnswer["\(coding.hearingID.storageKey) \(coding.questionID)", default: []].append(coding)
        }
        let memos = try store.memos(filter: filter)
        let hearingMemos = Dictionary(grouping: memos.filter { $0.subject == .hearing }, by: \.target)
        var users = Set(codingsByAnswer.values.flatMap { $0.map(\.coder) }).union(memos.map(\.coder))
        users.insert(Self.automaticUser)

        var snapshots: [String: Questionnaire] = [:]
        for reference in try store.snapshotReferences() { snapshots[reference] = try store.snapshot(reference) }
        var sources = ""
        var cases: [String: (name: String, kind: String, industry: String?, region: String?, sources: [String])] = [:]
        var caseOrder: [String] = []
        var sourceCount = 0
        var codingCount = 0
        let themes = Set(codebook.themes.map(\.id))
        let stamp = ISO8601DateFormatter()
        try store.forEachHearingWithAnswers(filter: filter) { row, answers in
            guard let questionnaire = snapshots[row.questionnaire] else { return }
            var content = ""
            var selections = ""
            for question in questionnaire.questions {
                guard let answer = answers[question.id], let raw = answer.text, ["answered", "changed"].contains(answer.kind) else { continue }
                let text = publication.text(raw)
                content += ExportPhrase.projectQuestion(question.label.text(language, fallback: questionnaire.defaultLanguage)).text(language) + "\n"
                let start = content.unicodeScalars.count
                content += text
                let end = content.unicodeScalars.count
                content += "\n\n"
                let key = "\(row.hearingID) \(question.id)"
                var codings = ""
                let decided = codingsByAnswer[key] ?? []
                for coding in decided where coding.applies && themes.contains(coding.theme) {
                    codings += "          <Coding guid=\"\(guid("coding:\(key):\(coding.theme):\(coding.coder)"))\" creatingUser=\"\(guid("user:" + coding.coder))\" creationDateTime=\"\(stamp.string(from: coding.decidedAt))\">"
                        + "<CodeRef targetGUID=\"\(guid("theme:" + coding.theme))\"/></Coding>\n"
                    codingCount += 1
                }
                for tag in tagsByAnswer[key] ?? [] where themes.contains(tag.theme) && !decided.contains(where: { $0.theme == tag.theme }) {
                    codings += "          <Coding guid=\"\(guid("coding:\(key):\(tag.theme):\(Self.automaticUser)"))\" creatingUser=\"\(guid("user:" + Self.automaticUser))\">"
                        + "<CodeRef targetGUID=\"\(guid("theme:" + tag.theme))\"/></Coding>\n"
                    codingCount += 1
                }
                selections += "        <PlainTextSelection guid=\"\(guid("selection:" + key))\" name=\"\(e(question.id))\" startPosition=\"\(start)\" endPosition=\"\(end)\">\n"
                selections += codings + "        </PlainTextSelection>\n"
            }
            guard !content.isEmpty else { return }
            let source = guid("hearing:" + row.hearingID)
            var xml = "      <TextSource guid=\"\(source)\" name=\"\(e(String(row.hearingID.prefix(8))) + " " + e(questionnaire.title.text(language, fallback: questionnaire.defaultLanguage)))\""
            if let started = row.startedAt { xml += " creationDateTime=\"\(stamp.string(from: started))\"" }
            xml += ">\n        <PlainTextContent>\(e(content))</PlainTextContent>\n" + selections
            for memo in hearingMemos[row.hearingID] ?? [] {
                xml += "        <NoteRef targetGUID=\"\(memo.id.uuidString.lowercased())\"/>\n"
            }
            xml += "      </TextSource>\n"
            sources += xml
            sourceCount += 1
            if cases[row.respondentID] == nil {
                let shown = publication.attribution(respondent: row.respondentID, kind: row.respondentKind, industry: row.industry, region: row.region)
                cases[row.respondentID] = (
                    publication.respondent(row.respondentID, organisation: row.organisation), row.respondentKind, shown.industry, shown.region, []
                )
                caseOrder.append(row.respondentID)
            }
            cases[row.respondentID]?.sources.append(source)
        }

        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"\(e(ExportPhrase.projectName.text(language)))\" origin=\"Kikitori \(KikitoriVersion.current)\""
        xml += " creationDateTime=\"\(stamp.string(from: Date()))\">\n"
        xml += "  <Users>\n" + users.sorted().map { "    <User guid=\"\(guid("user:" + $0))\" name=\"\(e($0))\"/>\n" }.joined() + "  </Users>\n"
        var themeNotes: [String: [UUID]] = [:]
        for memo in memos where memo.subject == .theme { themeNotes[memo.target, default: []].append(memo.id) }
        xml += "  <CodeBook>\n" + QDACodebook.codes(codebook, language: language, indent: "    ", notes: themeNotes) + "  </CodeBook>\n"
        let variables = ["kind", "industry", "region"]
        xml += "  <Variables>\n" + variables.map { "    <Variable guid=\"\(guid("variable:" + $0))\" name=\"\($0)\" typeOfVariable=\"Text\"/>\n" }.joined() + "  </Variables>\n"
        if !caseOrder.isEmpty {
            xml += "  <Cases>\n"
            for id in caseOrder {
                guard let entry = cases[id] else { continue }
                xml += "    <Case guid=\"\(guid("case:" + id))\" name=\"\(e(entry.name))\">\n"
                for (variable, value) in zip(variables, [entry.kind, entry.industry, entry.region]) {
                    guard let value else { continue }
                    xml += "      <VariableValue><VariableRef targetGUID=\"\(guid("variable:" + variable))\"/><TextValue>\(e(value))</TextValue></VariableValue>\n"
                }
                for source in entry.sources { xml += "      <SourceRef targetGUID=\"\(source)\"/>\n" }
                xml += "    </Case>\n"
            }
            xml += "  </Cases>\n"
        }
        if !sources.isEmpty { xml += "  <Sources>\n" + sources + "  </Sources>\n" }
        // Memos on hearings not in this project (internal only, filtered out) stay out with them.
        let shownHearings = Set(cases.values.flatMap(\.sources))
        let notes = memos.filter { $0.subject == .theme ? themes.contains($0.target) : shownHearings.contains(guid("hearing:" + $0.target)) }
        if !notes.isEmpty {
            xml += "  <Notes>\n"
            for memo in notes {
                xml += "    <Note guid=\"\(memo.id.uuidString.lowercased())\" name=\"\(e(memo.subject.rawValue + ": " + memo.target))\" creatingUser=\"\(guid("user:" + memo.coder))\" creationDateTime=\"\(stamp.string(from: memo.writtenAt))\">"
                    + "<PlainTextContent>\(e(publication.text(memo.text)))</PlainTextContent></Note>\n"
            }
            xml += "  </Notes>\n"
        }
        xml += "</Project>\n"
        return (xml, sourceCount, codingCount)
    }
}
