"""Demo content for Gunma. Ideas and their texts are the real ones from the 未来共創ワークショップ
(seed document 002, 群馬県 未来創生室, R5.11.2); people, organisations and comments are demo ones,
marked as such. Issues are written from the themes the ideas answer."""

ORGANISATIONS = [
    ("org-pref", "群馬県 知事戦略部 戦略企画課 未来創生室（デモ）", "prefecture", None),
    ("org-yoshioka", "吉岡町（デモ）", "municipality", "103454"),
    ("org-shibukawa", "渋川市（デモ）", "municipality", "102083"),
    ("org-shinto", "榛東村（デモ）", "municipality", "103446"),
    ("org-katashina", "片品村（デモ）", "municipality", "104434"),
    ("org-kiryu", "桐生市（デモ）", "municipality", "102032"),
    ("org-tomioka", "富岡市（デモ）", "municipality", "102105"),
    ("org-npo", "NPO法人 ぐんま地域づくりネット（デモ）", "npo", "102016"),
    ("org-startup", "株式会社 アキヤラボ（デモ）", "startup", "102083"),
]

# key, email, display name, relation, municipality code, languages, skills, themes, organisation key
PEOPLE = [
    ("p-haruto", "demo-haruto@example.jp", "はると（デモ）", "resident", "103454", ["ja"],
     ["SNS運用", "写真"], ["男性の家事育児", "子育て"], "org-yoshioka"),
    ("p-yui", "demo-yui@example.jp", "ゆい（デモ）", "resident", "102083", ["ja", "en"],
     ["不動産", "まちづくり"], ["空き家"], "org-startup"),
    ("p-kenta", "demo-kenta@example.jp", "けんた（デモ）", "resident", "104434", ["ja"],
     ["ファシリテーション", "農業"], ["村づくり"], "org-katashina"),
    ("p-misaki", "demo-misaki@example.jp", "みさき（デモ）", "elsewhere", "102032", ["ja", "en"],
     ["デザイン", "イベント企画"], ["SDGs", "食文化"], None),
    ("p-linh", "demo-linh@example.jp", "Linh（デモ）", "works", "105244", ["vi", "ja", "en"],
     ["通訳（ベトナム語）", "料理"], ["多文化共生"], None),
    ("p-sato", "demo-sato@example.jp", "佐藤（デモ・県職員）", "works", "102016", ["ja"],
     ["政策立案", "ファシリテーション"], ["官民共創"], "org-pref"),
    ("p-nakamura", "demo-nakamura@example.jp", "中村（デモ・コーディネーター）", "works", "102024", ["ja", "en"],
     ["ファシリテーション", "まちづくり"], ["官民共創"], None),
    ("p-takahashi", "demo-takahashi@example.jp", "高橋（デモ・事務局）", "works", "102016", ["ja"],
     ["政策立案"], ["官民共創"], "org-pref"),
    # デジタル推進委員 at 渋川's 公民館: enters ideas and votes for residents without a device (/support/).
    ("p-suzuki", "demo-suzuki@example.jp", "鈴木（デモ・デジタル推進委員）", "resident", "102083", ["ja"],
     ["スマホ教室"], ["デジタル"], None),
]

# Roles beyond taking part, so that every side of the site can be tried (manage.py demo_logins).
ROLES = {
    "p-sato": ["municipal_staff"],
    "p-nakamura": ["coordinator"],
    "p-takahashi": ["moderator", "municipal_staff"],
    "p-suzuki": ["supporter"],
}

