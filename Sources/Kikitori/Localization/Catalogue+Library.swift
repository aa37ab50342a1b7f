import KikitoriCore
import KikitoriStore
extension LibraryError {
    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.folderMissing(let path), .en):
            return "no questionnaires folder at '\(path)'; pass --questionnaires DIR or set KIKITORI_QUESTIONNAIRES"
        case (.folderMissing(let path), .ja):
            return "調査票フォルダ '\(path)' がありません。--questionnaires DIR か KIKITORI_QUESTIONNAIRES で指定してください"
        case (.fileMissing(let path), .en): return "\(path): no such file"
        case (.fileMissing(let path), .ja): return "\(path): ファイルがありません"
        case (.unknownQuestionnaire(let id, let known), .en):
            return "no questionnaire '\(id)'" + (known.isEmpty ? "" : "; known: \(known.joined(separator: ", "))")
        case (.unknownQuestionnaire(let id, let known), .ja):
            return "調査票 '\(id)' はありません" + (known.isEmpty ? "" : "（あるもの: \(known.joined(separator: "、"))）")
        case (.unknownVersion(let id, let version, let known), .en):
            return "'\(id)' has no version \(version); versions: \(known.map(String.init).joined(separator: ", "))"
        case (.unknownVersion(let id, let version, let known), .ja):
            return "'\(id)' にバージョン \(version) はありません（あるもの: \(known.map(String.init).joined(separator: "、"))）"
        case (.badReference(let reference), .en):
            return "'\(reference)' is not a questionnaire reference; write id, id@N or a path to a .yaml file"
        case (.badReference(let reference), .ja):
            return "'\(reference)' は調査票の指定として不正です。id、id@N、または .yaml ファイルのパスで指定してください"
        }
    }
}
