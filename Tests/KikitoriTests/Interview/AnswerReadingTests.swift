import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Input a first-day interviewer types with the input method on: nothing may be saved as something
/// it was not.
@Suite("Reading typed answers")
struct AnswerReadingTests {
    let questionnaire: Questionnaire
    let parser: AnswerParser

    init() throws {
        questionnaire = try sampleLibrary.load("private-firm-data-use@2")
        parser = AnswerParser(questionnaire: questionnaire)
    }

    func parse(_ input: String, _ question: String) throws -> AnswerValue {
        try parser.parse(input, for: #require(questionnaire.question(question)))
    }

    func read(_ input: String, _ question: String) throws -> (value: AnswerValue, approximate: Bool) {
        try parser.read(input, for: #require(questionnaire.question(question)))
    }

    /// Thousands separators only where they belong, in either width; units after the number.
    @Test func numbersAccepted() throws {
        for (typed, value) in [
            ("120", 120), ("１２０", 120), ("1,200", 1200), ("１，２００", 1200), ("12,345,678", 12_345_678), ("120人", 120),
            ("１２０ 人", 120), ("3 staff", 3), (" 45 ", 45), ("-3", -3), ("−3", -3),
        ] {
            #expect(try parse(typed, "employees") == .integer(value), "\(typed)")
        }
    }

    /// What could be read two ways is refused with the reason, never fused into another number.
    @Test func numbersRefused() throws {
        #expect(throws: AnswerProblem.fusedNumbers("10 20")) { try parse("10 20", "employees") }
        #expect(throws: AnswerProblem.fusedNumbers("12 0")) { try parse("12 0", "employees") }
        #expect(throws: AnswerProblem.fusedNumbers("１ ２００")) { try parse("１ ２００", "employees") }
        #expect(throws: AnswerProblem.badSeparator("1,5")) { try parse("1,5", "employees") }
        #expect(throws: AnswerProblem.badSeparator("12,00")) { try parse("12,00", "employees") }
        #expect(throws: AnswerProblem.badSeparator("1,2345")) { try parse("1,2345", "employees") }
        #expect(throws: AnswerProblem.numberMultiplier("1.2万")) { try parse("1.2万", "employees") }
        #expect(throws: AnswerProblem.numberMultiplier("3k")) { try parse("3k", "employees") }
        #expect(throws: AnswerProblem.notInteger("12.5")) { try parse("12.5", "employees") }
        #expect(throws: AnswerProblem.notInteger("many")) { try parse("many", "employees") }
        #expect(throws: AnswerProblem.notInteger("120人と5人")) { try parse("120人と5人", "employees") }
    }

    /// 約120人: the shell saves 120 and keeps the words; a file or script must say the number.
    @Test func approximateNumbers() throws {
        for typed in ["約120人", "およそ120", "120人程度", "120人くらい", "about 120", "~120"] {
            let reading = try read(typed, "employees")
            #expect(reading.value == .integer(120), "\(typed)")
            #expect(reading.approximate, "\(typed)")
            #expect(throws: AnswerProblem.approximate(typed)) { try parse(typed, "employees") }
        }
        #expect(try read("120", "employees").approximate == false)
    }

    /// The respondent's words after 「その他:」 are kept exactly as typed; only matching is normalised.
    @Test func otherWordsKeptAsTyped() throws {
        #expect(try parse("その他：（紙）の台帳①", "industry") == .other("（紙）の台帳①"))
        #expect(try parse("ｏｔｈｅｒ：ＤＸ推進室", "industry") == .other("ＤＸ推進室"))
        #expect(try parse("１、４ その他：取引先（大手）との契約", "barriers") == .choices(["privacy", "cost"], other: "取引先（大手）との契約"))
    }

    /// A scale is answered by its ends' labels in either language as well as by number.
    @Test func scaleByLabel() throws {
        let scale = try #require(questionnaire.question("willingness")?.scale)
        for label in [scale.minLabel, scale.maxLabel].compactMap({ $0 }) {
            let expected = label == scale.minLabel ? scale.min : scale.max
            for text in label.values.values {
                #expect(try parse(text, "willingness") == .scale(expected), "\(text)")
            }
        }
        #expect(throws: AnswerProblem.outOfScale("とても", min: scale.min, max: scale.max)) { try parse("とても", "willingness") }
    }
}

/// Tab completion with kana, 、 and English labels (readline hands over the word; this picks).
@Suite("Completion")
struct CompletionTests {
    let completions = Completions(words: ["観光・宿泊・飲食", "ニセコ町", "にしん漁", "Wholesale and retail", ":dk"])

    @Test func kanaAndSeparators() {
        #expect(completions.matches(forLine: "ニセ", word: "ニセ") == ["ニセコ町"])
        #expect(completions.matches(forLine: "ｎｉ", word: "ｎｉ").isEmpty)
        #expect(completions.matches(forLine: "1、観", word: "1、観") == ["1、観光・宿泊・飲食"])
        #expect(completions.matches(forLine: "観光・", word: "観光・") == ["観光・宿泊・飲食"])
        #expect(completions.matches(forLine: "にし", word: "にし") == ["にしん漁"])
    }

    /// Municipalities by reading, in hiragana, katakana or half-width katakana; a full reading typed
    /// without Tab is the municipality too.
    @Test func municipalitiesByReading() {
        let municipalities = Completions(words: Hokkaido.municipalities, readings: Hokkaido.readings)
        #expect(municipalities.matches(forLine: "さっぽ", word: "さっぽ") == ["札幌市"])
        #expect(municipalities.matches(forLine: "サッポ", word: "サッポ") == ["札幌市"])
        #expect(municipalities.matches(forLine: "ｵﾄｲ", word: "ｵﾄｲ") == ["音威子府村"])
        #expect(Set(municipalities.matches(forLine: "えさし", word: "えさし")) == ["江差町", "枝幸町"])
        #expect(Hokkaido.municipality(reading: "オトイネップムラ") == "音威子府村")
        // Two towns read えさしちょう: the reading alone does not say which.
        #expect(Hokkaido.municipality(reading: "えさしちょう") == nil)
        #expect(Hokkaido.municipality(reading: "さっぽ") == nil)
    }

    @Test func everyWordOfALabel() {
        #expect(completions.matches(forLine: "ret", word: "ret") == ["Wholesale and retail"])
        #expect(completions.matches(forLine: "ＷＨＯ", word: "ＷＨＯ") == ["Wholesale and retail"])
        #expect(completions.matches(forLine: "：ｄ", word: "：ｄ") == [":dk"])
    }
}