# key, title, body, place ("m:<code>", "a:<area name>" or "p"), SDGs, themes, author key, organisation key
ISSUES = [
    ("i-fathers", "男性の家事・育児参加がなかなか進まない",
     "共働き世帯が増える一方で、父親が家事や育児について気軽に情報交換できる場が町内にありません。"
     "育児の負担が母親に偏り、父親同士のつながりも生まれにくい状況です。",
     "m:103454", [5, 3], ["男性の家事育児", "子育て"], "p-haruto", "org-yoshioka"),
    ("i-children", "子どもの声やアイデアを地域で実現する場が足りない",
     "子どもサミットなどで子どもたちから多くのアイデアが出ていますが、それを実現するために大人や団体、"
     "行政がつながる場がなく、アイデアがそのままになっています。子ども食堂など既存の居場所との連携も課題です。",
     "a:北群馬渋川", [4, 10, 17], ["子供の居場所"], "p-sato", "org-pref"),
    ("i-akiya", "空き家が増え、活用が進まない",
     "旧渋川市域では空き家が増えていますが、物件情報が集まらず、活用したい人とのマッチングや、"
     "活用後の商業展開の提案ができる担い手がいません。",
     "m:102083", [11, 8], ["空き家", "まちづくり"], "p-yui", "org-shibukawa"),
    ("i-shinto-info", "地域のイベントや困りごとを共有する場がない",
     "村内のイベント情報や、ちょっとした困りごとを共有・相談できる場がなく、創造の森キャンプ場などの"
     "地域資源も十分に知られていません。",
     "m:103446", [11, 17], ["情報共有", "創造の森キャンプ場"], "p-sato", "org-shinto"),
    ("i-oze", "村づくりに関わる人が限られている",
     "新たな地域課題が生まれても、子どもや若者から大人まで、官と民が一緒に学び実践する仕組みがありません。"
     "村づくりの担い手が固定化しています。",
     "m:104434", [17, 4, 11], ["村づくり"], "p-kenta", "org-katashina"),
    ("i-sdgs-kiryu", "SDGsへの関心が地域に広がっていない",
     "SDGsという言葉は知られてきましたが、自分ごととして取り組む人はまだ少数です。"
     "桐生の食文化など身近な題材から関心を高める工夫が求められています。",
     "a:桐生みどり", [4, 12, 17], ["SDGs", "食文化"], "p-misaki", "org-kiryu"),
    ("i-tomioka-shops", "中心市街地のにぎわいが戻らない",
     "観光客は世界遺産の富岡製糸場を訪れますが、周辺の商店街での滞在や消費につながっていません。",
     "m:102105", [8, 11], ["商店街", "観光"], "p-sato", "org-tomioka"),
    ("i-foreign", "外国人住民に地域の情報が届かない",
     "外国人住民の割合が高い地域でも、イベントや防災、子育ての情報が日本語だけで発信されがちです。"
     "やさしい日本語や多言語での発信と、外国人住民が地域活動に参加するきっかけが必要です。",
     "a:太田・邑楽館林", [10, 16, 17], ["多文化共生", "やさしい日本語"], "p-linh", "org-npo"),
]

