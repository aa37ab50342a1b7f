import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Repeat groups: the data inventory asks its four questions once per field held, stores each
/// instance's answers under its own id, exports them wide and long, imports and merges them.
@Suite("Repeat groups")
struct RepeatGroupTests {
    let directory: TemporaryDirectory
    let store: HearingStore
    let town = Respondent(kind: .municipalStaff, organisation: "当別町")

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("r.sqlite").path)
    }

    /// The format: begin_repeat … end_repeat, what a group repeats over, and the lint errors.
    @Test func format() throws {
        let inventory = try sampleLibrary.load("data-inventory@2")
        let group = try #require(inventory.repeatGroups.first)
        #expect(inventory.repeatGroups.count == 1)
        #expect(group.source == .choices(of: "fields_held"))
        #expect(group.questions == ["data_format", "data_update", "data_publishable", "data_obstacle"])
        #expect(inventory.question("data_format[7]")?.id == "data_format")
        #expect(inventory.question("department_name[2]") == nil)
        // The fingerprint covers the group: the same questions without it are another questionnaire.
        var flat = inventory
        flat.sections = flat.sections.map { Section(id: $0.id, title: $0.title, questions: $0.questions) }
        #expect(flat.fingerprint != inventory.fingerprint)
        #expect(try Questionnaire.fromCanonicalJSON(inventory.canonicalJSON) == inventory)

        let held = "      - {id: held, type: select_multiple l, label: H}\n"
        let list = "choice_lists:\n  l:\n    - {value: a, label: A}\n    - {value: b, label: B}\n"
        func lint(_ body: String) -> [String] { messages(questionnaireYAML(questions: held + body, choiceLists: list)) }
        #expect(lint("      - {id: g, type: begin_repeat, label: G, repeat_for: '${held}'}\n      - {id: q, type: text, label: Q}\n      - {type: end_repeat}\n").isEmpty)
        #expect(lint("      - {id: g, type: begin_repeat, label: G, repeat_for: '${held}'}\n      - {id: q, type: text, label: Q}\n")
            .contains { $0.contains("has no 'type: end_repeat'") })
        #expect(lint("      - {type: end_repeat}\n").contains { $0.contains("closes no repeat group") })
        #expect(lint("      - {id: g, type: begin_repeat, label: G, repeat_for: '${q}'}\n      - {id: q, type: text, label: Q}\n      - {type: end_repeat}\n")
            .contains { $0.contains("must name a select_multiple question asked before the group") })
        #expect(lint("      - {id: g, type: begin_repeat, label: G}\n      - {id: h, type: begin_repeat, label: H}\n      - {id: q, type: text, label: Q}\n      - {type: end_repeat}\n")
            .contains { $0.contains("cannot be nested") })
        #expect(lint("      - {id: held, type: begin_repeat, label: G}\n      - {id: q, type: text, label: Q}\n      - {type: end_repeat}\n")
            .contains { $0.contains("question id 'held' is already used") })
        #expect(lint("      - {id: g, type: begin_repeat, label: G, repeat_count: '${n}'}\n      - {id: q, type: text, label: Q}\n      - {type: end_repeat}\n")
            .contains { $0.contains("'repeat_count' reads 'n'") })
    }

    /// One instance per chosen field, indexed by the field's place in its list; `${…}` inside an
    /// instance reads that instance; deselecting a field moves no other field's answers.
    @Test func instancesOverChoices() throws {
        var engine = InterviewEngine(questionnaire: try sampleLibrary.load("data-inventory@2"))
        #expect(engine.question("data_format[3]") == nil)
        engine.record(.answered(.choices(["disaster", "agriculture"], other: nil)), for: "fields_held")
        let format = try #require(engine.question("data_format[7]"))
        #expect(format.instance?.label?[.ja] == "農林水産" && format.instance?.ordinal == 2 && format.instance?.count == 2)
        #expect(engine.unrolledQuestions.map(\.id).filter { $0.contains("[") }.prefix(4)
            == ["data_format[3]", "data_update[3]", "data_publishable[3]", "data_obstacle[3]"])
        engine.record(.answered(.choice("no")), for: "data_publishable[3]")
        engine.record(.answered(.choice("yes")), for: "data_publishable[7]")
        #expect(engine.isRelevant(try #require(engine.question("data_obstacle[3]"))))
        #expect(!engine.isRelevant(try #require(engine.question("data_obstacle[7]"))))
        #expect(engine.missingRequired.map(\.id).contains("data_format[7]"))

        engine.record(.answered(.choices(["agriculture"], other: nil)), for: "fields_held")
        #expect(engine.question("data_format[3]") == nil)
        #expect(engine.question("data_publishable[7]")?.instance?.count == 1)
        #expect(engine.states["data_publishable[7]"] == .answered(.choice("yes")))
    }

    /// A counted group and an open-ended one ("another?" stored under the group's id).
    @Test func countedAndOpenGroups() throws {
        let yaml = questionnaireYAML(questions: """
                  - {id: n, type: integer, label: N}
                  - {id: counted, type: begin_repeat, label: C, repeat_count: '${n}'}
                  - {id: name, type: text, label: Name}
                  - {type: end_repeat}
                  - {id: open, type: begin_repeat, label: O}
                  - {id: item, type: text, label: Item}
                  - {type: end_repeat}
            """)
        let result = QuestionnaireLoader.inspect(data: Data(yaml.utf8), path: "t.yaml")
        let questionnaire = try #require(result.questionnaire)
        #expect(result.diagnostics.isEmpty)
        var engine = InterviewEngine(questionnaire: questionnaire)
        #expect(engine.relevantQuestions.map(\.id) == ["n", "item[1]", "open[1]"])
        engine.record(.answered(.integer(2)), for: "n")
        #expect(engine.relevantQuestions.map(\.id) == ["n", "name[1]", "name[2]", "item[1]", "open[1]"])
        engine.record(.answered(.yesNo(true)), for: "open[1]")
        #expect(engine.relevantQuestions.map(\.id).suffix(4) == ["item[1]", "open[1]", "item[2]", "open[2]"])
        #expect(QuestionScreen(engine: engine, language: .ja).render(try #require(engine.question("open[2]"))).contains("ほかにもありますか"))
        engine.record(.answered(.integer(500)), for: "n")
        #expect(engine.relevantQuestions.filter { $0.id.hasPrefix("name[") }.count == RepeatGroup.maximumInstances)
    }

    /// In the shell's session: instance headers, review grouped by instance, answers saved per
    /// instance; then exported wide and long, imported back and merged with the same answers.
    @Test func interviewExportImportMerge() throws {
        let inventory = try sampleLibrary.load("data-inventory@2")
        let session = try HearingSession.start(
            store: store, questionnaire: inventory, respondent: town, isNewRespondent: true, interviewer: "tester", place: nil,
            consent: .publicAnonymous, language: .ja, previous: nil)
        for input in ["総務課", "12", "1", "1", "３ ７", "2 4", "3", "3", "個人情報が含まれるため", "1", "2", "1"] { _ = try session.answer(input) }
        let current = try #require(session.current)
        #expect(current.id == "biggest_obstacle")
        try session.jump(to: "data_update[7]")
        let screen = QuestionScreen(engine: session.engine, language: .ja)
        #expect(screen.render(try #require(session.current)).contains("── 農林水産 (2/2) ──"))
        #expect(screen.review().contains("〔防災・避難所（1/2）〕") && screen.review().contains("〔農林水産（2/2）〕"))
        session.close()
        let stored = AnswerState.current(from: try store.events(of: session.hearing.id, questionnaire: inventory))
        #expect(stored["data_obstacle[3]"] == .answered(.text("個人情報が含まれるため")))
        #expect(stored["data_format[7]"] == .answered(.choices(["paper"], other: nil)))

        let wide = try read(try export(.hearings, from: store))
        let header = wide[0], row = wide[1]
        func value(_ column: String) -> String? { header.firstIndex(of: column).map { row[$0] } }
        #expect(value("data_format[3]") == "pdf csv" && value("data_format[3]__csv") == "1")
        #expect(value("data_obstacle[3]") == "個人情報が含まれるため" && value("data_publishable[7]") == "yes")
        // One column set per field of the list, chosen or not: columns never move.
        #expect(header.contains("data_update[8]") && !header.contains("data_update[9]"))
        let long = try read(try export(.repeats, from: store))
        #expect(long[0].prefix(5) == ["hearing_id", "questionnaire_version", "repeat", "instance", "instance_value"])
        #expect(long.dropFirst().map { Array($0[2...4]) } == [["field", "3", "disaster"], ["field", "7", "agriculture"]])
        #expect(long[1][long[0].firstIndex(of: "data_obstacle")!] == "個人情報が含まれるため")

        // Imported back: the same answers per instance.
        let path = try export(.hearings, from: store)
        let result = try HearingImporter(versions: [2: inventory], fixedVersion: 2, existingHearings: [])
            .read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        let imported = try HearingStore(path: directory.url.appendingPathComponent("imported.sqlite").path)
        try imported.insert(result.sets, snapshots: [inventory])
        #expect(AnswerState.current(from: try imported.events(of: session.hearing.id, questionnaire: inventory)) == stored)

        // Merged into a database where the same hearing's agriculture answer was changed: a conflict on that instance only.
        let other = directory.url.appendingPathComponent("other.sqlite").path
        let copy = try HearingStore(path: other)
        try copy.insert(result.sets, snapshots: [inventory])
        let resumed = try HearingSession.resume(store: copy, hearingID: session.hearing.id)
        try resumed.jump(to: "data_update[7]")
        _ = try resumed.answer("4", reason: "聞き直し")
        resumed.close()
        let report = try store.merge([other])
        #expect(report.openConflicts == 1)
        let conflicts = try store.conflicts()
        #expect(conflicts.map(\.questionID) == ["data_update[7]"])
    }

    /// The long layout imports back with the wide file (Kobo's two sheets): a `hearings` file
    /// without instance columns plus `export repeats`, joined by hearing id, give the same answers;
    /// a long file that contradicts itself or the wide file is refused, line by line, nothing written.
    @Test func longLayoutImportsBack() throws {
        let inventory = try sampleLibrary.load("data-inventory@2")
        try SyntheticHearings(questionnaires: [inventory], seed: 8).write(hearings: 12, to: store)
        let wide = try read(try export(.hearings, from: store))
        let plain = wide[0].indices.filter { !wide[0][$0].contains("[") }
        let hearingsCSV = wide.map { row in plain.map { row[$0] }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let longPath = try export(.repeats, from: store)
        let long = try read(longPath)
        #expect(long.count > 12)

        func importBoth(_ hearings: String, _ repeats: String) throws(ImportFailure) -> HearingImporter.Result {
            var importer = HearingImporter(versions: [2: inventory], fixedVersion: 2, existingHearings: [])
            try importer.readRepeats(Array(repeats.utf8), path: "repeats.csv")
            return try importer.read(Array(hearings.utf8), path: "hearings.csv")
        }
        let longCSV = try String(contentsOfFile: longPath, encoding: .utf8)
        let result = try importBoth(hearingsCSV, longCSV)
        let imported = try HearingStore(path: directory.url.appendingPathComponent("long.sqlite").path)
        try imported.insert(result.sets, snapshots: [inventory])
        for summary in try store.hearings(HearingStore.HearingFilter()) {
            let id = summary.hearing.id
            #expect(AnswerState.current(from: try imported.events(of: id, questionnaire: inventory))
                == AnswerState.current(from: try store.events(of: id, questionnaire: inventory)))
        }

        func problems(_ hearings: String, _ repeats: String) -> [String] {
            do {
                _ = try importBoth(hearings, repeats)
                return []
            } catch {
                return error.problems.map { "\(error.path):\($0.line) \($0.column ?? "") \($0.reason)" }
            }
        }
        let header = long[0].joined(separator: ","), first = long[1]
        func row(_ change: (inout [String]) -> Void) -> String {
            var cells = first
            change(&cells)
            return cells.joined(separator: ",")
        }
        let value = long[0].firstIndex(of: "instance_value")!, instance = long[0].firstIndex(of: "instance")!
        #expect(problems(hearingsCSV, [header, row { $0[value] = "health" }].joined(separator: "\n"))
            .contains { $0.hasPrefix("repeats.csv:2 instance_value instanceValueDisagrees") })
        #expect(problems(hearingsCSV, [header, row { _ in }, row { _ in }].joined(separator: "\n"))
            .contains { $0.hasPrefix("repeats.csv:3 instance duplicateInstance(firstLine: 2)") })
        #expect(problems(hearingsCSV, [header, row { $0[instance] = "51" }].joined(separator: "\n"))
            .contains { $0.hasPrefix("repeats.csv:2 instance badInstance") })
        #expect(problems(hearingsCSV, [header, row { $0[0] = UUID().uuidString }].joined(separator: "\n"))
            .contains { $0.hasPrefix("repeats.csv:2 hearing_id unmatchedHearing") })
        // The wide file with its instance columns, and a long file saying otherwise about one of them.
        let update = long[0].firstIndex(of: "data_update")!
        let changed = first[update] == "yearly" ? "monthly" : "yearly"
        let wideCSV = try String(contentsOfFile: try export(.hearings, from: store), encoding: .utf8)
        #expect(problems(wideCSV, [header, row { $0[update] = changed }].joined(separator: "\n"))
            .contains { $0.hasPrefix("hearings.csv:") && $0.contains("data_update[") && $0.contains("repeatsDisagree") })

        // `answers data_update` counts every instance together, and says so; `data_update[7]` one field.
        let everyHearing = ReviewFilter(status: nil, audience: .internal)
        let pooled = try #require(try store.distributions(of: "data_update", language: .ja, words: ChoiceWords(.ja), filter: everyHearing).first)
        let instances = long.dropFirst().count { $0[update] != "" && !["dont_know", "refused", "skipped"].contains($0[update]) }
        #expect(pooled.answered == instances && pooled.pooledInstances.count > 1)
        #expect(ReviewFormatter(codebook: try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path), language: .ja, filter: ReviewFilter()).distribution(pooled).contains("繰り返しグループの \(pooled.pooledInstances.count) 項目分を合算"))
        let one = try #require(try store.distributions(of: pooled.pooledInstances[0], language: .ja, words: ChoiceWords(.ja), filter: everyHearing).first)
        #expect(one.pooledInstances.isEmpty && one.answered < pooled.answered)
    }

    func export(_ kind: ExportKind, from store: HearingStore) throws -> String {
        try exportCSV(kind, questionnaire: "data-inventory", from: store, into: directory)
    }

    func read(_ path: String) throws -> [[String]] { try readCSV(path) }
}
