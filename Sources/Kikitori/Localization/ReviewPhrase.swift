import KikitoriCore

/// The words of the review tables (themes, differences, co-occurrence, answers), search results and
/// tagging summaries as a terminal shows them.
public enum ReviewPhrase: Sendable {
    case columnTheme, columnTotal, columnBoth, columnChoice, columnCount
    case unitHearings, unitAnswers
    case unitNote(unit: String)
    case smallCellsMarked(minCell: Int)
    case differs
    case fisherNote
    case smallGroupCaution
    case confirmed
    case onlyIn([String])
    /// A question of a repeat group, its instances counted together.
    case pooledInstances(Int, example: String)
    case answeredSummary(answered: Int, dontKnow: String, refused: String)
    case searchNothing(query: String)
    case searchHeader(query: String, total: Int, shown: Int)
    case note
    case tagScopeAll, tagScopeNew
    case tagSummary(dryRun: Bool, codebook: String, scope: String, scanned: Int, text: Int, seconds: String)
    case untagged(count: Int, total: Int, share: String)
    case statements(Int)
    case layerRules, layerSuggestions, layerBoth
    case suggestSummary(files: Int, decisions: Int, answers: Int, fingerprint: String, threshold: String)
    case suggestNext, includesSuggested
    case columnPhrase, columnExample
    case definitionExcludes(String), definitionExamples([String])
    case modelTrained(examples: Int, fingerprint: String, threshold: Double)
    case modelFeatures(lemmas: Bool), gapsByCharacters
    /// `answers --change`: a question's answers in each follow-up beside the hearing it follows.
    case columnBefore, columnAfter
    case followUpsCompared(pairs: Int, unchanged: Int?)
    case followUpsTooFew(minCell: Int)
    case noFollowUps(String)

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .columnTheme: return ja ? "テーマ" : "theme"
        case .columnTotal: return ja ? "計" : "total"
        case .columnBoth: return ja ? "同時" : "both"
        case .columnChoice: return ja ? "選択肢" : "choice"
        case .columnBefore: return ja ? "前回" : "last time"
        case .columnAfter: return ja ? "今回" : "this time"
        case .followUpsCompared(let pairs, let unchanged):
            let same = unchanged.map { ja ? "、うち前回と同じ回答 \($0) 件" : ", \($0) of them with the same answer" } ?? ""
            return ja ? "前回と比べた続きのヒアリング: \(pairs) 件\(same)。" : "Follow-up hearings compared with the hearing each follows: \(pairs)\(same)."
        case .followUpsTooFew(let minCell):
            return ja ? "続きのヒアリングが \(minCell) 件未満のため、公開用には示しません。" : "Fewer than \(minCell) follow-up hearings: not shown in public output."
        case .noFollowUps(let question):
            return ja ? "\(question) を聞いた続きのヒアリングはありません（interview --follow-up で始めたもの）。"
                : "No follow-up hearings asked \(question) (those started with interview --follow-up)."
        case .columnCount: return ja ? "件数" : "count"
        case .unitHearings: return ja ? "ヒアリング数" : "hearings"
        case .unitAnswers: return ja ? "回答数" : "answers"
        case .unitNote(let unit): return ja ? "単位: \(unit)（テーマに該当した数と割合）。" : "Unit: \(unit) raising each theme, with shares. "
        case .smallCellsMarked(let k): return ja ? "\(k) 未満のセルに * を付けています。" : "Cells under \(k) are marked *."
        case .differs: return ja ? "差あり" : "differs"
        case .fisherNote:
            return ja
                ? "Fisher の正確確率検定（両側）。p < 0.05 に「差あり」。ヒアリング数が少ないため目安として読んでください。"
                : "Fisher's exact test, two-sided; 'differs' at p < 0.05. Hearings are few: read it as a screening figure."
        case .smallGroupCaution:
            return ja ? "注意: 5 件未満のグループがあり、検定はほぼ意味を持ちません。" : "Caution: a group has fewer than 5 hearings; the test can hardly say anything."
        case .confirmed: return ja ? "（確認済み）" : " (confirmed)"
        case .pooledInstances(let count, let example):
            return ja
                ? "繰り返しグループの \(count) 項目分を合算（1 項目だけなら answers \(example)）"
                : "its repeat group's \(count) instances counted together (one instance: answers \(example))"
        case .onlyIn(let versions):
            return ja ? "（\(versions.joined(separator: "、")) のみ）" : "(only in \(versions.joined(separator: ", ")))"
        case .answeredSummary(let answered, let dontKnow, let refused):
            return ja ? "回答 \(answered)、わからない \(dontKnow)、回答拒否 \(refused)" : "answered \(answered), don't know \(dontKnow), refused \(refused)"
        case .searchNothing(let query): return ja ? "「\(query)」は見つかりませんでした。" : "No answers or notes contain '\(query)'."
        case .searchHeader(let query, let total, let shown):
            return ja
                ? "「\(query)」: \(total) 件\(total > shown ? "（最初の \(shown) 件を表示）" : "")"
                : "'\(query)': \(total) match\(total == 1 ? "" : "es")\(total > shown ? " (showing the first \(shown))" : "")"
        case .note: return ja ? "メモ" : "note"
        case .tagScopeAll: return ja ? "全回答" : "all answers"
        case .tagScopeNew: return ja ? "新しい回答" : "new answers"
        case .tagSummary(let dryRun, let codebook, let scope, let scanned, let text, let seconds):
            return ja
                ? "\(dryRun ? "試行（書き込みなし）" : "タグ付け"): \(codebook)、\(scope) \(scanned) 件（文章 \(text) 件）、\(seconds) 秒"
                : "\(dryRun ? "Dry run (nothing written)" : "Tagged") with \(codebook): \(scanned) \(scope) (\(text) text), \(seconds) s"
        case .untagged(let count, let total, let share):
            return ja ? "テーマのない文章回答: \(count) / \(total)（\(share)%）" : "Text answers with no theme: \(count) of \(total) (\(share)%)"
        case .statements(let count): return ja ? "\(count) 文で評価" : "\(count) statements"
        case .suggestSummary(let files, let decisions, let answers, let fingerprint, let threshold):
            return ja
                ? "提案モデルを学習しました（ファイル \(files) 例、この DB の判断 \(decisions) 例、指紋 \(fingerprint)）。テキスト回答 \(answers) 件に、確率 \(threshold) 以上のテーマを提案:"
                : "Trained the suggestion model (\(files) examples from files, \(decisions) from decisions here; fingerprint \(fingerprint)). Themes suggested at probability \(threshold) or more on \(answers) text answers:"
        case .suggestNext:
            return ja
                ? "提案は確認されるまで集計しません。kikitori tag review <テーマ> で確率の高い順に確認できます。"
                : "Suggestions are not counted until a person confirms them: kikitori tag review <theme> shows them first, most likely first."
        case .includesSuggested:
            return ja
                ? "未確認の提案（学習モデルによる）も数えています（--include suggested）。"
                : "Unconfirmed suggestions of the learned model are counted too (--include suggested)."
        case .definitionExcludes(let text): return ja ? "含めないもの: \(text)" : "Does not count: \(text)"
        case .definitionExamples(let examples):
            return (ja ? "例: " : "Examples: ") + examples.map { ja ? "「\($0)」" : "'\($0)'" }.joined(separator: ja ? "" : ", ")
        case .columnPhrase: return ja ? "語句" : "phrase"
        case .columnExample: return ja ? "例" : "example"
        case .layerRules: return ja ? "ルール" : "rules"
        case .layerSuggestions: return ja ? "提案（学習モデル）" : "suggestions (learned model)"
        case .layerBoth: return ja ? "両方（どちらかが付けたもの）" : "both (either layer)"
        case .modelTrained(let examples, let fingerprint, let threshold):
            let p = String(format: "%g", threshold)
            return ja
                ? "学習モデル: \(examples) 例で学習（指紋 \(fingerprint)）、確率 \(p) 以上を提案"
                : "Learned model: trained on \(examples) examples (fingerprint \(fingerprint)); suggests at probability \(p) or more"
        case .gapsByCharacters:
            return ja
                ? "MeCab の辞書がないため、語ではなく 2〜6 字の文字の並びでまとめています。"
                : "No MeCab dictionary: answers are grouped by phrases of 2 to 6 characters, not by words."
        case .modelFeatures(let lemmas):
            return lemmas
                ? (ja ? "手がかり: 2〜3 字の文字の並びと、MeCab で読んだ語の基本形" : "Clues: character bigrams and trigrams, and word lemmas read with MeCab")
                : (ja
                    ? "手がかり: 2〜3 字の文字の並びだけ（MeCab の辞書がないため、語の基本形は使っていません）"
                    : "Clues: character bigrams and trigrams only (no MeCab dictionary, so no word lemmas)")
        }
    }
}

/// A review asked for something the data does not have.
public enum ReviewProblem: Error, Equatable, Sendable {
    /// `--compare` named a group the table has not (a misspelt region, a kind code).
    case unknownGroup(String, known: [String])

    public func text(_ language: Language) -> String {
        switch self {
        case .unknownGroup(let group, let known):
            let list = known.map { $0.isEmpty ? "—" : $0 }.joined(separator: ", ")
            return language == .ja ? "グループ '\(group)' はありません。あるもの: \(list)" : "no group '\(group)'; the groups are: \(list)"
        }
    }
}