# key, title, body, place, SDGs, themes, author key, organisation key, issue keys
IDEAS = [
    ("d-sns", "SNS活用（吉岡町の親父たち）",
     "毎日SNS上でパパたちが情報交換できるプラットフォームをつくる。家事育児を楽しんでいる人を取り上げたり、"
     "家事交換シェアリングが行える。",
     "m:103454", [5, 3, 17], ["男性の家事育児"], "p-haruto", None, ["i-fathers"]),
    ("d-kodomo", "子供のやりたい応援隊！",
     "子どもサミットを通じて子供食堂を会場またはオンライン会議システムとハイブリットして子供サミットで出た"
     "アイデアをどう実現するかを考える。ボランティア団体、行政職員、子どもサミット代表者など関係者が集り、"
     "繋がる広場",
     "a:北群馬渋川", [4, 10, 17], ["子供の居場所"], "p-sato", "org-pref", ["i-children"]),
    ("d-akiya", "アキヤデアキナイ",
     "二〇二三年四月、旧渋川市域で、官民連携し、空き家問題に取り組む意志のある人が空き家活用のための"
     "スタートアップを立ち上げる。空き家情報の収集、活用後の商業展開提案、活用人材のマッチングを行う。",
     "m:102083", [11, 8, 17], ["空き家"], "p-yui", "org-startup", ["i-akiya"]),
    ("d-wa", "広げようグループの輪",
     "榛東村をPRする『Ecozone』グループをつくり、地域のイベント情報共有や困りごとの解決、意見交換などを行う"
     "集約的場をつくる。まずは百人まで広げてみる。",
     "m:103446", [11, 17], ["創造の森キャンプ場"], "p-kenta", None, ["i-shinto-info"]),
    ("d-oze", "みんなの未来を共に創る尾瀬の郷倶楽部",
     "官民共創で解決すべき新たな課題を感じたときに、未来共創プラットフォームで、民と官が「子ども・若者から"
     "大人まで」共に共創を学び、実践する。官民協働推進アカデミーや未来共創のプラットフォームをつくり、運用する。"
     "多様な主体によるオープンなプレゼン大会も。\n\n"
     "未来共創ワークショップをきっかけに「おぜのさと倶楽部」が生まれ、R4年12月には地域住民を交えて"
     "ロゴづくりのワークショップを開催した。",
     "m:104434", [17, 4, 11], ["村づくり"], "p-kenta", "org-katashina", ["i-oze"]),
    ("d-himokawa", "17色のひもかわプロジェクト",
     "桐生市の食文化である「ひもかわうどん」をSDGsの17の目標の色でカラフルに彩ることで、みなさんにSDGsに"
     "興味を持ってもらおうというイベント及びプロトタイプの構築。桐生みどりエリアの未来共創ワークショップを"
     "きっかけに生まれた。",
     "m:102032", [4, 12, 17], ["食文化", "SDGs"], "p-misaki", None, ["i-sdgs-kiryu"]),
    ("d-kiryu-sdgs", "Kiryu×SDGs 取組集",
     "未来共創ワークショップから動き始めた取組。桐生で行われているSDGsの取組を集めて紹介する。",
     "m:102032", [17, 4], ["SDGs"], "p-misaki", None, ["i-sdgs-kiryu"]),
    ("d-myogi", "妙義ふるさとマルシェ",
     "未来共創ワークショップから動き始めた取組。妙義の地域の産品と人が集まるマルシェを開く。",
     "m:102105", [8, 11, 12], ["地産地消", "商店街"], "p-sato", "org-tomioka", ["i-tomioka-shops"]),
    ("d-crepe", "富岡クレープ",
     "未来共創ワークショップから動き始めた取組。富岡ならではのクレープで、まちを訪れる人の立ち寄り先をつくる。",
     "m:102105", [8, 11], ["観光", "商店街"], "p-yui", None, ["i-tomioka-shops"]),
]

# idea key, author key, body, reply-to index in this list (or None)
COMMENTS = [
    ("d-akiya", "p-kenta",
     "片品村にも使われていない古民家があります。情報収集の仕組みを他の町村でも使えるとうれしいです。", None),
    ("d-akiya", "p-yui", "ありがとうございます！まずは渋川で形にして、他の地域にも広げたいと考えています。", 0),
    ("d-sns", "p-linh", "外国人のパパも参加できるように、やさしい日本語の投稿もあるといいと思います。", None),
    ("d-himokawa", "p-haruto", "子どもと一緒に食べに行きたいです。イベントの日程が決まったら教えてください。", None),
]

# idea key → supporter keys
SUPPORTS = {
    "d-akiya": ["p-kenta", "p-misaki", "p-linh", "p-sato"],
    "d-oze": ["p-haruto", "p-sato", "p-misaki"],
    "d-himokawa": ["p-haruto", "p-yui", "p-linh"],
    "d-sns": ["p-linh", "p-yui"],
    "d-kodomo": ["p-kenta"],
}

