import Foundation

/// Hokkaido's 14 subprefectures (振興局) and their 179 municipalities: the natural choice list for
/// where a respondent is, with the region derived from the municipality. Free text still works.
public enum Hokkaido {
    public struct Subprefecture: Sendable {
        public var name: String
        public var english: String
        public var municipalities: [String]
    }

    public static let subprefectures: [Subprefecture] = [
        .init(name: "石狩振興局", english: "Ishikari", municipalities: [
            "札幌市", "江別市", "千歳市", "恵庭市", "北広島市", "石狩市", "当別町", "新篠津村",
        ]),
        .init(name: "渡島総合振興局", english: "Oshima", municipalities: [
            "函館市", "北斗市", "松前町", "福島町", "知内町", "木古内町", "七飯町", "鹿部町", "森町", "八雲町", "長万部町",
        ]),
        .init(name: "檜山振興局", english: "Hiyama", municipalities: [
            "江差町", "上ノ国町", "厚沢部町", "乙部町", "奥尻町", "今金町", "せたな町",
        ]),
        .init(name: "後志総合振興局", english: "Shiribeshi", municipalities: [
            "小樽市", "島牧村", "寿都町", "黒松内町", "蘭越町", "ニセコ町", "真狩村", "留寿都村", "喜茂別町", "京極町",
            "倶知安町", "共和町", "岩内町", "泊村", "神恵内村", "積丹町", "古平町", "仁木町", "余市町", "赤井川村",
        ]),
        .init(name: "空知総合振興局", english: "Sorachi", municipalities: [
            "夕張市", "岩見沢市", "美唄市", "芦別市", "赤平市", "三笠市", "滝川市", "砂川市", "歌志内市", "深川市",
            "南幌町", "奈井江町", "上砂川町", "由仁町", "長沼町", "栗山町", "月形町", "浦臼町", "新十津川町", "妹背牛町",
            "秩父別町", "雨竜町", "北竜町", "沼田町",
        ]),
        .init(name: "上川総合振興局", english: "Kamikawa", municipalities: [
            "旭川市", "士別市", "名寄市", "富良野市", "鷹栖町", "東神楽町", "当麻町", "比布町", "愛別町", "上川町",
            "東川町", "美瑛町", "上富良野町", "中富良野町", "南富良野町", "占冠村", "和寒町", "剣淵町", "下川町", "美深町",
            "音威子府村", "中川町", "幌加内町",
        ]),
        .init(name: "留萌振興局", english: "Rumoi", municipalities: [
            "留萌市", "増毛町", "小平町", "苫前町", "羽幌町", "初山別村", "遠別町", "天塩町",
        ]),
        .init(name: "宗谷総合振興局", english: "Soya", municipalities: [
            "稚内市", "猿払村", "浜頓別町", "中頓別町", "枝幸町", "豊富町", "礼文町", "利尻町", "利尻富士町", "幌延町",
        ]),
        .init(name: "オホーツク総合振興局", english: "Okhotsk", municipalities: [
            "北見市", "網走市", "紋別市", "美幌町", "津別町", "斜里町", "清里町", "小清水町", "訓子府町", "置戸町",
            "佐呂間町", "遠軽町", "湧別町", "滝上町", "興部町", "西興部村", "雄武町", "大空町",
        ]),
        .init(name: "胆振総合振興局", english: "Iburi", municipalities: [
            "室蘭市", "苫小牧市", "登別市", "伊達市", "豊浦町", "壮瞥町", "白老町", "厚真町", "洞爺湖町", "安平町", "むかわ町",
        ]),
        .init(name: "日高振興局", english: "Hidaka", municipalities: [
            "日高町", "平取町", "新冠町", "浦河町", "様似町", "えりも町", "新ひだか町",
        ]),
        .init(name: "十勝総合振興局", english: "Tokachi", municipalities: [
            "帯広市", "音更町", "士幌町", "上士幌町", "鹿追町", "新得町", "清水町", "芽室町", "中札内村", "更別村",
            "大樹町", "広尾町", "幕別町", "池田町", "豊頃町", "本別町", "足寄町", "陸別町", "浦幌町",
        ]),
        .init(name: "釧路総合振興局", english: "Kushiro", municipalities: [
            "釧路市", "釧路町", "厚岸町", "浜中町", "標茶町", "弟子屈町", "鶴居村", "白糠町",
        ]),
        .init(name: "根室振興局", english: "Nemuro", municipalities: [
            "根室市", "別海町", "中標津町", "標津町", "羅臼町",
        ]),
    ]

    /// Every municipality, for tab completion.
    public static var municipalities: [String] { subprefectures.flatMap(\.municipalities) }

    /// The subprefecture a municipality belongs to, if it is a Hokkaido municipality.
    public static func subprefecture(of municipality: String) -> Subprefecture? {
        let name = municipality.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        return subprefectures.first { $0.municipalities.contains(name) }
    }

    /// A subprefecture by its Japanese or English name, with or without 振興局.
    public static func subprefecture(named text: String) -> Subprefecture? {
        let key = text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces).lowercased()
        return subprefectures.first {
            $0.name == key || $0.english.lowercased() == key
                || $0.name.replacingOccurrences(of: "総合振興局", with: "").replacingOccurrences(of: "振興局", with: "") == key
        }
    }
}
