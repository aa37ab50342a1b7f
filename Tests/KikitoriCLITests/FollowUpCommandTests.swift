import Foundation
import KikitoriTestSupport
import Testing

/// `interview --follow-up` and `answers --change` as an interviewer and a WG leader run them.
@Suite("kikitori interview --follow-up", .serialized)
struct FollowUpCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("f.sqlite").path
    }

    func run(_ arguments: [String], input: String? = nil) throws -> CommandResult {
        try kikitori(
            arguments + ["--lang", "en"], in: directory.url,
            environment: ["KIKITORI_DB": database, "KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path],
            input: input)
    }

    @Test func lastAnswersAreOfferedAndKeptWithEnter() throws {
        let first = try run(
            ["interview", "digital-talent", "--interviewer", "sato", "--consent", "public_named"],
            input: "\n3\nオトイネップ町\n\n\n\n\n\n2\n1\n:pause\n")
        #expect(first.status == 0, "\(first.stderr)")
        let earlier = String(try #require(first.stdout.firstMatch(of: /Hearing ([0-9a-f]{8}) paused/)).1)

        // Same respondent, no respondent questions: place, then Enter twice keeps both answers.
        let second = try run(
            ["interview", "digital-talent", "--follow-up", earlier, "--interviewer", "sato", "--consent", "public_named"],
            input: "\n\n\n:pause\n")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Following up hearing \(earlier) of "))
        #expect(second.stdout.components(separatedBy: "Last time: ").count == 3)
        let later = String(try #require(second.stdout.firstMatch(of: /Hearing ([0-9a-f]{8}) paused/)).1)

        let shown = try run(["show", later, "--audience", "internal"])
        #expect(shown.stdout.contains("Follows hearing \(earlier)"))
        #expect(shown.stdout.contains("オトイネップ町"))
        let moved = try run(["answers", "organisation_type", "--change", "--audience", "internal", "--all-statuses"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("Follow-up hearings compared with the hearing each follows: 1, 1 of them with the same answer."))
        // Public: one follow-up is too few to show.
        #expect(try run(["answers", "organisation_type", "--change", "--all-statuses"]).stdout.contains("Fewer than 3 follow-up hearings"))

        // --respondent and --follow-up together, or a follow-up of nothing: refused in one line.
        #expect(try run(["interview", "digital-talent", "--follow-up", earlier, "--respondent", "x"]).status == 64)
        let unknown = try run(["interview", "digital-talent", "--follow-up", "ffffffff", "--interviewer", "sato", "--consent", "public_named"], input: "\n")
        #expect(unknown.status == 66 && unknown.stderr.contains("no hearing 'ffffffff'"))
    }
}
