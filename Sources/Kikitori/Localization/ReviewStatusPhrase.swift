import Foundation
import KikitoriCore
import KikitoriStore

extension ReviewStatus {
    /// A status as a reviewer types it: its code in any width or case (`has_issues`, `has-issues`,
    /// `ｈａｓ＿ｉｓｓｕｅｓ`), the word listings show in either language, or a common Japanese word.
    public static func named(_ word: String) -> ReviewStatus? {
        let key = word.precomposedStringWithCompatibilityMapping.lowercased().trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return allCases.first { status in
            let label = ReviewStatusPhrase.status(status)
            return ([status.rawValue.replacingOccurrences(of: "_", with: " "), label.text(.en), label.text(.ja)] + ReviewStatusPhrase.synonyms(status))
                .contains(key)
        }
    }
}

/// What the review of hearings says: statuses, the record of a change, the history.
public enum ReviewStatusPhrase: Sendable {
    case status(ReviewStatus)
    case columnReview
    case recorded(String, status: ReviewStatus, previous: ReviewStatus)
    case unchanged(String, status: ReviewStatus)
    case history(ReviewChange)
    case noHistory(String)
    case current(ReviewStatus)
    case notAStatus(String)
    case commentNeeded(ReviewStatus)
    case commentWithoutStatus
    /// Under a count or in the report's method: only hearings the review left in this status.
    case onlyReviewed(ReviewStatus)

    /// Other words people use for a status (matched after NFKC and lower-casing).
    static func synonyms(_ status: ReviewStatus) -> [String] {
        switch status {
        case .received: return ["受付", "受領"]
        case .hasIssues: return ["要確認", "問題あり", "差し戻し", "issues"]
        case .approved: return ["承認済み", "ok"]
        case .rejected: return ["不採用"]
        }
    }

    public func text(_ language: Language) -> String {
        language == .ja ? japanese : english
    }

    private var english: String {
        switch self {
        case .status(let status):
            switch status {
            case .received: return "received"
            case .hasIssues: return "has issues"
            case .approved: return "approved"
            case .rejected: return "rejected"
            }
        case .columnReview: return "review"
        case .recorded(let id, let status, let previous):
            return "Hearing \(id): review \(Self.status(previous).english) → \(Self.status(status).english)."
        case .unchanged(let id, let status): return "Hearing \(id) is already \(Self.status(status).english); the comment was recorded."
        case .history(let change):
            return "\(JapanTime.minute(change.recordedAt))  \(Self.status(change.previous).english) → \(Self.status(change.status).english)  "
                + "(\(change.reviewer))" + (change.comment.map { "  \($0)" } ?? "")
        case .noHistory(let id): return "Hearing \(id) has not been reviewed: it is received."
        case .current(let status): return "Review: \(Self.status(status).english)"
        case .notAStatus(let word): return "'\(word)' is not a review status: received, has_issues, approved or rejected"
        case .commentNeeded(let status): return "--comment must say why the hearing is \(Self.status(status).english) (the interviewer reads it)"
        case .onlyReviewed(let status): return "Only hearings whose review is \(Self.status(status).english)."
        case .commentWithoutStatus: return "--comment goes with a status: kikitori review <hearing> <status> --comment …"
        }
    }

    private var japanese: String {
        switch self {
        case .status(let status):
            switch status {
            case .received: return "受付"
            case .hasIssues: return "要修正"
            case .approved: return "承認"
            case .rejected: return "却下"
            }
        case .columnReview: return "確認"
        case .recorded(let id, let status, let previous):
            return "ヒアリング \(id): 確認状況 \(Self.status(previous).japanese) → \(Self.status(status).japanese)"
        case .unchanged(let id, let status): return "ヒアリング \(id) はすでに「\(Self.status(status).japanese)」です。コメントを記録しました。"
        case .history(let change):
            return "\(JapanTime.minute(change.recordedAt))  \(Self.status(change.previous).japanese) → \(Self.status(change.status).japanese)  "
                + "（\(change.reviewer)）" + (change.comment.map { "  \($0)" } ?? "")
        case .noHistory(let id): return "ヒアリング \(id) はまだ確認されていません（受付）。"
        case .current(let status): return "確認状況: \(Self.status(status).japanese)"
        case .notAStatus(let word): return "「\(word)」は確認状況ではありません: received（受付）、has_issues（要修正）、approved（承認）、rejected（却下）"
        case .commentNeeded(let status): return "「\(Self.status(status).japanese)」にする理由を --comment で書いてください（聞き手が読みます）"
        case .onlyReviewed(let status): return "確認状況が「\(Self.status(status).japanese)」のヒアリングのみを集計しています。"
        case .commentWithoutStatus: return "--comment は確認状況と一緒に指定します: kikitori review <ヒアリング> <状況> --comment …"
        }
    }
}