# 未来共創ワークショップ (seed 002): the real areas by year and the real three-session programme.
# Dates and venues are demo ones (the document gives years, areas and content, not days).
WORKSHOP_YEARS = {
    2021: ["甘楽富岡", "利根沼田", "桐生みどり"],
    2022: ["北群馬渋川", "多野藤岡", "吾妻"],
    2023: ["前橋・佐波伊勢崎", "高崎安中", "太田・邑楽館林"],
}
WORKSHOP_SESSIONS = [
    (1, "第1回 SDGsカードゲーム", "SDGsカードゲームで、地域の未来と自分たちの関わりを体験的に考えます。"),
    (2, "第2回 課題の構造図", "地域の課題を出し合い、原因・影響・地域資源とのつながりを「課題の構造図」に描きます。"),
    (3, "第3回 アイデア出し", "構造図から見えた課題に応えるアイデアを出し合い、提案自治体とテーマを添えて発表します。"),
]
# Which session of which series each demo issue and idea was born at: (year, area, session number).
BORN_AT = {
    "i-fathers": (2022, "北群馬渋川", 2), "i-children": (2022, "北群馬渋川", 2), "i-akiya": (2022, "北群馬渋川", 2),
    "i-shinto-info": (2022, "北群馬渋川", 2), "i-oze": (2021, "利根沼田", 2), "i-sdgs-kiryu": (2021, "桐生みどり", 2),
    "i-tomioka-shops": (2021, "甘楽富岡", 2),
    "d-sns": (2022, "北群馬渋川", 3), "d-kodomo": (2022, "北群馬渋川", 3), "d-akiya": (2022, "北群馬渋川", 3),
    "d-wa": (2022, "北群馬渋川", 3), "d-oze": (2021, "利根沼田", 3), "d-himokawa": (2021, "桐生みどり", 3),
    "d-kiryu-sdgs": (2021, "桐生みどり", 3), "d-myogi": (2021, "甘楽富岡", 3), "d-crepe": (2021, "甘楽富岡", 3),
}
# The diagram of table 「空き家」 at 北群馬渋川 2022, session 2: key, kind, label, promoted post key.
DIAGRAM_NODES = [
    ("n-youth", "cause", "若い世代の転出", None),
    ("n-info", "cause", "物件情報が集まらない", None),
    ("n-akiya", "problem", "空き家が増え、活用が進まない", "i-akiya"),
    ("n-town", "effect", "まちのにぎわいが失われる", None),
    ("n-onsen", "asset", "伊香保温泉と古い町並み", None),
    ("n-founders", "asset", "空き家に関心のある起業家", None),
    ("n-startup", "idea", "アキヤデアキナイ", "d-akiya"),
]
DIAGRAM_EDGES = [
    ("n-youth", "n-akiya", "causes"), ("n-info", "n-akiya", "causes"), ("n-akiya", "n-town", "leads_to"),
    ("n-onsen", "n-startup", "leads_to"), ("n-founders", "n-startup", "leads_to"), ("n-startup", "n-akiya", "addresses"),
]
# Coming events at the co-creation space NETSUGEN (seed 001/002): kind, title, days from loading, hours, capacity.
NETSUGEN = ("官民共創スペース NETSUGEN（群馬県庁32階）", "群馬県前橋市大手町1-1-1", 36.3906, 139.0609)
UPCOMING = [
    ("seminar", "官民共創DXセミナー：データで地域課題を見える化する", 12, (14, 16), 40),
    ("pitch", "スタートアップピッチ＆交流会 GUNMA", 19, (18, 20), 60),
    ("meetup", "関係人口ミートアップ：群馬とつながる夜", 26, (19, 21), 30),
    ("talk", "やさしい日本語で話そう：外国人住民と地域の未来", 33, (13, 15), 25),
]

