"""The 33 KPIs of seed 001 (群馬県 地方創生ＳＤＧｓ未来都市計画), each value checked against the seed's text, and the
indicators the platform itself counts. Loaded by `load_indicators` (the demo calls it; loading twice changes
nothing, and a target revised since is not put back).

Units are the seed's, scaled so that values are plain numbers: 億円, 千円, 千kWh/年, 千t-CO2.

SDG targets: the seed's 「ゴール、ターゲット番号」 column prints target numbers only (the goals are icons, absent
from the text), so the goal of each number is read from the text around the table: the goal headings that
follow the tables of 1.1 (【ゴール８】【ゴール９】 after the economy table …) and the goal/target pairs of the
flagship project (「ゴール８、ターゲット１，２，５」「ゴール９、ターゲット２，b」…), where a number fits one goal
only (8.9 exists, 9.9 does not). A KPI that appears in several tables has the targets of each; a cell printed
before the first row of a table applies to every row of it. Numbers whose goal the text does not give (the
tables of 1.2 on foreign students and zero-declaration housing) stay as printed, with no goal. 「３，４」 is
read as printed: targets 3.3 and 3.4. docs/decisions/0017-indicators.md lists the derivation.
"""

GTE, LTE = "gte", "lte"
ECONOMY = "8.1, 8.2, 8.5, 8.9, 9.2, 9.b"  # the economy table of 1.2: 「１，２，５，９」 and 「２，ｂ」
INCREASE = "2021年度より増加"
PREF = "群馬県（県の統計・事業実績）"

