import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Display width")
struct DisplayWidthTests {
    /// Kanji, kana and full-width forms take two columns; ASCII and half-width kana one; marks none.
    @Test(arguments: [
        ("abc", 3), ("データ", 6), ("北海道Society5.0", 16), ("ＡＢ", 4), ("ｶﾀｶﾅ", 4), ("が", 2), ("か\u{3099}", 2),
        ("", 0), ("é", 1), ("😀", 2),
    ])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    /// Padding and truncation count columns, so Japanese cells line up.
    @Test func padAndTruncate() {
        #expect(DisplayWidth.pad("企業", to: 6) == "企業  ")
        #expect(DisplayWidth.padLeft("12", to: 4) == "  12")
        #expect(DisplayWidth.truncate("民間企業へのデータ利活用", to: 9) == "民間企業…")
        #expect(DisplayWidth.truncate("short", to: 9) == "short")
    }

    /// A table with Japanese and ASCII cells aligns every column by display width.
    @Test func tableAligns() {
        var table = TextTable(headers: ["id", "題名", "n"], alignments: [.left, .left, .right])
        table.append(["a", "民間企業", "3"])
        table.append(["bb", "firm", "12"])
        #expect(table.render() == """
            id  題名       n
            --  --------  --
            a   民間企業   3
            bb  firm      12

            """)
    }
}
