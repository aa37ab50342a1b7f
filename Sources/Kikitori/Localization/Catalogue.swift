import KikitoriCore
import KikitoriStore
/// The one place where Kikitori's own words live, in Japanese and English.
///
/// Messages are typed values (``InputProblem``, ``Phrase``, …); each is rendered here and nowhere
/// else, so a translator reads one folder and no literal hides in the commands.
public enum Catalogue {
    static func warningPrefix(_ language: Language) -> String {
        language == .ja ? "警告: " : "warning: "
    }

    /// Between the parts of an attribution: 「民間企業・運輸」 / "firm, transport".
    public static func listSeparator(_ language: Language) -> String {
        language == .ja ? "・" : ", "
    }

    /// Between several chosen answers in one cell: 「費用、人材」 / "cost; staffing".
    public static func choiceSeparator(_ language: Language) -> String {
        language == .ja ? "、" : "; "
    }

    /// Between items of a list read aloud: 「費用、人材」 / "cost, staffing".
    public static func enumerationSeparator(_ language: Language) -> String {
        language == .ja ? "、" : ", "
    }

    /// A word quoted in a sentence: 「費用」 / "cost".
    public static func quoted(_ text: String, _ language: Language) -> String {
        language == .ja ? "「\(text)」" : "\"\(text)\""
    }

    /// Between sentences: none in Japanese, a space in English.
    public static func sentenceSeparator(_ language: Language) -> String {
        language == .ja ? "" : " "
    }

    /// "a, b and c" / "a、b、c".
    public static func list(_ items: [String], _ language: Language) -> String {
        switch language {
        case .ja: return items.joined(separator: "、")
        case .en:
            guard items.count > 1, let last = items.last else { return items.first ?? "" }
            return items.dropLast().joined(separator: ", ") + " and " + last
        }
    }
}

extension Diagnostic {
    /// The one-line message, in the compiler style editors understand.
    public func message(_ language: Language) -> String {
        var text = "\(path):\(line):\(column): "
        if severity == .warning { text += Catalogue.warningPrefix(language) }
        if let subject { text += subject.text(language) + ": " }
        return text + problem.text(language)
    }
}

extension DiagnosticSubject {
    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.section(let id), .en): return "section '\(id)'"
        case (.section(let id), .ja): return "セクション '\(id)'"
        case (.question(let id), .en): return "question '\(id)'"
        case (.question(let id), .ja): return "質問 '\(id)'"
        case (.choiceList(let name), .en): return "choice list '\(name)'"
        case (.choiceList(let name), .ja): return "選択肢リスト '\(name)'"
        case (.choice(let list, let value), .en): return "choice '\(value)' of '\(list)'"
        case (.choice(let list, let value), .ja): return "選択肢 '\(list)' の '\(value)'"
        case (.theme(let id), .en): return "theme '\(id)'"
        case (.theme(let id), .ja): return "テーマ '\(id)'"
        }
    }
}

extension InputProblem {
    public func text(_ language: Language) -> String {
        language == .ja ? japanese : english
    }

