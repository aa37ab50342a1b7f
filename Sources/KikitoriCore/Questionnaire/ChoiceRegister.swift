/// Choice lists a questionnaire takes from a register Kikitori ships (`choices_from: municipalities`)
/// instead of writing them out: Hokkaido's 14 bureaus (振興局) and 179 municipalities, the same data
/// `respondents import --hokkaido-municipalities` registers.
///
/// The choices are copied into the questionnaire when it loads, so its canonical form and
/// fingerprint hold them and a hearing replays with the list it was asked with.
public enum ChoiceRegister: String, CaseIterable, Sendable {
    /// Value: the bureau's romanised name (`ishikari`); label: 石狩振興局 / Ishikari.
    case bureaus
    /// Value: the 全国地方公共団体コード (`011002`); label: 札幌市; fields `bureau` (a value of
    /// `bureaus`, for `choice_filter: bureau = ${bureau}`) and `reading` (さっぽろし).
    case municipalities

    public var choices: [Choice] {
        switch self {
        case .bureaus:
            return Hokkaido.subprefectures.map { bureau in
                Choice(value: Self.value(of: bureau), label: LocalizedText([.ja: bureau.name, .en: bureau.english]))
            }
        case .municipalities:
            return Hokkaido.subprefectures.flatMap { bureau in
                bureau.municipalities.compactMap { name -> Choice? in
                    guard let entry = Hokkaido.codesAndReadings[name] else { return nil }
                    return Choice(
                        value: entry.code, label: LocalizedText([.ja: name]),
                        fields: ["bureau": Self.value(of: bureau), "reading": entry.reading])
                }
            }
        }
    }

    /// The list as a questionnaire holds it.
    public var list: ChoiceList { ChoiceList(name: rawValue, choices: choices, register: rawValue) }

    private static func value(of bureau: Hokkaido.Subprefecture) -> String { bureau.english.lowercased() }
}
