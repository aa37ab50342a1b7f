import Foundation
import KikitoriTestSupport
import Testing

@Suite("kikitori tag")
struct TagCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.url.appendingPathComponent("tags.sqlite").path
        let generated = try kikitori(["dev", "generate", "--hearings", "40", "--seed", "5", "--db", database])
        #expect(generated.status == 0)
    }

    /// Tagging twice changes nothing the second time; the report names the untagged share.
    @Test func tagIsIdempotent() throws {
        let first = try kikitori(["tag", "--db", database, "--lang", "en"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("Tagged with hokkaido-data-wg@3:"))
        #expect(first.stdout.contains("Text answers with no theme:"))
        let second = try kikitori(["tag", "--db", database, "--lang", "en"])
        #expect(second.stdout.hasPrefix("Tagged with hokkaido-data-wg@3: 0 new answers"))
    }

    /// Review walks the automatic tags: y confirms, n rejects, q stops; decisions survive --retag.
    @Test func reviewConfirmsAndRejects() throws {
        _ = try kikitori(["tag", "--db", database])
        let review = try kikitori(["tag", "review", "cost", "--db", database, "--lang", "en", "--coder", "高橋"], input: "y\nn\nq\n")
        #expect(review.status == 0)
        #expect(review.stdout.contains("【"))
        #expect(review.stdout.contains("1 confirmed, 1 rejected"))
        let retag = try kikitori(["tag", "--retag", "--db", database, "--lang", "en"])
        #expect(retag.status == 0)
        let again = try kikitori(["tag", "review", "cost", "--db", database, "--lang", "en", "--coder", "高橋"], input: "q\n")
        let before = Int(review.stdout.split(separator: "\n")[0].split(separator: " ").last ?? "") ?? 0
        let after = Int(again.stdout.split(separator: "\n")[0].split(separator: " ").last ?? "") ?? 0
        #expect(after == before - 2)
    }

    /// Two coders code the same blind sample from the command line; agreement and disagreements
    /// read their decisions, and the agreement table exports as CSV for Excel.
    @Test func twoCodersAgreement() throws {
        _ = try kikitori(["tag", "--db", database])
        for (coder, answers) in [("高橋", "y\ny\ny\nn\nn\nn\n"), ("佐藤", "y\ny\nn\nn\nn\ny\n")] {
            let review = try kikitori(["tag", "review", "cost", "--sample", "6", "--seed", "4", "--coder", coder, "--db", database, "--lang", "en"], input: answers)
            #expect(review.status == 0 && review.stdout.contains("Blind coding: ") && review.stdout.contains("6 answers"))
            #expect(!review.stdout.contains("【"))
        }
        let agreement = try kikitori(["tag", "agreement", "--db", database, "--lang", "en"])
        #expect(agreement.status == 0)
        #expect(agreement.stdout.contains("Agreement between coders: 佐藤, 高橋"))
        #expect(agreement.stdout.contains("Units compared:"))
        let cost = try #require(agreement.stdout.split(separator: "\n").first { $0.hasPrefix("cost") })
        #expect(cost.contains(" 6 ") && cost.contains("67%") && cost.contains("0.33"))
        let csvPath = directory.url.appendingPathComponent("agreement.csv").path
        #expect(try kikitori(["tag", "agreement", "--db", database, "--csv", csvPath, "--lang", "ja"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        let csv = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]) && csv.contains("テーマ,単位,一致率,κ,α") && csv.contains("cost,6,67%,0.33"))
        // Internal: every hearing's disagreements (public leaves internal-only hearings out).
        let disagreements = try kikitori(["tag", "disagreements", "--audience", "internal", "--db", database, "--lang", "en"])
        #expect(disagreements.status == 0 && disagreements.stdout.hasPrefix("Answers coders decided differently: 2"))
        #expect(disagreements.stdout.contains("高橋 ✓  佐藤 ✗") || disagreements.stdout.contains("佐藤 ✗  高橋 ✓"))
        let alone = try kikitori(["tag", "agreement", "--coders", "高橋", "--db", database, "--lang", "en"])
        #expect(alone.status == 66 && alone.stderr.contains("at least two coders"))
    }

    /// `export project --format qdpx`: a zip holding project.qde that validates against REFI-QDA's
    /// published Project.xsd, with each coder's codings, selections that point at the answers' words,
    /// and public names masked.
    @Test func refiQDAProject() throws {
        _ = try kikitori(["tag", "--db", database])
        let review = try kikitori(["tag", "review", "cost", "--sample", "4", "--seed", "2", "--coder", "高橋", "--db", database], input: "y\ny\nn\ny\n")
        #expect(review.status == 0)
        let path = directory.url.appendingPathComponent("p.qdpx").path
        let export = try kikitori(["export", "project", "--format", "qdpx", "--db", database, "--out", path, "--lang", "ja"])
        #expect(export.status == 0, "\(export.stderr)")
        let unzip = try command(["/usr/bin/unzip", "-o", "-q", path, "-d", directory.url.appendingPathComponent("p").path], in: directory.url)
        #expect(unzip.status == 0)
        let qde = directory.url.appendingPathComponent("p/project.qde").path
        let schema = repositoryRoot.appendingPathComponent("Tests/KikitoriTests/Fixtures/refi-qda-project-1.0.xsd").path
        let valid = try command(["/usr/bin/xmllint", "--noout", "--schema", schema, qde], in: directory.url)
        #expect(valid.status == 0, "\(valid.stderr)")
        let xml = try String(contentsOfFile: qde, encoding: .utf8)
        #expect(xml.contains("<Project xmlns=\"urn:QDA-XML:project:1.0\"") && xml.contains("name=\"高橋\"") && xml.contains("<Case "))
        // Every selection's positions cut its source's text at an answer: the words right after the
        // question's heading, never a heading itself.
        let sources = xml.components(separatedBy: "<TextSource ").dropFirst()
        var checked = 0
        for source in sources {
            guard let open = source.range(of: "<PlainTextContent>"), let close = source.range(of: "</PlainTextContent>") else { continue }
            let content = Array(String(source[open.upperBound..<close.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&").unicodeScalars)
            for match in source.matches(of: /startPosition="(\d+)" endPosition="(\d+)"/) {
                let start = Int(match.1) ?? 0, end = Int(match.2) ?? 0
                #expect(start < end && end <= content.count)
                #expect(start >= 2 && String(String.UnicodeScalarView(content[(start - 2)..<start])) == "】\n")
                checked += 1
            }
        }
        #expect(checked > 10)
        // Public: no hidden respondent's organisation appears; internal shows them.
        let internalPath = directory.url.appendingPathComponent("i.qdpx").path
        #expect(try kikitori(["export", "project", "--audience", "internal", "--db", database, "--out", internalPath]).status == 0)
    }

    /// `codebook import`: a REFI-QDA codebook from another tool, and Kikitori's own qdc, become
    /// drafts whose only lint errors are the rules left to write; a broken file is one clear line.
    /// Memos: written, listed, shown and exported to internal readers only.
    @Test func codebookImportAndMemos() throws {
        let fixture = repositoryRoot.appendingPathComponent("Tests/KikitoriTests/Fixtures/maxqda-codes.qdc").path
        let draft = directory.url.appendingPathComponent("draft.yaml").path
        let imported = try kikitori(["codebook", "import", fixture, "--out", draft, "--lang", "en"])
        #expect(imported.status == 0 && imported.stdout.contains("4 themes, 1 groups"), "\(imported.stderr)")
        let yaml = try String(contentsOfFile: draft, encoding: .utf8)
        #expect(yaml.contains("label: {ja: \"個人情報への不安\"}") && yaml.contains("colour: \"#E41A1C\"") && yaml.contains("description: {en: \"Budget & staffing costs\"}"))
        #expect(yaml.contains("id: cost\n") && yaml.contains("id: cost_2\n") && yaml.contains("group: group_1"))
        let lint = try kikitori(["codebook", "lint", "--codebook", draft, "--lang", "en"])
        let errors = lint.stderr.split(separator: "\n").filter { $0.contains(": ") && !$0.contains("warning:") && !$0.hasPrefix("1 file") }
        #expect(lint.status == 65 && errors.count == 4 && errors.allSatisfy { $0.contains("'rules'") }, "\(lint.stderr)")
        // Kikitori's own export comes back with its theme ids, groups and colours.
        let own = directory.url.appendingPathComponent("own.qdc").path
        #expect(try kikitori(["export", "codebook", "--format", "qdc", "--out", own]).status == 0)
        let again = directory.url.appendingPathComponent("again.yaml").path
        #expect(try kikitori(["codebook", "import", own, "--out", again]).status == 0)
        let back = try String(contentsOfFile: again, encoding: .utf8)
        #expect(back.contains("id: privacy\n    group: barriers\n    colour: \"#d62728\""))
        // Not XML, or not a codebook: exit 65 naming the file; nothing written.
        let broken = directory.url.appendingPathComponent("broken.qdc").path
        try Data("<CodeBook><Codes><Code name='x'>".utf8).write(to: URL(fileURLWithPath: broken))
        let refused = try kikitori(["codebook", "import", broken, "--out", directory.url.appendingPathComponent("no.yaml").path, "--lang", "en"])
        #expect(refused.status == 65 && refused.stderr.contains("broken.qdc: not a REFI-QDA codebook"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("no.yaml").path))
        // Memos, written and listed.
        let memo = try kikitori(["memo", "cost", "補助金の話は cost に含める", "--coder", "高橋", "--db", database, "--lang", "en"])
        #expect(memo.status == 0 && memo.stdout.contains("Memo recorded (cost)"))
        let listed = try kikitori(["memo", "--db", database, "--lang", "en"])
        #expect(listed.stdout.contains("cost  高橋") && listed.stdout.contains("補助金の話は cost に含める"))
        #expect(try kikitori(["memo", "nothing-here", "x", "--coder", "a", "--db", database]).status == 64)
        // A hearing's memo: in internal show and the internal memos export; never in public ones.
        let hearings = try kikitori(["hearings", "--audience", "internal", "--db", database])
        let prefix = try #require(hearings.stdout.split(separator: "\n").dropFirst(2).first?.split(separator: " ").first.map(String.init))
        #expect(try kikitori(["memo", prefix, "担当の佐々木さんが異動", "--coder", "高橋", "--db", database]).status == 0)
        #expect(try kikitori(["show", prefix, "--audience", "internal", "--db", database]).stdout.contains("✎ 高橋"))
        #expect(!(try kikitori(["show", prefix, "--db", database]).stdout.contains("佐々木")))
        let memosCSV = try kikitori(["export", "memos", "--audience", "internal", "--db", database, "--out", "-"])
        #expect(memosCSV.status == 0 && memosCSV.stdout.contains(",hearing,") && memosCSV.stdout.contains("担当の佐々木さんが異動"))
        #expect(try kikitori(["export", "memos", "--db", database, "--out", "-"]).status != 0)
        let report = directory.url.appendingPathComponent("r.html").path
        #expect(try kikitori(["report", "--audience", "internal", "--db", database, "--out", report, "--lang", "ja"]).status == 0)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("付録: コーダーのメモ（内部用）") && html.contains("補助金の話は cost に含める"))
        let publicReport = directory.url.appendingPathComponent("p.html").path
        #expect(try kikitori(["report", "--db", database, "--out", publicReport, "--lang", "ja"]).status == 0)
        #expect(!(try String(contentsOfFile: publicReport, encoding: .utf8)).contains("補助金の話"))
    }

    /// An unknown theme or answer is one clear line with a usage or no-input exit code.
    @Test func unknownThings() throws {
        let theme = try kikitori(["tag", "add", "zzzz:comments", "nonsense", "--db", database, "--lang", "en", "--coder", "高橋"])
        #expect(theme.status == 64)
        #expect(theme.stderr == "kikitori: theme 'nonsense' is not in the codebook\n")
        let answer = try kikitori(["tag", "add", "zzzz:comments", "cost", "--db", database, "--lang", "en", "--coder", "高橋"])
        #expect(answer.status == 66)
        #expect(answer.stderr == "kikitori: no hearing 'zzzz'\n")
        let nobody = try kikitori(["tag", "add", "zzzz:comments", "cost", "--db", database, "--lang", "en"])
        #expect(nobody.status == 64 && nobody.stderr.hasPrefix("kikitori: decisions are recorded with their coder"))
    }

    /// `tag gaps` groups uncoded answers by words read with MeCab; without a dictionary it says it
    /// falls back to characters, and so do `tag suggest` and `tag eval --train` about their clues.
    @Test func gapsAndSuggestionsReadWords() throws {
        _ = try kikitori(["tag", "--db", database])
        let words = try kikitori(["tag", "gaps", "--db", database, "--lang", "en", "--top", "5"])
        #expect(words.status == 0)
        #expect(words.stdout.contains("\nword ") && !words.stdout.contains("No MeCab dictionary"))
        let noDictionary = ["KIKITORI_MECAB_DIC": directory.url.path]
        let characters = try kikitori(["tag", "gaps", "--db", database, "--lang", "en", "--top", "5"], environment: noDictionary)
        #expect(characters.status == 0)
        #expect(characters.stdout.contains("No MeCab dictionary: answers are grouped by phrases of 2 to 6 characters"))
        #expect(characters.stdout.contains("\nphrase "))
        let suggest = try kikitori(["tag", "suggest", "--db", database, "--lang", "en", "--train", "corpus/real-dev.tsv"])
        #expect(suggest.status == 0 && suggest.stdout.contains("Clues: character bigrams and trigrams, and word lemmas read with MeCab"))
        let eval = try kikitori(
            ["tag", "eval", "corpus/real-heldout.tsv", "--train", "corpus/real-dev.tsv", "--lang", "en"], environment: noDictionary)
        #expect(eval.status == 0 && eval.stdout.contains("Clues: character bigrams and trigrams only (no MeCab dictionary"))
    }

    /// A theme is typed as people type it: its id in full width or capitals, or its label.
    @Test func themesAsTyped() throws {
        _ = try kikitori(["tag", "--db", database])
        let review = try kikitori(["tag", "review", "ｃｏｓｔ", "--db", database, "--lang", "en", "--coder", "sato"], input: "q\n")
        #expect(review.status == 0 && review.stdout.contains("Cost and budget"))
        let quotes = try kikitori(["quotes", "費用・予算", "--db", database, "--lang", "en"])
        #expect(quotes.status == 0, "\(quotes.stderr)")
        let unknown = try kikitori(["quotes", "costs", "--db", database, "--lang", "en"])
        #expect(unknown.status != 0 && unknown.stderr.contains("costs"))
        // --theme filters check the theme too: a misspelt one is an error, never an empty result.
        let search = try kikitori(["search", "費用", "--theme", "ＣＯＳＴ", "--db", database, "--lang", "en"])
        let byID = try kikitori(["search", "費用", "--theme", "cost", "--db", database, "--lang", "en"])
        #expect(search.status == 0 && search.stdout == byID.stdout)
        for command in [["search", "費用"], ["tag", "agreement"], ["tag", "disagreements"]] {
            let misspelt = try kikitori(command + ["--theme", "costs", "--db", database, "--lang", "en"])
            #expect(misspelt.status == unknown.status && misspelt.stderr == unknown.stderr, "\(command)")
        }
    }

    /// Arguments that do not fit together are refused before anything is opened (exit 64), in the
    /// interface language like every other message.
    @Test func argumentProblemsInTheInterfaceLanguage() throws {
        let ja = try kikitori(["tag", "suggest", "--db", database, "--threshold", "2", "--lang", "ja"])
        #expect(ja.status == 64 && ja.stderr.contains("--threshold は 0.5 から 0.999 の間にしてください"))
        let en = try kikitori(["tag", "review", "cost", "--sample", "0", "--db", database, "--lang", "en"])
        #expect(en.status == 64 && en.stderr.contains("--sample takes a positive number"))
        let export = try kikitori(["export", "answers", "--format", "qdpx", "--db", database], environment: ["LANG": "ja_JP.UTF-8"])
        #expect(export.status == 64 && export.stderr.contains("--format qdpx はプロジェクト用です"))
    }

    /// eval prints per-theme scores with micro and macro averages; explain shows the rule and the words.
    @Test func evalAndExplain() throws {
        let eval = try kikitori([
            "tag", "eval", "Tests/KikitoriTests/Fixtures/labelled-statements.tsv", "--lang", "en",
        ])
        #expect(eval.status == 0)
        #expect(eval.stdout.hasPrefix("160 statements\n"))
        #expect(eval.stdout.contains("\nmicro "))
        #expect(eval.stdout.contains("\nmacro "))
        let explain = try kikitori(["tag", "explain", "コストは問題ないが、個人情報の扱いが心配", "--lang", "en"])
        #expect(explain.stdout == """
            privacy  Privacy and personal data
              #1 個人情報 | プライバシー | 個人データ | 匿名 | 仮名加工 | 本人同意 | 顧客情報 | 会員情報 | 住民情報 | 患者情報
              コストは問題ないが、【個人情報】の扱いが心配

            """)
    }
}