    private var english: String {
        switch self {
        case .unreadable(let reason): return "cannot read the file: \(reason)"
        case .fileTooLarge(let bytes, let limit):
            return "the file is too large (\(bytes) bytes; the limit is \(limit) bytes)"
        case .notUTF8: return "the file is not valid UTF-8; save it as UTF-8"
        case .yamlSyntax(let problem): return "YAML syntax error: \(problem)"
        case .emptyDocument: return "the file is empty"
        case .aliasNotSupported: return "YAML anchors and aliases are not supported; write the value out"
        case .duplicateKey(let key): return "key '\(key)' appears more than once"
        case .expectedMapping(let field): return "'\(field)' must be a mapping (key: value)"
        case .expectedSequence(let field): return "'\(field)' must be a list"
        case .expectedScalar(let field): return "'\(field)' must be a single value"
        case .missingField(let field): return "missing required field '\(field)'"
        case .unknownField(let field, let suggestion):
            return "unknown field '\(field)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .emptyList(let field): return "'\(field)' must not be empty"
        case .invalidBoolean(let field, let value): return "'\(field)' must be true or false, not '\(value)'"
        case .invalidInteger(let field, let value): return "'\(field)' must be a whole number, not '\(value)'"
        case .notRegularFile: return "not a regular file (FIFOs and devices are not read)"
        case .tooManyRules(let count, let limit):
            return "a theme has at most \(limit) rules (this one has \(count)); join rules with | or split the theme"
        case .integerOutOfRange(let field, let value, let range):
            return "'\(field)' must be from \(range.lowerBound) to \(range.upperBound), not \(value)"
        case .invalidIdentifier(let field, let value):
            return "'\(field)' must be snake_case (a-z, 0-9, _; starting with a letter), not '\(value)'"
        case .invalidQuestionnaireID(let value):
            return "'id' must be lower-case letters, digits, '-' or '_' (starting with a letter), not '\(value)'"
        case .duplicateIdentifier(let kind, let id, let firstLine):
            return "\(kind) id '\(id)' is already used on line \(firstLine)"
        case .invalidVersion(let value): return "'version' must be a positive whole number, not '\(value)'"
        case .fileNameMismatch(let expected, let found):
            return "the file should be named '\(expected)' to match its id and version (found '\(found)')"
        case .unknownLanguage(let value): return "unknown language '\(value)'; use ja or en"
        case .defaultLanguageNotDeclared(let value): return "default_language '\(value)' is not among 'languages'"
        case .unknownAudience(let value):
            return "unknown audience '\(value)'; use private_firm, municipality_head, municipal_staff or other"
        case .missingTranslation(let field, let language): return "'\(field)' has no text in '\(language)'"
        case .textInUndeclaredLanguage(let field, let language):
            return "'\(field)' has text in '\(language)', which is not among 'languages'"
        case .unknownType(let value):
            return "unknown type '\(value)'; use text, integer, decimal, date, yes_no, select_one <list>, "
                + "select_multiple <list>, scale, note or calculate"
        case .unknownChoiceList(let name): return "choice list '\(name)' is not defined under 'choice_lists'"
        case .unusedChoiceList(let name): return "choice list '\(name)' is not used by any question"
        case .unknownRegister(let name, let suggestion):
            let names = ChoiceRegister.allCases.map(\.rawValue).joined(separator: ", ")
            return "no register '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; use one of \(names)")
        case .choicesFromNeedsBareSelect(let type):
            return "with 'choices_from', write the type as plain 'select_one' or 'select_multiple', not '\(type)'"
        case .registerNameTaken(let name):
            return "'choice_lists' already has a list '\(name)'; 'choices_from: \(name)' would take the register's place"
        case .unreadChoiceField(let field, let list):
            return "the choices of list '\(list)' carry a field '\(field)' that no choice_filter reads (a misspelt key?)"
        case .fieldNotForType(let field, let type): return "'\(field)' does not apply to a question of type '\(type)'"
        case .scaleMissing: return "a scale question needs 'scale: {min: …, max: …}'"
        case .invalidScaleRange(let min, let max):
            return "scale min (\(min)) must be less than max (\(max)), at most \(Scale.maximumSteps) steps apart"
        case .noteCannotBeRequired: return "a note is shown, not answered, so it cannot be required"
        case .constraintMessageWithoutConstraint: return "'constraint_message' is given but there is no 'constraint'"
        case .noQuestions: return "the questionnaire has no questions"
        case .repeatNotClosed(let id): return "repeat group '\(id)' has no 'type: end_repeat' before the section ends"
        case .endRepeatWithoutBegin: return "'type: end_repeat' closes no repeat group"
        case .nestedRepeat(let id): return "repeat group '\(id)' starts inside another; repeat groups cannot be nested"
        case .emptyRepeat(let id): return "repeat group '\(id)' has no questions"
        case .repeatForNotMultiple(let name):
            return "'repeat_for' must name a select_multiple question asked before the group, not '\(name)'"
        case .repeatSourceConflict: return "give 'repeat_for' or 'repeat_count', not both"
        case .repeatCountReference(let name): return "'repeat_count' reads '\(name)', which is not a question asked before the group"
        case .unknownTheme(let theme): return "theme '\(theme)' is not in the codebook"
        case .expressionSyntax(let problem): return problem.text(.en)
        case .expression(let problem): return problem.text(.en)
        case .ruleSyntax(let problem): return problem.text(.en)
        case .unknownThemeReference(let id): return "'@\(id)' refers to no theme of this codebook"
        case .themeCycle(let ids): return "themes refer to each other in a circle: \(ids.joined(separator: " → "))"
        case .ruleNeedsEvidence: return "the rule would match answers that contain none of its keywords; add a keyword with '&'"
        case .invalidColour(let value): return "colour must be written #rrggbb, not '\(value)'"
        case .unknownGroup(let id): return "group '\(id)' is not defined under 'groups'"
        }
    }

    private var japanese: String {
        switch self {
        case .unreadable(let reason): return "ファイルを読めません: \(reason)"
        case .fileTooLarge(let bytes, let limit): return "ファイルが大きすぎます（\(bytes) バイト。上限は \(limit) バイト）"
        case .notUTF8: return "ファイルが UTF-8 ではありません。UTF-8 で保存してください"
        case .yamlSyntax(let problem): return "YAML の構文エラー: \(problem)"
        case .emptyDocument: return "ファイルが空です"
        case .aliasNotSupported: return "YAML のアンカーとエイリアスは使えません。値をそのまま書いてください"
        case .duplicateKey(let key): return "キー '\(key)' が重複しています"
        case .expectedMapping(let field): return "'\(field)' はマッピング（キー: 値）で書いてください"
        case .expectedSequence(let field): return "'\(field)' はリストで書いてください"
        case .expectedScalar(let field): return "'\(field)' は単一の値で書いてください"
        case .missingField(let field): return "必須の項目 '\(field)' がありません"
        case .unknownField(let field, let suggestion):
            return "不明な項目 '\(field)'" + (suggestion.map { "（'\($0)' の誤りですか？）" } ?? "")
        case .emptyList(let field): return "'\(field)' が空です"
        case .invalidBoolean(let field, let value): return "'\(field)' は true か false です（'\(value)' は不可）"
        case .invalidInteger(let field, let value): return "'\(field)' は整数です（'\(value)' は不可）"
        case .notRegularFile: return "通常のファイルではありません（FIFO やデバイスは読みません）"
        case .tooManyRules(let count, let limit):
            return "1 つのテーマのルールは \(limit) 個までです（\(count) 個あります）。| でまとめるかテーマを分けてください"
        case .integerOutOfRange(let field, let value, let range):
            return "'\(field)' は \(range.lowerBound) から \(range.upperBound) までです（\(value) は不可）"
        case .invalidIdentifier(let field, let value):
            return "'\(field)' は英小文字で始まる snake_case（a-z, 0-9, _）です（'\(value)' は不可）"
        case .invalidQuestionnaireID(let value):
            return "'id' は英小文字で始まり、英小文字・数字・'-'・'_' だけを使います（'\(value)' は不可）"
        case .duplicateIdentifier(let kind, let id, let firstLine):
            return "\(Self.japaneseKind(kind)) id '\(id)' は \(firstLine) 行目で既に使われています"
        case .invalidVersion(let value): return "'version' は正の整数です（'\(value)' は不可）"
        case .fileNameMismatch(let expected, let found):
            return "id と version に合わせてファイル名を '\(expected)' にしてください（現在は '\(found)'）"
        case .unknownLanguage(let value): return "不明な言語 '\(value)'。ja か en を使ってください"
        case .defaultLanguageNotDeclared(let value): return "default_language '\(value)' が 'languages' にありません"
        case .unknownAudience(let value):
            return "不明な対象 '\(value)'。private_firm、municipality_head、municipal_staff、other のいずれかです"
        case .missingTranslation(let field, let language): return "'\(field)' に '\(language)' の文言がありません"
        case .textInUndeclaredLanguage(let field, let language):
            return "'\(field)' に 'languages' にない言語 '\(language)' の文言があります"
        case .unknownType(let value):
            return "不明な型 '\(value)'。text、integer、decimal、date、yes_no、select_one <リスト>、"
                + "select_multiple <リスト>、scale、note、calculate のいずれかです"
        case .unknownChoiceList(let name): return "選択肢リスト '\(name)' が 'choice_lists' に定義されていません"
        case .unusedChoiceList(let name): return "選択肢リスト '\(name)' はどの質問にも使われていません"
        case .unknownRegister(let name, let suggestion):
            let names = ChoiceRegister.allCases.map(\.rawValue).joined(separator: "、")
            return "名簿 '\(name)' はありません" + (suggestion.map { "。'\($0)' ではありませんか" } ?? "。\(names) のいずれかです")
        case .choicesFromNeedsBareSelect(let type):
            return "'choices_from' を使うときは、型を 'select_one' か 'select_multiple' だけで書きます（'\(type)' は不可）"
        case .registerNameTaken(let name):
            return "'choice_lists' にすでにリスト '\(name)' があり、'choices_from: \(name)' の名簿と重なります"
        case .unreadChoiceField(let field, let list):
            return "選択肢リスト '\(list)' の項目 '\(field)' はどの choice_filter にも使われていません（キーの書き誤り？）"
        case .fieldNotForType(let field, let type): return "'\(field)' は型 '\(type)' の質問には使えません"
        case .scaleMissing: return "scale の質問には 'scale: {min: …, max: …}' が必要です"
        case .invalidScaleRange(let min, let max):
            return "scale の min（\(min)）は max（\(max)）より小さく、差は \(Scale.maximumSteps) 以内にしてください"
        case .noteCannotBeRequired: return "note は表示するだけで回答しないため、必須にできません"
        case .constraintMessageWithoutConstraint: return "'constraint' がないのに 'constraint_message' があります"
        case .noQuestions: return "質問が一つもありません"
        case .repeatNotClosed(let id): return "繰り返しグループ '\(id)' が閉じられないままセクションが終わっています（type: end_repeat がありません）"
        case .endRepeatWithoutBegin: return "type: end_repeat に対応する begin_repeat がありません"
        case .nestedRepeat(let id): return "繰り返しグループ '\(id)' が別の繰り返しの中で始まっています。入れ子にはできません"
        case .emptyRepeat(let id): return "繰り返しグループ '\(id)' に質問がありません"
        case .repeatForNotMultiple(let name): return "repeat_for にはグループより前の select_multiple の質問を指定してください（'\(name)' は該当しません）"
        case .repeatSourceConflict: return "repeat_for と repeat_count はどちらか一方だけ指定してください"
        case .repeatCountReference(let name): return "repeat_count が読む '\(name)' は、グループより前の質問ではありません"
        case .unknownTheme(let theme): return "テーマ '\(theme)' がコードブックにありません"
        case .expressionSyntax(let problem): return problem.text(.ja)
        case .expression(let problem): return problem.text(.ja)
        case .ruleSyntax(let problem): return problem.text(.ja)
        case .unknownThemeReference(let id): return "'@\(id)' というテーマはこのコードブックにありません"
        case .themeCycle(let ids): return "テーマが循環して参照しています: \(ids.joined(separator: " → "))"
        case .ruleNeedsEvidence: return "このルールはキーワードを含まない回答にも当たります。'&' でキーワードを加えてください"
        case .invalidColour(let value): return "colour は #rrggbb の形で書きます（'\(value)' は不可）"
        case .unknownGroup(let id): return "グループ '\(id)' が 'groups' に定義されていません"
        }
    }

    private static func japaneseKind(_ kind: String) -> String {
        switch kind {
        case "question": return "質問"
        case "section": return "セクション"
        case "choice list": return "選択肢リスト"
        case "choice": return "選択肢"
        case "theme": return "テーマ"
        default: return kind
        }
    }
}

