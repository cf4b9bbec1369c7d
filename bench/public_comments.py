"""A hand-grouped set of Japanese public comments (パブリックコメント) on an imagined prefectural plan, for
measuring how well `topics` finds the items a ministry would publish (御意見の概要) and its broad topics.

How it was made (issue 18): for each of 8 broad topics (交通, 子育て, 空き家, 観光, 防災, デジタル化, 医療,
環境) the author wrote 8–9 summary items, and for each item two or three wordings of the same opinion in
different words (not one shared keyword: 路線バス/コミュニティバス/乗合タクシー, 保育園/保育所/預け先),
in plain and polite styles and of different lengths. Each comment of an item is one of its wordings, with
an opening (self-introduction, greeting) or none, sometimes a reason sentence, and a closing, all picked
with a fixed seed; about one comment in eight also raises a second, minor point from another item of the
same topic, as real comments do. The grouping into items and topics is by construction, so it is the human
truth for every level. `python bench/public_comments.py` rewrites yukemuri/listening/tests/data/
public_comments.csv (columns comment-id, comment-body, item, topic); the file is what tests read.
"""

import csv
import random
import sys
from pathlib import Path

ITEMS = {
    "交通": {
        "bus_routes": ["路線バスの減便で通院や買い物に困っている。便数を元に戻してほしい",
                       "バスが一日に数本しか走らなくなり、車のない高齢者は外出できません。運行本数を増やしていただきたい",
                       "地域の足であるバス路線を廃止しないでください"],
        "demand_taxi": ["予約制の乗合タクシーを山間部にも導入してほしい",
                        "デマンド交通を全域で使えるようにしていただきたい。電話予約だけでなくアプリでも申し込めると便利です"],
        "train_barrier_free": ["駅にエレベーターがなく、車いすやベビーカーでは階段が上れない",
                               "無人駅のバリアフリー化を急いでください。段差が多く危険です"],
        "license_return": ["運転免許を返納した人への交通費助成を手厚くしてほしい",
                           "免許を返したら生活できない。返納後の移動手段を県が保障すべきだ"],
        "cycling_road": ["自転車レーンを整備して、通学の高校生が安全に走れるようにしてほしい",
                         "歩道が狭く自転車と歩行者がぶつかりそうになる。専用の走行空間がほしい"],
        "traffic_safety_school": ["通学路にガードレールや横断歩道が足りず、子どもが危ない",
                                  "小学校の前の道路で車がスピードを出している。ゾーン30や見守りを強化してください"],
        "station_parking": ["駅前の駐車場が足りず、パークアンドライドができない",
                            "最寄り駅に車を停める場所がないので結局自家用車で通勤している。駐車場を増やして"],
        "ic_card": ["地方のバスでも交通系ICカードが使えるようにしてほしい",
                    "現金しか使えないバスは観光客にも不便です。キャッシュレス決済への対応をお願いします"],
    },
    "子育て": {
        "daycare_waiting": ["保育園に入れず仕事に復帰できない。待機児童をなくしてください",
                            "育休明けに預け先が見つからなかった。保育所の定員を増やしてほしい",
                            "希望する認可保育園に入れる仕組みを作ってほしいです"],
        "after_school": ["学童保育が18時で終わるので、フルタイムで働けない。延長してほしい",
                         "放課後児童クラブの開所時間を延ばしていただきたい。夏休みの昼食も出してほしい"],
        "medical_subsidy": ["子どもの医療費助成を高校卒業まで広げてほしい",
                            "中学生以上になると通院費の負担が重い。医療費の無料化を18歳まで"],
        "school_lunch": ["給食費を無償にしてほしい。物価高で家計が苦しい",
                         "学校給食の費用を県として支援していただけないでしょうか"],
        "playgrounds": ["雨の日でも子どもが遊べる屋内の遊び場がほしい",
                        "近所の公園の遊具が撤去されたままで、小さい子が遊ぶ場所がない"],
        "single_parent": ["ひとり親家庭への手当を増やしてほしい。養育費の立て替えも検討を",
                          "シングルマザーで仕事と育児の両立が限界です。母子家庭への就労支援を充実させて"],
        "father_leave": ["男性の育児休業が取りやすくなるよう、企業への働きかけを強めてほしい",
                         "夫が育休を取ろうとしたら職場で嫌な顔をされた。父親の育休を当たり前にしてください"],
        "child_consultation": ["子育ての悩みを気軽に相談できる窓口を身近な場所に",
                               "産後に孤立してつらかった。保健師さんが家庭訪問してくれる支援を続けてほしい"],
        "education_cost": ["大学の学費が高すぎる。給付型の奨学金を県独自に作ってほしい",
                           "進学にお金がかかるので子どもを二人目は諦めた。教育費の負担軽減を"],
    },
    "空き家": {
        "vacant_bank": ["空き家バンクの物件をもっと増やして、移住希望者に紹介してほしい",
                        "移住を考えているが、空き家の情報がネットで見つけにくい。空き家バンクを見やすくしてほしい"],
        "dangerous_houses": ["倒壊しそうな空き家が隣にあり、台風のたびに瓦が飛んでくる。行政代執行で撤去してほしい",
                             "老朽化した危険な空き家を放置しないでください。所有者への指導を強めるべきです"],
        "demolition_subsidy": ["空き家の解体費用への補助金を増額してほしい",
                               "古い家を取り壊したいが費用が数百万円かかる。解体の助成制度を拡充して"],
        "inheritance": ["相続した実家をどうすればいいか分からない。相続や登記の相談窓口がほしい",
                        "親が亡くなり遠方の家を相続したが管理できない。専門家に無料で相談できる場を"],
        "renovation_young": ["空き家を改修して若い世帯に安く貸す仕組みを作ってはどうか",
                             "リフォーム費用の補助があれば、古民家を借りて子育て世帯が住めると思う"],
        "shop_vacancy": ["商店街の空き店舗が増えてシャッター通りになっている。開業支援をしてほしい",
                         "空き店舗を使って店を始めたい人に家賃補助を出していただきたい"],
        "fixed_asset_tax": ["更地にすると固定資産税が上がるので、空き家のまま放置されている。税制を見直すべき",
                            "家を壊すと土地の税金が6倍になるのはおかしい。特例の見直しを国に求めてほしい"],
        "community_use": ["空き家を地域の集会所や子ども食堂として活用してほしい",
                          "使われていない家を高齢者のサロンなど、住民の居場所に生かせないか"],
    },
    "観光": {
        "overtourism": ["観光客が多すぎて住民の生活道路が渋滞する。オーバーツーリズム対策を",
                        "休日は観光バスと車で地元の人が出かけられない。観光地の混雑を抑えてほしい"],
        "lodging_tax": ["宿泊税を導入して、観光地の整備に充ててはどうか",
                        "観光客から入湯税や宿泊税を取り、トイレや駐車場の維持費にすべきだ"],
        "foreign_signs": ["外国人観光客向けに多言語の案内板を増やしてほしい",
                          "駅や観光地の表示が日本語だけで、海外の方が迷っている。英語や中国語の表示を"],
        "onsen_promotion": ["温泉地の魅力をもっと全国に発信してほしい",
                            "湯けむりの町並みや温泉の良さが知られていない。SNSを使ったPRに力を入れて"],
        "local_food": ["地元の食材を使った特産品やご当地グルメを観光に生かしてほしい",
                       "農家が作る野菜や果物を観光客に売れる直売所を道の駅に増やしてはどうでしょうか"],
        "stay_longer": ["日帰りの観光客ばかりで地元にお金が落ちない。宿泊してもらう工夫を",
                        "夜に楽しめる場所がないので泊まる人が少ない。滞在型の観光を増やしてほしい"],
        "guide_training": ["観光ボランティアガイドの育成を支援してほしい",
                           "地域の歴史を案内できる人が高齢化している。若いガイドを養成する講座を開いて"],
        "festival_support": ["伝統的な祭りの担い手が足りない。存続のための補助をお願いしたい",
                             "神輿を担ぐ若者がいなくなり、秋祭りが続けられない。祭りの継承を支えてください"],
    },
    "防災": {
        "shelters": ["避難所の体育館は冬に寒すぎる。エアコンや簡易ベッドを備えてほしい",
                     "避難所の環境を改善してください。プライバシーを守る間仕切りや段ボールベッドが必要です"],
        "hazard_map": ["ハザードマップが分かりにくい。自宅の危険を簡単に調べられるようにしてほしい",
                       "洪水や土砂災害の危険区域を住民にもっと周知していただきたい"],
        "vulnerable_evacuation": ["一人で避難できない高齢者や障害者の避難計画を急いでつくってほしい",
                                  "寝たきりの家族がいるので、災害時にどう逃げればいいか不安。要支援者の個別避難計画を"],
        "river_works": ["川の堤防をかさ上げして、大雨での氾濫を防いでほしい",
                        "毎年のように河川があふれそうになる。浚渫と護岸工事を早く進めてください"],
        "stockpile": ["備蓄食料や水を地区ごとに十分に用意しておいてほしい",
                      "アレルギーのある子どもでも食べられる非常食を備蓄してください"],
        "volunteer_fire": ["消防団員が減っている。団員の手当を上げて、若い人が入りやすくしてほしい",
                           "地元の消防団が高齢化して、いざという時に動けない。団の活動を支援してほしい"],
        "disaster_info": ["防災無線が雨の音で聞こえない。スマホにも避難情報を届けてほしい",
                          "災害の時の情報が遅い。メールやアプリで早く知らせる仕組みを"],
        "quake_retrofit": ["古い木造住宅の耐震改修に補助を出してほしい",
                           "昭和の家に住んでいるが地震で倒れないか心配。耐震診断と補強の費用を支援して"],
        "drills": ["地域の防災訓練に若い世代が参加しない。学校と一緒に訓練をしてはどうか",
                   "実際に役立つ避難訓練を年に何度か、夜間も含めてやるべきだ"],
    },
    "デジタル化": {
        "online_procedures": ["役所の手続きをオンラインでできるようにしてほしい。平日に休みを取るのは大変",
                              "申請のたびに窓口へ行くのは無駄です。電子申請を増やしていただきたい",
                              "書類の押印や紙の提出をやめて、スマホで申し込めるように"],
        "elderly_digital": ["スマホを使えない高齢者が取り残されないよう、使い方教室を開いてほしい",
                            "デジタル化で年寄りが置いていかれる。紙の手続きも残してください"],
        "mobile_coverage": ["山間部で携帯電話がつながらない場所がある。電波の届かない地域をなくして",
                            "光回線が来ていない集落があり、在宅勤務ができない。通信環境を整えてほしい"],
        "mynumber_trouble": ["マイナンバーカードの誤登録が心配。個人情報の管理を徹底してほしい",
                             "マイナ保険証のトラブルが続いている。従来の保険証を使えるようにしておいて"],
        "open_data": ["県の統計や予算のデータをオープンデータとして公開してほしい",
                      "行政の情報をもっと見やすくホームページで公開し、誰でも使える形式にしてください"],
        "school_ict": ["学校のタブレット端末が古くて動きが遅い。更新の予算を確保して",
                       "一人一台の端末を配っても先生が使いこなせていない。ICT支援員を増やしてほしい"],
        "cashless_fees": ["窓口の手数料をキャッシュレスで払えるようにしてほしい",
                          "証明書の発行で現金しか使えないのは不便です。電子マネーやクレジットカード払いを"],
        "remote_work_hub": ["空いている施設をコワーキングスペースにして、テレワーク移住を呼び込んではどうか",
                            "都会の会社で働きながら地方に住める、サテライトオフィスの整備を進めてほしい"],
    },
    "医療": {
        "doctor_shortage": ["地域の病院で医師が足りず、診察まで何時間も待つ。医師を確保してほしい",
                            "産婦人科や小児科のお医者さんが近くにいない。医師不足の解消を"],
        "emergency_transfer": ["救急車が来るまでに時間がかかりすぎる。救急体制を強化して",
                               "夜間に子どもが熱を出しても受け入れてくれる病院がなく、たらい回しにされた"],
        "hospital_closure": ["公立病院の統合で近くの病院がなくなるのは困る。地域医療を守ってほしい",
                             "町の病院が診療所に縮小されると聞いた。入院できる病院を残してください"],
        "home_care": ["在宅医療や訪問看護を充実させ、住み慣れた家で最期を迎えられるように",
                      "通院できない親のために、往診してくれる医師や訪問看護師を増やしてほしい"],
        "nursing_care_staff": ["介護職員の給料が低く人が集まらない。処遇改善をお願いしたい",
                               "介護施設が人手不足で、申し込んでも入所できない。ヘルパーを増やす対策を"],
        "mental_health": ["心の病気で悩む若者のための相談先を増やしてほしい",
                          "自殺を防ぐため、気軽にメンタルヘルスの相談ができる窓口をSNSにも"],
        "online_medicine": ["オンライン診療を山間部や離島でも受けられるようにしてほしい",
                            "遠くの病院に通うのは負担です。ビデオ通話で診察してもらえる仕組みを"],
        "checkups": ["がん検診の受診率が低い。休日にも検診を受けられるようにして",
                     "健康診断の費用を補助し、職場で受けられない人も受診しやすくしてほしい"],
    },
    "環境": {
        "garbage_sorting": ["ごみの分別が細かすぎて分かりにくい。分け方を簡単にしてほしい",
                            "資源ごみの出し方が複雑で、高齢者には覚えられない。分別ルールの見直しを"],
        "plastic_reduction": ["レジ袋やペットボトルなどプラスチックごみを減らす取り組みを進めて",
                              "使い捨てのプラ容器が多すぎる。給水スポットを増やして、マイボトルを広めてほしい"],
        "renewable_energy": ["太陽光や小水力など再生可能エネルギーの導入を県として進めてほしい",
                             "屋根に太陽光パネルを載せる家庭への補助を増やし、脱炭素を進めていただきたい"],
        "mega_solar_forest": ["山林を切り開くメガソーラー開発は土砂崩れが心配。規制する条例を",
                              "森を伐採して太陽光発電所をつくるのは本末転倒だ。景観と自然を守ってほしい"],
        "illegal_dumping": ["山道に家電や粗大ごみが不法投棄されている。監視カメラを設置して取り締まって",
                            "不法投棄が後を絶たない。パトロールを強化し、捨てた人を厳しく罰してほしい"],
        "wildlife_damage": ["イノシシやシカに畑を荒らされる。鳥獣被害への対策を強化して",
                            "クマが住宅地の近くに出て怖い。捕獲の体制と出没情報の発信を"],
        "green_parks": ["街路樹や公園の緑を減らさないでほしい",
                        "木陰のある公園を増やして、夏の暑さを和らげる街づくりをしてほしい"],
        "ev_charging": ["電気自動車の充電スタンドが少ない。公共施設に急速充電器を",
                        "EVを買いたいが、近くで充電できる場所がないので踏み切れない"],
    },
}

