import KikitoriCore
import KikitoriStore
/// The spellings under which a respondent may turn up in someone's words, as folded patterns.
///
/// An organisation is looked for whole and as its core name without corporate forms (株式会社, (株),
/// ㈱, 有限会社, 一般社団法人, Inc. … before or after, in kanji or in kana), so 「サンプル社」,
/// 「(株)サンプル」 and 「ｻﾝﾌﾟﾙ」 all meet a registered 「株式会社サンプル」. A municipality is also looked
/// for without 役場/役所 (not without 市/町/村: 「日高」 is also a subprefecture). A person is looked for whole and by surname and given
/// name alone when each is two characters or more; honorifics around them are left as they are.
enum NameVariants {
    /// Corporate and legal forms, folded (NFKC lower case, no spaces, katakana).
    static let corporateForms: [[UInt8]] = (CorporateForms.legal + CorporateForms.group)
        .map { FoldedText.fold($0) }.sorted { $0.count > $1.count }

    /// Words for a line of business that people drop when they shorten a name: 「ミナミカゼ物流」 is
    /// 「ミナミカゼ」 in conversation.
    static let businessWords: [[UInt8]] = [
        "物流", "運輸", "運送", "商事", "商会", "商店", "建設", "工業", "産業", "工務店", "水産", "農園", "牧場", "観光", "開発",
        "システム", "システムズ", "ソリューションズ", "テクノロジー", "データ", "電機", "電気", "製作所", "食品", "不動産", "ホテル",
        "銀行", "信用金庫", "交通", "バス", "タクシー", "エネルギー", "ガス", "通信", "放送", "新聞", "印刷", "薬品", "病院", "医院",
    ].map { FoldedText.fold($0) }.sorted { $0.count > $1.count }

    static let municipalOffices: [[UInt8]] = ["役場", "役所", "庁"].map { FoldedText.fold($0) }

    /// Shortest name part worth masking: a single character would mask ordinary words.
    static let shortest = 2

    static func organisation(_ name: String, municipal: Bool) -> [[UInt8]] {
        let whole = FoldedText.fold(name)
        var variants = [whole]
        var core = whole
        var changed = true
        while changed {
            changed = false
            for form in corporateForms where core.count > form.count {
                if core.starts(with: form) {
                    core.removeFirst(form.count)
                    changed = true
                } else if core.suffix(form.count).elementsEqual(form) {
                    core.removeLast(form.count)
                    changed = true
                }
                while let last = core.last, last == UInt8(ascii: ",") || last == UInt8(ascii: ".") { core.removeLast() }
            }
        }
        variants.append(core)
        // The brand alone: only when what is left is katakana or Latin of three characters or
        // more (a kanji remainder is usually a place: 「札幌」 of 「札幌システム」 must stay readable).
        for word in businessWords where core.count > word.count && core.suffix(word.count).elementsEqual(word) {
            let brand = Array(core.dropLast(word.count))
            let text = String(decoding: brand, as: UTF8.self)
            if FoldedText.characters(brand) >= 3, text.unicodeScalars.allSatisfy({ (0x30A1...0x30FC).contains($0.value) || $0.isASCII }) {
                variants.append(brand)
            }
            break
        }
        if municipal {
            for office in municipalOffices where core.count > office.count && core.suffix(office.count).elementsEqual(office) {
                core.removeLast(office.count)
                variants.append(core)
            }
        }
        return unique(variants)
    }

    /// The whole name, and its parts: split at spaces when the name has them, else both readings of
    /// an unspaced name in kanji or kana (2+n and n+2); a name with digits or Latin letters is not
    /// guessed at.
    static func person(_ name: String) -> [[UInt8]] {
        var variants = [FoldedText.fold(name)]
        let parts = name.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "・" })
        if parts.count > 1 {
            variants += parts.map { FoldedText.fold(String($0)) }
        } else if name.unicodeScalars.allSatisfy({ NormalizedText.isJapanese($0.value) }) {
            let characters = Array(name)
            if characters.count >= 3 {
                variants.append(FoldedText.fold(String(characters.prefix(2))))
                variants.append(FoldedText.fold(String(characters.suffix(2))))
            }
            if characters.count >= 5 {
                variants.append(FoldedText.fold(String(characters.prefix(3))))
                variants.append(FoldedText.fold(String(characters.suffix(3))))
            }
        }
        return unique(variants)
    }

    private static func unique(_ variants: [[UInt8]]) -> [[UInt8]] {
        var seen: Set<[UInt8]> = []
        return variants.filter { FoldedText.characters($0) >= shortest && seen.insert($0).inserted }
    }
}
