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
]

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