OPENERS = ["", "", "", "県民の一人として意見します。", "いつもお世話になっております。", "{place}在住の会社員です。",
           "{place}に住む主婦です。", "{place}で農業を営んでいます。", "70代の年金生活者です。", "子育て中の親です。",
           "計画案を拝見しました。", "大学生です。"]
REASONS = ["", "", "", "", "周りの人も同じことを言っています。", "毎日の暮らしに関わる切実な問題です。",
           "若い人が県外に出て行ってしまう理由の一つだと思います。", "将来が不安です。", "他県ではすでに実施されています。",
           "予算が限られているのは承知しています。"]
CLOSERS = ["。", "。", "と思います。", "。よろしくお願いいたします。", "。ぜひご検討ください。", "。", "！",
           "。計画に盛り込んでいただきたい。", "。"]
PLACES = ["湯元市", "北山町", "南浜市", "川辺村", "中央区", "西原町"]
SECOND_POINT = 0.125  # share of comments that also raise a minor point from another item of the same topic


def _sentence(text: str, closer: str) -> str:
    text = text.rstrip("。")
    if closer == "と思います。" and (text.endswith(("ください", "ほしい", "たい", "を", "て", "か")) or "？" in text):
        closer = "。"  # "…してください" + "と思います" is not Japanese
    return text + closer


def comments(seed: int = 0) -> list[tuple[str, str, str]]:
    """(comment, item, topic) in a shuffled order: 2–8 comments per item, deterministic for the seed."""
    rng = random.Random(seed)
    rows = []
    for topic, items in ITEMS.items():
        names = list(items)
        for item, wordings in items.items():
            for n in range(rng.choice([2, 3, 3, 4, 4, 5, 5, 6, 7, 8])):
                body = _sentence(wordings[(n + rng.randrange(2)) % len(wordings)], rng.choice(CLOSERS))
                if rng.random() < SECOND_POINT:
                    other = items[rng.choice([name for name in names if name != item])]
                    body += "また、" + _sentence(other[-1], "。")
                opener = rng.choice(OPENERS).format(place=rng.choice(PLACES))
                reason = rng.choice(REASONS)
                rows.append((opener + body + reason, item, topic))
    rng.shuffle(rows)
    return rows


OUT = Path(__file__).resolve().parent.parent / "yukemuri" / "listening" / "tests" / "data" / "public_comments.csv"


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["comment-id", "comment-body", "item", "topic"])
        for number, (body, item, topic) in enumerate(comments(), start=1):
            writer.writerow([number, body, f"{topic}/{item}", topic])
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
