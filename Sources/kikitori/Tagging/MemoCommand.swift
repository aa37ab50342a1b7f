import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

/// `kikitori memo`: dated, signed memos on a theme (how it is applied, open questions) or on a
/// hearing, beside the interviewers' notes; they travel with merges and into REFI-QDA projects.
struct MemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memo",
        abstract: "Write or list memos on themes and hearings, signed by their coder.",
        discussion: """
            The target is a theme id of the codebook or a hearing (a unique prefix of its id). With no \
            text, lists the memos (of the target, or all); memos are internal working notes, their words \
            masked unless --audience internal.

            Examples:
              kikitori memo cost "補助金の話は cost に含める" --coder 高橋
              kikitori memo 3f2a9c "先方の担当者が交代予定" --coder 高橋
              kikitori memo cost
              kikitori memo --audience internal
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions
    @OptionGroup var coder: CoderOption

    @Argument(help: "A theme id or a hearing prefix.", completion: DynamicCompletion.themes)
    var target: String?

    @Argument(help: "The memo; none to list.")
    var text: String?

    @Option(help: "public (default) or internal, for listing.")
    var audience: ReviewFilter.Audience = .public

    func run() throws {
        let language = options.language()
        let output = try options.guarded { () throws -> String in
            let store = try database.open(options, readOnly: text == nil)
            var subject: (Memo.Subject, String)?
            if let target {
                let book = try codebook.load(options)
                if let theme = book.theme(typed: target) {
                    subject = (.theme, theme.id)
                } else if let hearing = try? store.findHearing(target) {
                    subject = (.hearing, hearing.id.storageKey)
                } else {
                    throw CodingProblem.unknownMemoTarget(target)
                }
            }
            if let text, let subject {
                let name = try coder.resolve()
                try AnswerParser.checkText(text)
                try store.addMemo(subject.0, target: subject.1, coder: name, text: text)
                return CodingPhrase.memoAdded(subject.1).text(language) + "\n"
            }
            let publication = try Publication(store: store, filter: ReviewFilter(status: nil, audience: audience), language: language)
            let memos = try store.memos(subject: subject?.0, target: subject?.1, filter: publication.filter)
            guard !memos.isEmpty else { return CodingPhrase.noMemos.text(language) + "\n" }
            let text = memos.map { memo in
                let target = memo.subject == .hearing ? String(memo.target.prefix(8)) : memo.target
                return "\(JapanTime.minute(memo.writtenAt))  \(target)  \(memo.coder)\n  \(publication.text(memo.text).replacingOccurrences(of: "\n", with: "\n  "))"
            }.joined(separator: "\n") + "\n"
            try publication.check(text, output: "memo")
            return text
        }
        try StandardOutput.write(output)
    }
}
