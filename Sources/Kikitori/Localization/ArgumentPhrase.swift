import KikitoriCore

/// What a command says when its arguments do not fit together: checked before anything is opened,
/// exit 64 through the argument parser, in the interface language like every other message.
public enum ArgumentPhrase: Sendable {
    case reasonForDetails, organisationEmpty, detailToChange, fileOrMunicipalities
    case keepOrValue, keepOneOrTwo
    case fileOrTemplate
    case compareTwoGroups
    case hearingsAtLeastOne, syntheticNeedsNewDatabase(String)
    case reasonForAbandoning, reasonForConsent, tooShortToMask(String)
    case notAHearingStatus(String), respondentNeedsInternal
    case followUpWithoutRespondent
    case workbookNeedsFile
    case characteristicNeedsBy
    case limitAtLeastOne, qdcIsForCodebook, qdpxIsForProject, projectIsQdpx
    case thresholdRange, samplePositive

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .reasonForDetails: return ja ? "--reason に、なぜ内容を変えるのかを書いてください" : "--reason must say why the details changed"
        case .organisationEmpty: return ja ? "--organisation を空にはできません" : "--organisation cannot be empty"
        case .detailToChange:
            return ja
                ? "変える項目を一つ以上指定してください（--organisation, --person, --role, --industry, --municipality, --region）"
                : "name at least one detail to change (--organisation, --person, --role, --industry, --municipality, --region)"
        case .fileOrMunicipalities:
            return ja ? "CSV ファイルか --hokkaido-municipalities のどちらか一つを指定してください" : "give a CSV file or --hokkaido-municipalities (one of them)"
        case .keepOrValue: return ja ? "--keep 1|2 か --value 回答 のどちらかを指定してください" : "give either --keep 1|2 or --value ANSWER"
        case .keepOneOrTwo: return ja ? "--keep には 1 か 2 を指定します" : "--keep takes 1 or 2"
        case .fileOrTemplate: return ja ? "取り込む CSV ファイルを指定するか、--template を使ってください" : "name the CSV file to import, or use --template"
        case .compareTwoGroups: return ja ? "--compare には二つのグループを a,b の形で指定します" : "--compare takes two groups: a,b"
        case .hearingsAtLeastOne: return ja ? "--hearings は 1 以上にしてください" : "--hearings must be at least 1"
        case .syntheticNeedsNewDatabase(let db):
            return ja ? "'\(db)' はすでにあります。合成ヒアリングは新しいデータベースにだけ作ります" : "'\(db)' already exists; synthetic hearings go into a new database only"
        case .reasonForAbandoning: return ja ? "--reason に、なぜヒアリングを中止したのかを書いてください" : "--reason must say why the hearing was abandoned"
        case .reasonForConsent: return ja ? "--reason に、なぜ同意が変わったのかを書いてください" : "--reason must say why the consent changed"
        case .tooShortToMask(let short):
            return ja ? "'\(short)' は短すぎて伏せられません。1 文字では普通の言葉まで隠れます" : "'\(short)' is too short to mask: a single character would hide ordinary words"
        case .notAHearingStatus(let status):
            return ja
                ? "'\(status)' は状態ではありません: in_progress, paused, completed, abandoned のどれかです"
                : "'\(status)' is not a status: in_progress, paused, completed or abandoned"
        case .respondentNeedsInternal: return ja ? "--respondent には --audience internal が要ります" : "--respondent needs --audience internal"
        case .followUpWithoutRespondent:
            return ja ? "--follow-up は前回のヒアリングの回答者に聞きます。--respondent は外してください" : "--follow-up hears the earlier hearing's respondent: leave out --respondent"
        case .workbookNeedsFile:
            return ja
                ? "xlsx のブックにはファイルが要ります: --out kwic.xlsx（標準出力なら --out -）"
                : "an xlsx workbook needs a file: --out kwic.xlsx (or --out - for standard output)"
        case .characteristicNeedsBy: return ja ? "--characteristic には --by が要ります" : "--characteristic needs --by"
        case .limitAtLeastOne: return ja ? "--limit は 1 以上にしてください" : "--limit must be 1 or more"
        case .qdcIsForCodebook: return ja ? "--format qdc はコードブック用です" : "--format qdc is for the codebook"
        case .qdpxIsForProject: return ja ? "--format qdpx はプロジェクト用です" : "--format qdpx is for the project"
        case .projectIsQdpx: return ja ? "プロジェクトは --format qdpx で書き出します" : "a project is written as --format qdpx"
        case .thresholdRange: return ja ? "--threshold は 0.5 から 0.999 の間にしてください" : "--threshold must be between 0.5 and 0.999"
        case .samplePositive: return ja ? "--sample には正の数を指定します" : "--sample takes a positive number"
        }
    }
}