# From idea to implementation (seed 002: おぜのさと倶楽部 and 17色のひもかわプロジェクト started after the
# workshops; the others of 取組例③ "started moving"). Dates, teams, money and milestones are demo ones.
# Each: idea key → municipal partner, members [(person, role)], plan, budget line, pilot start,
# moves [(stage, date)], campaign or None, milestones [(title, due, done?)], roles wanted, adoptions.
IMPLEMENTATION = {
    "d-oze": {
        "partner": "org-katashina", "members": [("p-sato", "key_person"), ("p-misaki", "creator")],
        "plan": ("村の子どもから大人までが官民共創を学び、実践するコミュニティを続ける",
                 "ロゴづくりワークショップを開き、倶楽部の旗印をつくる", "村の公民館、ファシリテーター2名、デザイナー1名"),
        "budget": "片品村 令和4年度 地域づくり推進事業（デモ）", "pilot": "2022-12-10",
        "moves": [("team", "2022-02-15"), ("plan", "2022-06-01"), ("pilot", "2022-12-10"), ("running", "2023-07-01")],
        "campaign": None,
        "milestones": [("ロゴづくりワークショップ（R4.12）", "2022-12-10", True), ("倶楽部の定例会を月1回に", "2023-06-30", True),
                       ("オープンなプレゼン大会", "2027-02-20", False)],
        "roles": [("volunteer", ["イベント企画"], 10, "プレゼン大会の運営を手伝ってくださる方")],
        "adoptions": [],
    },
    "d-himokawa": {
        "partner": "org-kiryu", "members": [("p-kenta", "key_person"), ("p-haruto", "volunteer")],
        "plan": ("ひもかわうどんを入口に、SDGsの17の目標を自分ごとにする人を増やす",
                 "17色のひもかわの試作品をつくり、イベントで試食してもらう", "製麺所の協力、食用色素、会場、SNS発信"),
        "budget": "", "pilot": "2022-03-05",
        "moves": [("team", "2021-12-01"), ("plan", "2022-01-10"), ("funding", "2022-01-20"), ("pilot", "2022-03-05"),
                  ("running", "2022-10-01")],
        "campaign": ("17色のひもかわ 試作と試食会", "試作品の材料費と、試食会の会場費・チラシ代に使います。", 300_000,
                     "2022-01-20", "2022-02-28", [("p-haruto", 50_000), ("p-yui", 100_000), ("p-linh", 30_000),
                                                  ("p-sato", 150_000)]),
        "milestones": [("試作品の完成", "2022-02-20", True), ("試食イベント", "2022-03-05", True),
                       ("市内の飲食店での提供", "2027-03-31", False)],
        "roles": [("creator", ["写真", "デザイン"], 1, "17色のひもかわを伝える写真とポスター")],
        "adoptions": [],
    },
    "d-kiryu-sdgs": {
        "partner": "org-kiryu", "members": [("p-haruto", "key_person")],
        "plan": ("桐生のSDGsの取組を一冊にまとめ、学校や企業が使えるようにする", "取組の聞き取りを20件行う",
                 "聞き取りの担い手3名、編集者1名、印刷費"),
        "budget": "桐生市 令和4年度 SDGs推進事業（デモ）", "pilot": "2022-06-01",
        "moves": [("team", "2022-03-01"), ("plan", "2022-04-15"), ("pilot", "2022-06-01"), ("running", "2023-04-01"),
                  ("spread", "2024-06-01")],
        "campaign": None,
        "milestones": [("聞き取り20件", "2022-09-30", True), ("取組集の公開", "2023-03-31", True)],
        "roles": [], "adoptions": [("102041", "2024-05-10")],
    },
    "d-myogi": {
        "partner": "org-tomioka", "members": [("p-yui", "key_person"), ("p-linh", "volunteer")],
        "plan": ("妙義の産品と人が集まるマルシェを季節ごとに開く", "出店者を10店集め、第1回を開く",
                 "会場（道の駅の駐車場）、テント、出店者、ボランティア10名"),
        "budget": "", "pilot": "2023-10-14",
        "moves": [("team", "2023-04-10"), ("plan", "2023-06-01"), ("funding", "2023-07-01"), ("pilot", "2023-10-14")],
        "campaign": ("妙義ふるさとマルシェ 第1回の開催費", "テントと机の借用、チラシの印刷、保険料に使います。", 200_000,
                     "2023-07-01", "2023-08-31", [("p-sato", 80_000), ("p-kenta", 50_000), ("p-misaki", 40_000),
                                                  ("p-haruto", 30_000)]),
        "milestones": [("出店者10店", "2023-09-15", True), ("第1回マルシェ", "2023-10-14", True),
                       ("冬のマルシェ", "2024-01-20", True), ("春のマルシェ（出店者20店）", "2027-04-18", False)],
        "roles": [("volunteer", [], 10, "当日の会場設営と案内"), ("sponsor", [], 1, "テントの協賛")],
        "adoptions": [],
    },
    "d-crepe": {
        "partner": "org-tomioka", "members": [("p-misaki", "key_person")],
        "plan": ("富岡ならではのクレープで、製糸場を訪れた人がまちを歩くきっかけをつくる", "商店街の空き店舗で週末に試験販売する",
                 "空き店舗、キッチンカーの設備、地元の食材"),
        "budget": "富岡市 令和4年度 中心市街地活性化事業（デモ）", "pilot": "2022-11-05",
        "moves": [("team", "2022-07-01"), ("plan", "2022-09-01"), ("pilot", "2022-11-05")],
        "campaign": None,
        "milestones": [("試験販売（週末8回）", "2023-01-31", True), ("常設の店舗", "2024-03-31", False)],
        "roles": [], "adoptions": [],
    },
    "d-akiya": {
        "partner": "org-shibukawa", "members": [("p-kenta", "key_person"), ("p-sato", "municipal_partner")],
        "plan": ("旧渋川市域の空き家を3年で30軒活用する", "空き家の情報を集める仕組みをつくり、所有者説明会を開く",
                 "調査員2名、データベース、所有者説明会の会場"),
        "budget": "", "pilot": "2027-04-01",
        "moves": [("team", "2023-05-01"), ("plan", "2023-09-01"), ("funding", "recent")],
        "campaign": ("アキヤデアキナイ 空き家データベースの立ち上げ", "空き家の調査費と、データベースの構築費に使います。目標に"
                     "届かなければ、すべて返金します。", 1_500_000, "recent", "future",
                     [("p-misaki", 100_000), ("p-linh", 20_000), ("p-haruto", 50_000)]),
        "milestones": [("所有者説明会", "2026-12-12", False), ("空き家データベース公開", "2027-03-31", False)],
        "roles": [("engineer", ["データベース", "Web制作"], 1, "空き家データベースをつくる"),
                  ("creator", ["写真"], 1, "物件の写真撮影")],
        "adoptions": [],
    },
    "d-sns": {
        "partner": None, "members": [("p-linh", "volunteer")],
        "plan": None, "budget": "", "pilot": None, "moves": [], "campaign": None, "milestones": [],
        "roles": [("key_person", ["SNS運用"], 1, "吉岡町のパパたちをつなぐ中心になる人"),
                  ("engineer", ["SNS運用"], 1, "グループの仕組みづくり")],
        "adoptions": [],
    },
    "d-kodomo": {
        "partner": None, "members": [], "plan": None, "budget": "", "pilot": None, "moves": [], "campaign": None,
        "milestones": [], "roles": [("key_person", ["ファシリテーション"], 1, "子ども・団体・行政をつなぐ人"),
                                    ("venue", [], 1, "子ども食堂など、集まれる場所")],
        "adoptions": [],
    },
    "d-wa": {
        "partner": "org-shinto", "members": [("p-sato", "key_person")],
        "plan": ("榛東村をPRするグループを百人まで広げる", "創造の森キャンプ場で最初の集まりを開く", "会場、告知、運営3名"),
        "budget": "", "pilot": None, "moves": [("team", "2024-02-01"), ("plan", "2024-05-01")], "campaign": None,
        "milestones": [("最初の集まり", "2024-08-31", False)], "roles": [("sponsor", [], 1, "集まりの費用を支えてくれる企業")],
        "adoptions": [],
    },
}