extension ExpressionSyntaxError.Problem {
    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.unexpectedCharacter(let c), .en): return "unexpected character '\(c)' in expression"
        case (.unexpectedCharacter(let c), .ja): return "式に予期しない文字 '\(c)' があります"
        case (.unterminatedString, .en): return "a quoted string in the expression is not closed"
        case (.unterminatedString, .ja): return "式の引用符が閉じていません"
        case (.unterminatedReference, .en): return "'${' is not closed with '}'"
        case (.unterminatedReference, .ja): return "'${' が '}' で閉じていません"
        case (.invalidReferenceName(let name), .en): return "'${\(name)}' does not name a question (use snake_case ids)"
        case (.invalidReferenceName(let name), .ja): return "'${\(name)}' は質問 id ではありません（snake_case で書きます）"
        case (.invalidNumber(let text), .en): return "'\(text)' is not a number"
        case (.invalidNumber(let text), .ja): return "'\(text)' は数値ではありません"
        case (.unexpectedToken(let token), .en): return "unexpected '\(token)' in expression"
        case (.unexpectedToken(let token), .ja): return "式の '\(token)' の位置が正しくありません"
        case (.unexpectedEnd, .en): return "the expression ends too early"
        case (.unexpectedEnd, .ja): return "式が途中で終わっています"
        case (.expected(let token), .en): return "expected '\(token)' in expression"
        case (.expected(let token), .ja): return "式に '\(token)' が必要です"
        case (.unknownFunction(let name), .en):
            return "unknown function '\(name)'; use not(), selected(), count-selected(), string-length(), if(), concat(), round() or coalesce()"
        case (.unknownFunction(let name), .ja):
            return "不明な関数 '\(name)'。not()、selected()、count-selected()、string-length()、if()、concat()、round()、coalesce() が使えます"
        case (.wrongArgumentCount(let name, let expected, let found), .en):
            let count = expected.count == 1 ? "\(expected.lowerBound)" : "\(expected.lowerBound) to \(expected.upperBound)"
            return "\(name)() takes \(count) argument\(expected == 1...1 ? "" : "s"), not \(found)"
        case (.wrongArgumentCount(let name, let expected, let found), .ja):
            let count = expected.count == 1 ? "\(expected.lowerBound)" : "\(expected.lowerBound)〜\(expected.upperBound)"
            return "\(name)() の引数は \(count) 個です（\(found) 個あります）"
        case (.chainedComparison(let first, let second), .en):
            return "comparisons cannot be chained ('\(first)' then '\(second)'); join them with 'and'"
        case (.chainedComparison(let first, let second), .ja):
            return "比較（'\(first)' と '\(second)'）は連ねられません。'and' でつないでください"
        case (.tooDeep(let limit), .en): return "the expression nests more than \(limit) levels deep"
        case (.tooDeep(let limit), .ja): return "式の入れ子が \(limit) 段を超えています"
        }
    }
}