# number, slug, name, English name, unit, SDG targets, computed, cumulative, baselines [(split, year, value)],
# targets [(split, year, value, comparison, words)], source
INDICATORS = [
    (1, "gross-prefectural-product", "県内総生産（名目）", "Gross prefectural product (nominal)", "億円",
     "8.1, 8.2, 8.5, 8.9", False, False, [("", 2019, "89704")], [("", 2025, "95000", GTE, "")], "県民経済計算"),
    (2, "prefectural-income-per-person", "１人あたり県民所得", "Prefectural income per person", "千円",
     "8.1, 8.2, 8.5, 8.9", False, False, [("", 2019, "3325")], [("", 2025, "3600", GTE, "")], "県民経済計算"),
    (3, "wages-per-person", "１人あたり賃金", "Wages per person", "千円", "8.1, 8.2, 8.5, 8.9", False, False,
     [("", 2019, "4316")], [("", 2023, "4500", GTE, ""), ("", 2025, "4800", GTE, "")], "毎月勤労統計調査"),
    (4, "value-added-per-person", "１人あたり付加価値額", "Value added per person", "千円", "9.2", False, False,
     [("", 2019, "8854")], [("", 2023, "9180", GTE, "")], "経済センサス"),
    (5, "healthy-life-expectancy", "健康寿命", "Healthy life expectancy", "年", "3.3, 3.4", False, False,
     [("男性", 2016, "72.07"), ("女性", 2016, "75.20")],
     [("男性", 2025, "73.2", GTE, ""), ("女性", 2025, "76.3", GTE, "")], "厚生労働科学研究"),
    (6, "pupils-solving-problems-themselves", "課題の解決に向けて、自分で考え、自分から取り組んでいたと思う児童生徒の割合",
     "Pupils who feel they worked on problems by their own thinking", "%", "4.1, 4.2, 4.4, 4.6, 4.7, 4.a, 4.c", False, False,
     [("小６", 2019, "79.7"), ("中３", 2019, "76.2")],
     [("小６", 2025, "95.0", GTE, ""), ("中３", 2025, "95.0", GTE, "")], "全国学力・学習状況調査"),
    (7, "women-in-management", "管理職に占める女性の割合", "Share of women among managers", "%", "5.5", False, False,
     [("", 2017, "16.1")], [("", 2025, "33", GTE, "")], PREF),
    (8, "sounding-surveys", "サウンディング調査実施件数（累計）", "Market soundings held (cumulative)", "件", "11.3",
     True, True, [("", 2020, None)], [("", 2025, "15", GTE, "")], PREF),
    (9, "online-procedures-rate", "行政手続電子化率", "Share of administrative procedures online", "%", "16.6",
     False, False, [("", 2020, "8.3")], [("", 2023, "100", GTE, "")], PREF),
    (10, "cocreation-initiatives", "地域ビジョンから生まれた共創の取組件数（累計）",
     "Co-creation initiatives born from the regional vision (cumulative)", "件", "17.17", True, True,
     [("", 2020, None)], [("", 2023, "29", GTE, ""), ("", 2025, "45", GTE, "")], "yukemuri"),
    (11, "renewable-energy", "再生可能エネルギー導入量", "Renewable energy introduced", "千kWh/年", "7.2, 13.2", False, False,
     [("", 2019, "5689149")], [("", 2023, "6669293", GTE, ""), ("", 2025, "7059000", GTE, "")], PREF),
    (12, "waste-recycling-rate", "一般廃棄物及び産業廃棄物の再生利用率", "Recycling rate of municipal and industrial waste",
     "%", "12.3, 12.5, 12.8, 14.1", False, False, [("一般", 2018, "15.2"), ("産業", 2017, "51.6")],
     [("一般", 2025, "27.0", GTE, ""), ("産業", 2025, "56.0", GTE, "")], "一般廃棄物処理実態調査・産業廃棄物実態調査"),
    (13, "homes-safer-from-floods", "水害リスクが軽減される人家戸数", "Homes whose flood risk is reduced", "戸", "13.1",
     False, False, [("", 2019, "8819")], [("", 2025, "32818", GTE, "")], PREF),
    (14, "forest-business-areas", "「森林ビジネス」取組地域数（累計）", "Areas running a forest business (cumulative)",
     "地域", "15.1", False, True, [("", 2020, "13")], [("", 2025, "25", GTE, "")], PREF),
    (15, "5g-technology-support", "５Ｇ適用可能技術導入支援件数（累計）",
     "Support for introducing 5G-ready technology (cumulative)",
     "件", ECONOMY, False, True, [("", 2020, None)], [("", 2023, "10", GTE, ""), ("", 2025, "31", GTE, "")], PREF),
    (16, "digital-engineers-trained", "デジタルエンジニア育成関連事業修了者数（累計）",
     "People who completed digital engineer training (cumulative)", "人", ECONOMY, False, True, [("", 2020, None)],
     [("", 2023, "210", GTE, ""), ("", 2025, "650", GTE, "")], PREF),
    (17, "startup-entrepreneurs-supported", "スタートアップ支援事業による支援起業家数（累計）",
     "Entrepreneurs supported by the startup programmes (cumulative)", "者", ECONOMY, True, True, [("", 2020, None)],
     [("", 2023, "90", GTE, ""), ("", 2025, "150", GTE, "")], "yukemuri"),
    (18, "tourist-spending-per-overnight-guest", "観光消費額単価（宿泊客）", "Tourist spending per overnight guest", "円",
     ECONOMY, False, False, [("", 2019, "25745")], [("", 2023, "28000", GTE, "")], "観光入込客統計調査"),
    (19, "health-points-participants", "健康ポイント制度参加者数", "People taking part in the health points scheme", "人",
     "3.3, 3.4", False, False, [("", 2020, None)], [("", 2023, "120000", GTE, "")], "G-WALK+"),
    (20, "pupils-ict-literacy", "ＩＣＴリテラシーが身についたと感じる生徒の割合",
     "Pupils who feel they have gained ICT literacy", "%", "4.4, 4.a, 4.c", False, False, [("", 2021, "89.6")],
     [("", 2025, None, GTE, INCREASE)], PREF),
    (21, "pupils-learning-at-own-pace", "自分の理解度に応じて学習できると感じる生徒の割合",
     "Pupils who feel they can learn at their own level", "%", "4.4, 4.a, 4.c", False, False, [("", 2021, "84.9")],
     [("", 2025, None, GTE, INCREASE)], PREF),
    (22, "foreign-students-employed", "留学生の日本企業への就職状況（在留資格変更許可数・構成比率）",
     "Foreign students employed by Japanese companies (share of status changes)", "%", "7", False, False,
     [("", 2018, "2.0")], [("", 2025, "3.0", GTE, "")], "出入国在留管理庁"),
    (23, "zero-declaration-housing-agreements", "ぐんまゼロ宣言住宅促進グループ協定数（累計）",
     "Agreements with Gunma zero-declaration housing groups (cumulative)", "協定", "1, 2", False, True,
     [("", 2020, None)], [("", 2030, "30", GTE, "")], PREF),
    (24, "wooden-zeb-buildings", "群馬県内の木造ＺＥＢの建築", "Wooden zero-energy buildings built in Gunma", "棟",
     "1, 2", False, False, [("", 2020, None)], [("", 2025, "20", GTE, "")], PREF),
    (25, "food-bank-coverage", "フードバンクの人口カバー率", "Share of the population covered by food banks", "%",
     "12.3, 12.5, 12.8, 14.1", False, False, [("", 2020, "82.2")], [("", 2025, "95.0", GTE, "")], PREF),
    (26, "creator-laboratory-participants", "クリエイターラボラトリー参加者数（累計）",
     "Creator Laboratory participants (cumulative)", "人", "8.1, 8.2, 8.5, 9.2, 9.b", True, True, [("", 2020, None)],
     [("", 2023, "750", GTE, "")], "yukemuri"),
    (27, "online-medicine-seminar-attendees", "オンライン診療に関するセミナーの受講者数",
     "Attendees of seminars on online medical care", "人", "3.4", True, False, [("", 2020, None)],
     [("", 2023, "400", GTE, "")], "yukemuri"),
    (28, "online-career-seminars", "オンラインキャリア教育セミナーの実施回数", "Online career education seminars held", "回",
     "4.4, 4.c", True, False, [("", 2020, None)], [("", 2023, "7", GTE, "")], "yukemuri"),
    (29, "people-moving-in", "移住者数", "People who moved to Gunma", "人/年", "11.3", False, False, [("", 2019, "962")],
     [("", 2023, "1200", GTE, "")], PREF),
    (30, "oze-cocreation-initiatives", "尾瀬における官民共創による課題解決への取組（累計）",
     "Public–private initiatives solving issues in Oze (cumulative)", "件", "15.1", True, True, [("", 2020, None)],
     [("", 2023, "6", GTE, "")], "yukemuri"),
    (31, "greenhouse-gas-emissions", "温室効果ガス排出量", "Greenhouse gas emissions", "千t-CO2", "", False, False,
     [("", 2017, "15343")], [("", 2030, "9824", LTE, "")], "温室効果ガス排出量算定"),
    (32, "job-cafe-employment", "ジョブカフェを利用した就職者数（若者）", "Young people employed through the Job Café",
     "人/年", "", False, False, [("", 2019, "1072")], [("", 2023, "1200", GTE, "")], PREF),
    (33, "business-school-community-partnerships", "企業等と地域・学校との連携・協働の取組（事例数）",
     "Partnerships of companies with communities and schools (cases)", "件", "", True, False,
     [("", 2019, "1")], [("", 2023, "2", GTE, "")], "yukemuri"),
]

