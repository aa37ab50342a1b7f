import Foundation
import KikitoriTestSupport
import Testing

/// The working group's review of hearings from the command line: statuses set with comments,
/// listed, shown, and limiting what is counted and exported.
@Suite("kikitori review", .serialized)
struct ReviewStatusCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("r.sqlite").path
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("work"), withIntermediateDirectories: true)
    }

    func run(_ arguments: [String], language: String = "en", environment: [String: String] = [:], input: String? = nil) throws -> CommandResult {
        try kikitori(
            arguments + ["--lang", language], in: directory.url.appendingPathComponent("work"),
            environment: ["KIKITORI_DB": database, "KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path]
                .merging(environment) { $1 },
            input: input)
    }

    /// The completed hearings of the synthetic data that may be shown publicly, by short id.
    func hearings() throws -> [String] {
        #expect(try kikitori(["dev", "generate", "--hearings", "12", "--seed", "3", "--db", database]).status == 0)
        let listed = try run(["hearings", "--status", "completed"])
        return listed.stdout.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func statusesAreLoggedListedAndShown() throws {
        let ids = try hearings()
        #expect(ids.count >= 2)
        let (first, second) = (ids[0], ids[1])

        // has_issues needs a reason; a status that is not one is refused with the four there are.
        let bare = try run(["review", first, "has_issues"])
        #expect(bare.status == 64 && bare.stderr.contains("--comment must say why the hearing is has issues"))
        let unknown = try run(["review", first, "done"])
        #expect(unknown.status == 64 && unknown.stderr.contains("'done' is not a review status: received, has_issues, approved or rejected"))
        #expect(try run(["review", "ffffffff", "approved"]).status == 66)

        // Full-width code and the Japanese word both work; the reviewer comes from the environment.
        let flagged = try run(["review", first, "ｈａｓ＿ｉｓｓｕｅｓ", "--comment", "従業員数が空欄"], environment: ["KIKITORI_REVIEWER": "高橋"])
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(flagged.stdout == "Hearing \(first): review received → has issues.\n")
        let approved = try run(["review", second, "承認", "--reviewer", "佐々木"])
        #expect(approved.stdout == "Hearing \(second): review received → approved.\n")

        let toFix = try run(["hearings", "--review", "has_issues", "--audience", "internal"])
        #expect(toFix.stdout.contains(first) && !toFix.stdout.contains(second))
        #expect(try run(["hearings", "--review", "要修正", "--audience", "internal"]).stdout.contains(first))
        #expect(try run(["hearings", "--review", "finished"]).status == 64)

        // The history: who and why for internal readers; the public view keeps the comment, not the reviewer.
        let history = try run(["review", first])
        #expect(history.stdout.hasPrefix("Review: has issues\n"))
        #expect(history.stdout.contains("received → has issues  (高橋)  従業員数が空欄"))
        let internalShow = try run(["show", first, "--audience", "internal"])
        #expect(internalShow.stdout.contains("Review: has issues"))
        #expect(internalShow.stdout.contains("review: received → has issues [高橋] (従業員数が空欄)"))
        let publicShow = try run(["show", first])
        #expect(publicShow.status == 0, "\(publicShow.stderr)")
        #expect(publicShow.stdout.contains("review: received → has issues (従業員数が空欄)") && !publicShow.stdout.contains("高橋"))

        // Fixed: approved; both decisions stay in the log.
        _ = try run(["review", first, "approved", "--comment", "電話で確認済み", "--reviewer", "高橋"])
        let after = try run(["review", first], language: "ja")
        #expect(after.stdout.hasPrefix("確認状況: 承認\n"))
        #expect(after.stdout.split(separator: "\n").count == 3)
    }

    /// A review comment that names the respondent (in another width) is masked wherever the public
    /// sees it, as an answer would be; the reviewer is never shown publicly.
    @Test func reviewCommentsAreMaskedInPublic() throws {
        let started = try run(
            ["interview", "digital-talent", "--interviewer", "sato", "--consent", "public_anonymous"],
            input: "\n3\nオトイネップ町\n\n\n\n\n\n2\n1\n:pause\n")
        #expect(started.status == 0, "\(started.stderr)")
        let hearing = String(try #require(started.stdout.firstMatch(of: /Hearing ([0-9a-f]{8}) paused/)).1)
        _ = try run(["review", hearing, "has_issues", "--comment", "ｵﾄｲﾈｯﾌﾟ町の課長に人数を確認", "--reviewer", "高橋"])
        let shown = try run(["show", hearing])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("review: received → has issues ("))
        #expect(!shown.stdout.contains("ｵﾄｲﾈｯﾌﾟ") && !shown.stdout.contains("オトイネップ") && !shown.stdout.contains("高橋"))
        let internalShow = try run(["show", hearing, "--audience", "internal"])
        #expect(internalShow.stdout.contains("ｵﾄｲﾈｯﾌﾟ町の課長に人数を確認") && internalShow.stdout.contains("[高橋]"))
    }

    /// --review approved limits every count and export to approved hearings, and the manifest says so.
    @Test func exportsAndCountsFollowTheReview() throws {
        let ids = try hearings()
        let reviewed = try run(["review", ids[0], "approved", "--reviewer", "高橋"])
        #expect(reviewed.status == 0, "\(ids) \(reviewed.stderr)")
        let out = directory.url.appendingPathComponent("work/approved.csv").path
        let exported = try run(["export", "answers", "--review", "approved", "--audience", "internal", "--labels", "codes", "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        let all = try run(["export", "answers", "--audience", "internal", "--labels", "codes", "--out", "-"])
        // CSV lines end in CRLF, one Character in Swift: split on newlines, not on "\n".
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        #expect(!rows.isEmpty && rows.count < all.stdout.split(whereSeparator: \.isNewline).count - 1)
        // Every row is the approved hearing's.
        let hearingColumn = Set(rows.compactMap { $0.split(separator: ",").first.map(String.init) })
        #expect(hearingColumn.count == 1 && hearingColumn.first?.hasPrefix(ids[0]) == true)
        let manifest = try String(contentsOfFile: out + ".manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"review\" : \"approved\""))
        let themes = try run(["themes", "--review", "approved", "--audience", "internal"])
        #expect(themes.status == 0)
        #expect(themes.stdout.contains("Only hearings whose review is approved."))
    }
}