extension ExpressionProblem {
    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.unknownQuestion(let name), .en): return "'${\(name)}' refers to no question of this questionnaire"
        case (.unknownQuestion(let name), .ja): return "'${\(name)}' という質問はこの調査票にありません"
        case (.laterQuestion(let name), .en): return "'${\(name)}' refers to a question that comes later"
        case (.laterQuestion(let name), .ja): return "'${\(name)}' は後にある質問を参照しています"
        case (.selfReference(let name), .en): return "'${\(name)}' refers to the question itself; use '.' in a constraint"
        case (.selfReference(let name), .ja): return "'${\(name)}' は自分自身を参照しています。constraint では '.' を使います"
        case (.referencesNote(let name), .en): return "'${\(name)}' is a note, which has no answer"
        case (.referencesNote(let name), .ja): return "'${\(name)}' は note で、回答がありません"
        case (.currentOutsideConstraint(let role), .en): return "'.' can only be used in a constraint, not in '\(role)'"
        case (.currentOutsideConstraint(let role), .ja): return "'.' は constraint でだけ使えます（'\(role)' では不可）"
        case (.notBoolean(let found), .en): return "the expression must be a condition, but it is a \(found)"
        case (.notBoolean(let found), .ja): return "式は条件（真偽）である必要がありますが、\(found) です"
        case (.cannotCompare(let a, let b), .en): return "cannot compare \(a) with \(b)"
        case (.cannotCompare(let a, let b), .ja): return "\(a) と \(b) は比較できません"
        case (.compareMultiple, .en): return "a select_multiple answer cannot be compared; use selected() or count-selected()"
        case (.compareMultiple, .ja): return "select_multiple の回答は比較できません。selected() か count-selected() を使います"
        case (.orderingNotSupported(let op, let type), .en): return "'\(op)' does not apply to \(type); use = or !="
        case (.orderingNotSupported(let op, let type), .ja): return "'\(op)' は \(type) には使えません。= か != を使います"
        case (.unknownChoice(let value, let list), .en): return "'\(value)' is not a value of choice list '\(list)'"
        case (.unknownChoice(let value, let list), .ja): return "'\(value)' は選択肢リスト '\(list)' の値ではありません"
        case (.selectedNeedsSelect(let found), .en): return "selected() needs a select question, not a \(found)"
        case (.selectedNeedsSelect(let found), .ja): return "selected() には選択式の質問が必要です（\(found) は不可）"
        case (.selectedNeedsLiteral, .en): return "the second argument of selected() must be a quoted choice value"
        case (.selectedNeedsLiteral, .ja): return "selected() の第 2 引数は引用符で囲んだ選択肢の値です"
        case (.countSelectedNeedsMultiple(let found), .en): return "count-selected() needs a select_multiple question, not a \(found)"
        case (.countSelectedNeedsMultiple(let found), .ja): return "count-selected() には select_multiple の質問が必要です（\(found) は不可）"
        case (.stringLengthNeedsText(let found), .en): return "string-length() needs text, not a \(found)"
        case (.stringLengthNeedsText(let found), .ja): return "string-length() には text が必要です（\(found) は不可）"
        case (.invalidDateLiteral(let text), .en): return "'\(text)' is not a date; write YYYY-MM-DD"
        case (.invalidDateLiteral(let text), .ja): return "'\(text)' は日付ではありません。YYYY-MM-DD で書きます"
        case (.arithmeticNeedsNumbers(let op, let found), .en): return "'\(op)' needs numbers, not a \(found)"
        case (.arithmeticNeedsNumbers(let op, let found), .ja): return "'\(op)' には数値が必要です（\(found) は不可）"
        case (.functionNeedsNumber(let name, let found), .en): return "\(name)() needs a number, not a \(found)"
        case (.functionNeedsNumber(let name, let found), .ja): return "\(name)() には数値が必要です（\(found) は不可）"
        case (.branchesDiffer(let name, let a, let b), .en): return "the values of \(name)() must be of one type, not \(a) and \(b)"
        case (.branchesDiffer(let name, let a, let b), .ja): return "\(name)() の値は同じ型にします（\(a) と \(b) は不可）"
        case (.choiceFieldOutsideFilter(let name), .en):
            return "'\(name)' names a choice's field, which only a choice_filter can read; a question is written ${\(name)}"
        case (.choiceFieldOutsideFilter(let name), .ja):
            return "'\(name)' は選択肢の項目名で、choice_filter でだけ使えます。質問は ${\(name)} と書きます"
        case (.unknownChoiceField(let name, let list), .en): return "the choices of list '\(list)' have no field '\(name)'"
        case (.unknownChoiceField(let name, let list), .ja): return "選択肢リスト '\(list)' の選択肢に項目 '\(name)' はありません"
        }
    }
}