# Indicators the platform counts besides the plan's (no target in the seed): for the municipality's own PDCA.
PLATFORM = [
    (101, "seminar-participants", "セミナー参加者数", "Seminar participants (check-ins)", "人"),
    (102, "help-given", "お手伝いの参加者数", "Help given (check-ins at help slots)", "人"),
    (103, "points-issued", "発行ポイント数", "Points issued", "pt"),
]

# SDG goals of each KPI (number → goals), read as said above; the targets are in INDICATORS.
SDG_GOALS = {1: "8", 2: "8", 3: "8", 4: "9", 5: "3", 6: "4", 7: "5", 8: "11", 9: "16", 10: "17", 11: "7, 13",
             12: "12, 14", 13: "13", 14: "15", 15: "8, 9", 16: "8, 9", 17: "8, 9", 18: "8, 9", 19: "3", 20: "4",
             21: "4", 25: "12, 14", 26: "8, 9", 27: "3", 28: "4", 29: "11", 30: "15"}

# Computed KPIs whose counts are kept by area as well as for the whole prefecture.
BY_AREA = {"cocreation-initiatives", "creator-laboratory-participants", "online-medicine-seminar-attendees",
           "online-career-seminars", "oze-cocreation-initiatives", "business-school-community-partnerships"}

# The kinds of event the plan's KPIs count (slug, name, English name): organisers pick them for those events.
EVENT_KINDS = [
    ("creator-lab", "クリエイターラボラトリー", "Creator Laboratory"),
    ("online-medicine-seminar", "オンライン診療セミナー", "Seminar on online medical care"),
    ("online-career-seminar", "オンラインキャリア教育セミナー", "Online career education seminar"),
]

# 尾瀬 initiatives: ideas placed in 片品村 (the village of 尾瀬's Gunma side), or mentioning or tagged 尾瀬.
OZE = {"municipality_codes": ("104434",), "word": "尾瀬"}
