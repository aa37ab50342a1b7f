import Foundation
import FuzzDriver
import Kikitori

/// A small questionnaire with every answer type and skip logic, for the importer to check rows against.
private let questionnaire: Questionnaire = {
    let yaml = """
        id: fuzz
        version: 1
        title: {en: Fuzz}
        languages: [en]
        audience: [private_firm]
        sections:
          - id: s
            title: {en: S}
            questions:
              - {id: kind, type: select_one kinds, label: {en: Kind}, required: true, allow_other: true}
              - {id: staff, type: integer, label: {en: Staff}, constraint: ". >= 0 and . < 100000", relevant: "${kind} = 'firm'"}
              - {id: share, type: decimal, label: {en: Share}}
              - {id: since, type: date, label: {en: Since}}
              - {id: open, type: yes_no, label: {en: Open}}
              - {id: level, type: scale, label: {en: Level}, scale: {min: 1, max: 5}}
              - {id: barriers, type: select_multiple kinds, label: {en: Barriers}, allow_dont_know: true}
              - {id: detail, type: text, label: {en: Detail}}
        choice_lists:
          kinds:
            - {value: firm, label: {en: Firm}}
            - {value: town, label: {en: Town}}
        """
    guard let loaded = QuestionnaireLoader.inspect(data: Data(yaml.utf8), path: "fuzz.yaml").questionnaire else {
        fatalError("the fuzz questionnaire must load")
    }
    return loaded
}()

private let importer = HearingImporter(versions: [1: questionnaire], fixedVersion: 1, existingHearings: [])

/// CSV import — encoding detection, the CSV reader and the engine's row checks — on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        _ = try importer.read(Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.csv")
    } catch {
        for problem in error.problems { _ = problem.message(path: "fuzz.csv", language: .en, questionnaire: questionnaire) }
    }
    return 0
}

@_cdecl("FuzzImport_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, test: fuzzImport)
}
