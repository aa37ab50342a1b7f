import Foundation
import KikitoriTestSupport
import Testing

/// The real binary on a pseudo-terminal: readline, Tab completion, Japanese input, pause, resume.
@Suite("Interactive shell", .serialized)
struct InteractiveShellTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("field.sqlite").path
    }

    var environment: [String: String] {
        [
            "LANG": "C.UTF-8", "TERM": "xterm", "HOME": directory.url.path, "KIKITORI_INTERVIEWER": "tester",
            "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
        ]
    }

    func terminal(_ arguments: [String]) throws -> PseudoTerminal {
        try PseudoTerminal(
            kikitoriBinary, arguments: arguments + ["--db", database, "--lang", "en"], directory: repositoryRoot,
            environment: environment)
    }

    /// Answers a prompt and waits for the next screen to appear.
    func answer(_ terminal: PseudoTerminal, _ keys: String, then next: String) throws {
        terminal.send(keys + "\r")
        try terminal.expect(next)
    }

    /// Starts a digital-talent hearing for a new firm; returns the hearing's short id.
    func startHearing(_ terminal: PseudoTerminal) throws -> String {
        try terminal.expect("kikitori> ")
        try answer(terminal, "new digital-talent@1", then: "Respondent: ")
        try answer(terminal, "", then: "Kind of respondent")
        for (keys, next) in [
            ("1", "Organisation: "), ("株式会社北のデータ", "Person's name"), ("", "Role"), ("", "Industry"),
            ("情報通信", "Municipality"), ("函館", "Region"),
        ] {
            if keys == "函館" {
                // Tab completes Hokkaido's municipalities, Japanese included.
                terminal.send(keys + "\t")
                try terminal.expect("函館市")
                try answer(terminal, "", then: next)
            } else {
                try answer(terminal, keys, then: next)
            }
        }
        try answer(terminal, "", then: "Interviewer [tester]")
        try answer(terminal, "", then: "Place")
        try answer(terminal, "本社", then: "Consent")
        let started = try terminal.expect("> ")
        _ = started
        terminal.send("2\r")
        let line = try terminal.expect(" started: ")
        let id = String(line.suffix(from: line.index(line.endIndex, offsetBy: -(8 + " started: ".count))).prefix(8))
        try terminal.expect("[organisation_type]")
        return id
    }

    /// A hearing in Japanese with Tab completion, :back, Ctrl-C, Ctrl-D to pause, then resume and finish.
    @Test func hearingPauseResumeFinish() throws {
        let id: String
        do {
            let terminal = try terminal([])
            id = try startHearing(terminal)
            terminal.send("民間\t")
            try terminal.expect("民間企業")
            try answer(terminal, "", then: "[has_digital_staff]")
            try answer(terminal, "はい", then: "[digital_staff_count]")
            try answer(terminal, ":back", then: "[has_digital_staff]")
            try terminal.expect("Current answer: Yes")
            try answer(terminal, "", then: "[digital_staff_count]")
            // Ctrl-C clears the half-typed line only.
            try terminal.expect("> ")
            terminal.send("99999")
            try terminal.expect("99999")
            terminal.send("\u{3}")
            try terminal.expect("> ")
            try answer(terminal, "3", then: "[it_budget_share]")
            // Keys typed before readline takes the terminal could be read in cooked mode: wait for the prompt.
            try terminal.expect("> ")
            terminal.send("\u{4}")
            try terminal.expect("paused; every answer is saved")
            try answer(terminal, "quit", then: "Bye.")
            #expect(terminal.waitForExit() == 0)
        }
        let resumed = try terminal(["resume", id])
        try resumed.expect("resumed")
        try resumed.expect("[it_budget_share]")
        for (keys, next) in [
            ("12.5", "[shortage_level]"), ("4", "[hiring_difficulties]"), ("1 2", "[hiring_detail]"),
            ("採用に苦労している", ". "), ("", "[learning_hours]"), ("3", "[learning_barriers]"), ("", "[training_wanted]"),
            ("online_course, seminar", "[comments]"), ("", "Complete the hearing?"),
        ] {
            try answer(resumed, keys, then: next)
        }
        try answer(resumed, "y", then: "completed")
        #expect(resumed.waitForExit() == 0)

        let listing = try kikitori(["shell", "--db", database, "--lang", "en"], input: "show \(id)\nquit\n")
        #expect(listing.stdout.contains("completed"))
        #expect(listing.stdout.contains("Private firm") || listing.stdout.contains("private firms"))
        #expect(listing.stdout.contains("採用に苦労している"))
        #expect(listing.stdout.contains("3"))
        // The history holds commands, never answers.
        let history = try String(contentsOf: directory.url.appendingPathComponent(".kikitori_history"), encoding: .utf8)
        #expect(history.contains("new digital-talent@1"))
        #expect(!history.contains("採用") && !history.contains("株式会社"))
    }

    /// With the input method on: full-width commands at a question and on a continuation line, and a
    /// second process resuming the same hearing is refused with who has it open.
    @Test func fullWidthCommandsAndOneSessionPerHearing() throws {
        let terminal = try terminal([])
        let id = try startHearing(terminal)
        try answer(terminal, "２", then: "[has_digital_staff]")
        try answer(terminal, "2", then: "[it_budget_share]")
        try answer(terminal, "：ｄｋ", then: "[shortage_level]")
        try answer(terminal, "強くそう思う", then: "out of range")
        try answer(terminal, "Severely short", then: "[hiring_difficulties]")
        try answer(terminal, "", then: "[hiring_detail]")
        try answer(terminal, "一行目", then: ". ")
        try answer(terminal, "：ｃａｎｃｅｌ", then: "was not saved")
        try terminal.expect("[hiring_detail]")

        let second = try kikitori(["resume", id, "--db", database, "--lang", "en"], input: ":pause\n")
        #expect(second.status == 75)
        #expect(second.stderr.contains("hearing \(id) is open in another program (process "))

        try terminal.expect("> ")
        terminal.send("\u{4}")
        try terminal.expect("paused; every answer is saved")
        try answer(terminal, "quit", then: "Bye.")
        #expect(terminal.waitForExit() == 0)
        // Released on exit: resuming now works.
        #expect(try kikitori(["resume", id, "--db", database, "--lang", "en"], input: ":pause\n").status == 0)
        let shown = try kikitori(["show", id, "--db", database, "--lang", "en", "--audience", "internal"])
        #expect(shown.stdout.contains("don't know") && shown.stdout.contains("Severely short") == false)
        #expect(shown.stdout.contains("5"))
    }

    /// Ctrl-C while a command runs (here `tag`, waiting for another writer) says it cannot be
    /// interrupted, and no prompt appears until the command has finished.
    @Test func interruptDuringACommand() throws {
        _ = try kikitori(["shell", "--db", database], input: "quit\n")
        let holder = try holdWriteLock(on: database, seconds: 3)
        let terminal = try terminal([])
        try terminal.expect("kikitori> ")
        try answer(terminal, "tag", then: "Waiting for another program")
        terminal.send("\u{3}")
        let screen = try terminal.expect("cannot be interrupted")
        #expect(!screen.hasSuffix("kikitori> "))
        try terminal.expect("Tagged with")
        try terminal.expect("kikitori> ")
        try answer(terminal, "quit", then: "Bye.")
        #expect(terminal.waitForExit() == 0)
        holder.waitUntilExit()
    }

    /// Tab completes kana: readline's word breaks are bytes, and 、 shares its first byte with kana.
    @Test func kanaCompletion() throws {
        let terminal = try terminal([])
        try terminal.expect("kikitori> ")
        try answer(terminal, "new digital-talent@1", then: "Respondent: ")
        for (keys, next) in [("", "Kind of respondent"), ("3", "Organisation: "), ("ニセコ町役場", "Person's name"), ("", "Role"), ("", "Municipality")] {
            try answer(terminal, keys, then: next)
        }
        terminal.send("ニセ\t")
        try terminal.expect("ニセコ町")
        try answer(terminal, "", then: "Region")
        try terminal.expect("後志総合振興局")
        terminal.send("\u{4}")
        try terminal.expect("Cancelled; nothing was saved.")
        try answer(terminal, "quit", then: "Bye.")
        #expect(terminal.waitForExit() == 0)
    }

    /// SIGKILL in the middle of a hearing loses no confirmed answer; resume continues at the next question.
    @Test func killedHearingKeepsConfirmedAnswers() throws {
        let terminal = try terminal([])
        let id = try startHearing(terminal)
        try answer(terminal, "2", then: "[has_digital_staff]")
        try answer(terminal, "1", then: "[digital_staff_count]")
        try answer(terminal, "7", then: "[it_budget_share]")
        terminal.send("3.5")  // typed, not confirmed
        terminal.killHard()
        _ = terminal.waitForExit()

        let resumed = try kikitori(["resume", id, "--db", database, "--lang", "en"], input: "")
        #expect(resumed.stdout.contains("[it_budget_share]"))
        let shown = try kikitori(["shell", "--db", database, "--lang", "en"], input: "show \(id)\nquit\n")
        #expect(shown.stdout.contains("Municipality"))
        #expect(shown.stdout.contains("Type of organisation"))
        let lines = shown.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("How many?") && $0.hasSuffix(" 7") })
        #expect(lines.contains { $0.contains("Share of the budget") && $0.hasSuffix("—") })
    }

    /// SIGTERM and SIGHUP pause the hearing with every confirmed answer saved, and restore the terminal.
    @Test(arguments: [SIGTERM, SIGHUP])
    func signalPausesHearing(signal: Int32) throws {
        let terminal = try terminal([])
        let id = try startHearing(terminal)
        try answer(terminal, "2", then: "[has_digital_staff]")
        kill(terminal.pid, signal)
        #expect(terminal.waitForExit() == 128 + signal)
        let shown = try kikitori(["shell", "--db", database, "--lang", "en"], input: "hearings\nquit\n")
        #expect(shown.stdout.contains("\(id)  paused"))
        let resumed = try kikitori(["resume", id, "--db", database, "--lang", "en"], input: "")
        #expect(resumed.stdout.contains("[has_digital_staff]"))
    }
}
