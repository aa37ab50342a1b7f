import KikitoriCore

/// What the command-line tool and the shell say about the work they did: progress labels,
/// summaries, and one-line notes beside results.
public enum CommandPhrase: Sendable {
    case progressChecking, progressMerging, progressGenerating, progressExporting, progressTagging
    case respondentColumns
    case linked(first: String, firstID: String, second: String, secondID: String)
    case conflictResolved(hearing: String, question: String, value: String)
    case noTheme
    case reviewed(confirmed: Int, rejected: Int)
    case chromiumMissing, pdfFailed(String)
    /// A suggestion in `tag review`: its probability and the character sequences behind it.
    case suggestedBecause(String, String)
    case importMoreProblems(path: String, count: Int)
    case importStopped(path: String, limit: Int)
    case importNothing(path: String)
    /// Columns the file holds belong to other versions of the questionnaire named with `@N`.
    case importOtherVersions(id: String, versions: [Int])
    case importRepeatedRow(path: String, line: Int)
    case importAlreadyImported(path: String, line: Int, date: String, hearing: String)
    case imported(path: String, encoding: String, hearings: Int, answers: Int, respondents: Int, dryRun: Bool)
    case respondentsRegistered(source: String, added: Int, known: Int, dryRun: Bool)

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .progressChecking: return ja ? "確認" : "Checking"
        case .progressMerging: return ja ? "取り込み" : "Merging"
        case .progressGenerating: return ja ? "生成" : "generating"
        case .progressExporting: return ja ? "書き出し" : "exporting"
        case .progressTagging: return ja ? "タグ付け" : "tagging"
        case .respondentColumns: return ja ? "id\t種別\t団体\t担当者\t地域" : "id\tkind\torganisation\tperson\tregion"
        case .linked(let first, let firstID, let second, let secondID):
            return ja
                ? "\(first)（\(firstID)）を \(second)（\(secondID)）と同じ回答者として扱います。"
                : "\(first) (\(firstID)) is now counted as \(second) (\(secondID))."
        case .conflictResolved(let hearing, let question, let value):
            return ja ? "\(hearing) の \(question) を「\(value)」にしました。" : "\(hearing) \(question) is now: \(value)"
        case .noTheme: return ja ? "該当するテーマはありません" : "no theme"
        case .reviewed(let confirmed, let rejected):
            return ja ? "確定 \(confirmed) 件、却下 \(rejected) 件" : "\(confirmed) confirmed, \(rejected) rejected"
        case .chromiumMissing:
            return ja
                ? "PDF には Chromium が必要です（sudo apt-get install chromium、または KIKITORI_CHROMIUM にパスを指定）。HTML を書き出してブラウザから印刷することもできます"
                : "a PDF needs Chromium (sudo apt-get install chromium, or set KIKITORI_CHROMIUM to its path); or write HTML and print it from a browser"
        case .pdfFailed(let detail): return ja ? "Chromium が PDF を作れませんでした: \(detail)" : "Chromium could not print the PDF: \(detail)"
        case .suggestedBecause(let score, let features):
            return ja ? "学習モデルの提案（確率 \(score)、手がかり: \(features)）" : "suggested by the learned model (probability \(score); clues: \(features))"
        case .importMoreProblems(let path, let count):
            return ja ? "kikitori: \(path): ほかに \(count) 件の問題があります" : "kikitori: \(path): \(count) more problems like these"
        case .importStopped(let path, let limit):
            return ja
                ? "kikitori: \(path): \(limit) 件で確認をやめました。直してからもう一度取り込んでください"
                : "kikitori: \(path): checking stopped after \(limit) problems; fix these and import again"
        case .importNothing(let path): return ja ? "kikitori: \(path): 何も取り込んでいません" : "kikitori: \(path): nothing was imported"
        case .importOtherVersions(let id, let versions):
            let list = versions.map { "\(id)@\($0)" }.joined(separator: ja ? "、" : ", ")
            return ja
                ? "kikitori: 知らない列は \(list) の質問です。複数の版の書き出しは --questionnaire \(id) で取り込めます"
                : "kikitori: the unknown columns are questions of \(list); an export of several versions imports with --questionnaire \(id)"
        case .importRepeatedRow(let path, let line):
            return ja ? "\(path):\(line): 前の行と同じ内容のため飛ばしました" : "\(path):\(line): same as an earlier row; skipped"
        case .importAlreadyImported(let path, let line, let date, let hearing):
            return ja
                ? "\(path):\(line): \(date) に取り込み済み（ヒアリング \(hearing)）のため飛ばしました。もう一度取り込むには --allow-duplicates"
                : "\(path):\(line): already imported on \(date) (hearing \(hearing)); skipped. To import it again: --allow-duplicates"
        case .imported(let path, let encoding, let hearings, let answers, let respondents, let dryRun):
            return ja
                ? "\(dryRun ? "試行（書き込みなし）" : "取り込みました"): \(path)（\(encoding)）ヒアリング \(hearings) 件、回答 \(answers) 件、新しい回答者 \(respondents) 件"
                : "\(dryRun ? "Dry run (nothing written)" : "Imported"): \(path) (\(encoding)): \(hearings) hearings, \(answers) answers, \(respondents) new respondents"
        case .respondentsRegistered(let source, let added, let known, let dryRun):
            return ja
                ? "\(dryRun ? "試行（書き込みなし）" : "登録しました"): \(source) 新しい回答者 \(added) 件、登録済み \(known) 件"
                : "\(dryRun ? "Dry run (nothing written)" : "Registered"): \(source): \(added) new respondents, \(known) already registered"
        }
    }
}