# Matching conditions of the demo people: (km they travel, online only, free slots, commitments at once).
MATCHING_PROFILES = {
    "p-haruto": (30, False, ["sat-am", "sat-pm", "sun-am"], 2),
    "p-yui": (60, False, ["wed-eve", "sat-pm"], 3),
    "p-kenta": (80, False, ["sat-am", "sun-am", "sun-pm"], 2),
    "p-misaki": (0, True, ["tue-eve", "thu-eve"], 2),
    "p-linh": (40, False, ["sun-am", "sun-pm"], 1),
    "p-sato": (100, False, ["mon-pm", "wed-pm", "fri-pm"], 3),
}
# A volunteer day in the style of ヒダスケ! (seed 004): tasks with helpers, time of day and skills that help.
# Where the demo campaigns' money would go: a made-up account, marked as such wherever it is shown.
DEMO_PAYMENT = {
    "bank_name": "デモ銀行（架空）", "bank_branch": "湯けむり支店", "account_type": "ordinary",
    "account_number": "1234567", "account_holder": "デモ ユケムリキキン",
    "payment_instructions": "【デモ】これはデモ用の架空の口座です。実際には振り込まないでください。",
}

VOLUNTEER_DAY = ("渋川 空き家の片付けボランティア（デモ）",
                 "アキヤデアキナイの最初の物件を、みんなで片付けて使えるようにします。",
                 "102083", "旧渋川市域の空き家（デモ）", [
                     {"title": "家財の運び出し", "helpers": 6, "part": "am", "skills": []},
                     {"title": "庭の草刈り", "helpers": 3, "part": "am", "skills": ["農業"]},
                     {"title": "お昼の炊き出し", "helpers": 2, "part": "am", "skills": ["料理"]},
                     {"title": "作業の記録写真", "helpers": 1, "part": "pm", "skills": ["写真"]},
                 ])

