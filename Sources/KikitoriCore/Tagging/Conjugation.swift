/// The written forms of a Japanese verb or adjective in its dictionary form, for `lemma(…)` in a
/// codebook rule: 増える covers 増えた, 増えて, 増えない; 回る covers 回らない, 回って; 重い covers 重く,
/// 重かった. Rules match substrings of normalised text, so stems suffice. Written from the
/// conjugation classes (一段, 五段, サ変, 形容詞) so that matching needs no dictionary at run time;
/// a stem shorter than two characters is spelled out instead (いる must not match every い).
public enum Conjugation {
    private static let godan: [Character: String] = [
        "う": "わいうえおっ", "く": "かきくけこい", "ぐ": "がぎぐげごい", "す": "さしすせそ", "つ": "たちつてとっ",
        "ぬ": "なにぬねのん", "ぶ": "ばびぶべぼん", "む": "まみむめもん", "る": "らりるれろっ",
    ]
    private static let eiRow: Set<Character> = Set("えけげせぜてでねへべぺめれいきぎしじちぢにひびぴみり")

    public static func forms(of lemma: String) -> [String] {
        var forms: [String] = []
        if lemma.hasSuffix("する"), lemma.count > 2 {
            forms.append(String(lemma.dropLast(2)))
        } else if lemma.hasSuffix("い"), lemma.count >= 2, !lemma.hasSuffix("るい") || lemma.count > 2 {
            let stem = String(lemma.dropLast())
            forms += ["い", "く", "かっ", "けれ", "さ", "そう"].map { stem + $0 }
        }
        if let last = lemma.last, let row = godan[last], lemma.count >= 2 {
            let stem = String(lemma.dropLast())
            if last == "る", let before = stem.last, eiRow.contains(before) {
                // 一段 (増える → 増え…); 帰る and 走る are 五段 all the same: both are kept.
                forms += stem.count >= 2 ? [stem] : ["た", "て", "ない", "ます", "る"].map { stem + $0 }
            }
            forms += row.map { stem + String($0) }
        }
        forms.append(lemma)
        var seen = Set<String>()
        return forms.filter { $0.count >= 2 && seen.insert($0).inserted }
    }
}