extension RuleSyntaxError.Problem {
    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .empty: return ja ? "ルールが空です" : "the rule is empty"
        case .unexpected(let c): return ja ? "ルールの '\(c)' の位置が正しくありません" : "unexpected '\(c)' in rule"
        case .unexpectedEnd: return ja ? "ルールが途中で終わっています" : "the rule ends too early"
        case .unclosed(let c, _): return ja ? "'\(c)' で閉じていません" : "expected '\(c)' to close"
        case .unterminatedRegex: return ja ? "正規表現が '/' で閉じていません" : "the regular expression is not closed with '/'"
        case .invalidRegex(let pattern): return ja ? "正規表現 '\(pattern)' が不正です" : "invalid regular expression '\(pattern)'"
        case .unsafeRegex(let pattern, .nestedQuantifier):
            return ja
                ? "正規表現 '\(pattern)' は繰り返しの中に繰り返しがあり、1 つの回答の照合に何時間もかかることがあります。内側か外側の繰り返しを外してください"
                : "regular expression '\(pattern)' repeats a group that itself repeats, which can take hours on one answer; remove one of the repetitions"
        case .unsafeRegex(let pattern, .backReference):
            return ja
                ? "正規表現 '\(pattern)' の後方参照（\\1 など）は照合時間が爆発しうるため使えません"
                : "regular expression '\(pattern)' uses a back-reference (\\1 …), whose matching time can explode; it is not allowed"
        case .unterminatedQuote: return ja ? "引用符が閉じていません" : "a quoted keyword is not closed"
        case .emptyKeyword: return ja ? "キーワードが空です" : "empty keyword"
        case .emptyThemeReference: return ja ? "'@' の後にテーマ id がありません" : "'@' must be followed by a theme id"
        case .windowArgument(let name): return ja ? "\(name)() の引数はキーワード（'|' で並べたものも可）です" : "the arguments of \(name)() must be keywords (or keywords joined by '|')"
        case .windowArity(let name): return ja ? "\(name)() には 2 つ以上の引数が必要です" : "\(name)() needs at least two arguments"
        case .windowSize(let name): return ja ? "\(name)(…) の後に [文字数]（1〜1000）が必要です" : "\(name)(…) must be followed by [characters] (1 to 1000)"
        case .tooDeep(let limit): return ja ? "ルールの入れ子が \(limit) 段を超えています" : "the rule nests more than \(limit) levels deep"
        }
    }
}