# A broad-listening conversation on the 空き家 issue, with synthetic votes (demo) of three kinds of people.
CONVERSATION = ("空き家をどう生かす？（デモ）", "旧渋川市域で増える空き家について、あなたの考えに近いものを選んでください。", [
    "空き家は地域の資源だ",
    "空き家の活用は行政が主導すべきだ",
    "古い町並みと温泉街の景観を残したい",
    "使われない空き家は解体を進めるべきだ",
    "若い世代や移住者に安く貸し出すべきだ",
    "空き家の固定資産税を上げるべきだ",
    "リノベーションの補助を増やすべきだ",
    "まずは所有者の意向を丁寧に聞くべきだ",
])
# Three kinds of participant: how likely each agrees with each statement above (the rest disagree or pass).
CONVERSATION_CAMPS = [
    (18, [0.9, 0.3, 0.9, 0.1, 0.8, 0.2, 0.9, 0.9]),  # 活用派
    (14, [0.4, 0.8, 0.3, 0.8, 0.3, 0.7, 0.4, 0.9]),  # 行政主導・整理派
    (10, [0.6, 0.2, 0.95, 0.2, 0.3, 0.1, 0.7, 0.95]),  # 景観・所有者重視
]

# 幸福ポイント (デモ): key, person key, points, reason — given by 嬬恋村 (yukemuri/points)
POINTS = [
    ("points-yui-1", "p-yui", 300, "キャベツ収穫のお手伝い（デモ）"),
    ("points-yui-2", "p-yui", 200, "雪かきのお手伝い（デモ）"),
    ("points-kenta-1", "p-kenta", 500, "キャベツ収穫のお手伝い（デモ）"),
]
# key, person key, points, for what — redeemed at the demo farm shop
POINT_REDEMPTIONS = [
    ("points-yui-r1", "p-yui", 120, "高原キャベツ 2玉（デモ）"),
]
