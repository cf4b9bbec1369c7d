"""地域別将来ビジョン (デモ): the nine areas of the 未来共創ワークショップ (seed 002, 2021–2023) each with a vision drawn
from the themes and the real ideas of their workshop, a second version, a follow-up update, and for 桐生みどり a
published yearly review; and one evaluated idea (17色のひもかわプロジェクト: an outcome, measured values, a
confirmed evaluation). The texts are demo texts written for the platform, not the areas' real visions: every
vision says so. Each object is made once under a stable key, so loading again adds nothing."""

from datetime import date, datetime, time
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

from yukemuri.ideas import evaluation
from yukemuri.regions.models import Area
from yukemuri.topics.models import SDGGoal, Theme
from yukemuri.visions import services
from yukemuri.visions.models import Revision, Steward, Update

TOKYO = ZoneInfo("Asia/Tokyo")
DEMO_NOTE = ("※これはデモ用の文章です。実際の地域別将来ビジョンではありません。テーマとアイデアは「未来共創ワークショップ」"
             "（群馬県 未来創生室）の資料によります。")

# area, year, title, themes, SDGs, issue keys, idea keys, sections of version 1, the section version 2 adds,
# version 2's note, the update (date, title, text)
VISIONS = [
    ("甘楽富岡", 2021, "世界遺産のまちに、立ち寄りたくなる日常を", ["商店街", "観光", "地産地消"], [8, 11, 12],
     ["i-tomioka-shops"], ["d-myogi", "d-crepe"],
     [("めざす姿", "富岡製糸場を訪れた人が、商店街で食べ、買い、地域の人と話して帰る。妙義の産品と人が集まり、"
               "古民家が新しい店や工房として生き返っている。"),
      ("取り組むこと", "- 妙義ふるさとマルシェを定期開催にする\n- 富岡クレープで、まちの立ち寄り先をつくる\n"
                    "- 小屋や古民家のリノベーションを、体験ワークショップとして地域に開く")],
     ("古民家を生かす", "「古民家カベ塗り体験！」や小屋のリノベーションとコーヒーの入れ方ワークショップのように、"
                     "直す過程そのものを人が集まる機会にする。"),
     "古民家の節を追加",
     ("2024-11-20", "妙義ふるさとマルシェ 秋の回を開催", "出店は12店、来場はおよそ300人（デモ）。次回は春の開催を検討中です。")),
    ("利根沼田", 2021, "子どもから大人まで、村づくりを学び実践する郷", ["村づくり"], [4, 11, 17],
     ["i-oze"], ["d-oze"],
     [("めざす姿", "新しい課題を感じたとき、子ども・若者から大人まで、民と官が一緒に学び、実践できる。"),
      ("取り組むこと", "- おぜのさと倶楽部を続け、官民協働推進アカデミーを開く\n- 多様な主体によるオープンなプレゼン大会を開く")],
     ("これまでの歩み", "ワークショップをきっかけに「おぜのさと倶楽部」が生まれ、R4年12月には地域住民と"
                     "ロゴづくりのワークショップを開いた。"),
     "これまでの歩みを追記",
     ("2023-07-15", "倶楽部の定例会が月1回に", "おぜのさと倶楽部の定例会が月1回になりました（デモ）。")),
    ("桐生みどり", 2021, "食文化から、SDGsを自分ごとにするまち", ["SDGs", "食文化"], [4, 12, 17],
     ["i-sdgs-kiryu"], ["d-himokawa", "d-kiryu-sdgs"],
     [("めざす姿", "身近な食や暮らしを入口に、SDGsの17の目標を自分ごととして考える人が増えている。"),
      ("取り組むこと", "- 17色のひもかわプロジェクトで、ひもかわうどんをSDGsの色で彩る\n"
                    "- Kiryu×SDGs 取組集で、地域の取組を集めて伝える\n- みんなでつなぐ私のSDGs")],
     ("広げる", "取組集を学校や企業が使えるようにし、近隣の市町村にも広げる。"),
     "「広げる」の節を追加",
     ("2024-06-10", "Kiryu×SDGs 取組集が伊勢崎市でも", "取組集の形式が伊勢崎市でも使われ始めました（デモ）。")),
    ("北群馬渋川", 2022, "手をつなぐ未来 — ひろがりの湯", ["空き家", "子供の居場所", "男性の家事育児", "創造の森キャンプ場"],
     [4, 5, 11, 17], ["i-akiya", "i-children", "i-fathers", "i-shinto-info"], ["d-akiya", "d-kodomo", "d-sns", "d-wa"],
     [("めざす姿", "今まで繋がっていなかった人や物がつながることによってアイデアが浮かび、未来の可能性が広がる。"
               "入浴する人（手を繋いだ）の数によって温泉の広さが決まる。"),
      ("空き家", "官民連携で空き家活用のスタートアップを立ち上げ、情報の収集、活用後の商業展開の提案、人材のマッチングを行う。"),
      ("子どもの居場所", "子どもサミットで出たアイデアを、子ども食堂とオンラインをつないで実現する広場をつくる。")],
     ("つながりを広げる", "パパたちがSNSで家事育児の情報を交換し、榛東村の『Ecozone』グループはまず百人まで輪を広げる。"),
     "「つながりを広げる」の節を追加",
     ("2025-05-20", "アキヤデアキナイのクラウドファンディング開始", "空き家改修の資金集めが始まりました（デモ）。")),
    ("多野藤岡", 2022, "山と川と人をつなぐ多野藤岡", ["官民共創"], [11, 15, 17], [], [],
     [("めざす姿", "SDGsカードゲーム、課題の構造図、アイデア出しの3回で、地域の課題と資源を掘り起こした。"
               "その成果を地域で議論し続ける。"),
      ("取り組むこと", "- ワークショップの参加者が続けて集まる場をつくる\n- 構造図から見えた課題に、官民で取り組む")],
     ("フォローアップ", "年に一度、ビジョンに沿った取組の進み具合を振り返る。"),
     "フォローアップの節を追加",
     ("2024-03-01", "ふりかえりの会を開催", "ワークショップ参加者が集まり、1年の歩みを振り返りました（デモ）。")),
    ("吾妻", 2022, "温泉と暮らしがめぐる吾妻", ["官民共創"], [8, 11, 17], [], [],
     [("めざす姿", "地域の人たちが、課題の構造図で見えた課題と価値を再認識し、ワークショップを母体に取組を実行している。"),
      ("取り組むこと", "- 地域での新ビジネスの創出を支える\n- 再生可能エネルギーの活用を考える")],
     ("フォローアップ", "ビジョン策定後も地域での議論を続け、実行→評価→改善のプロセス全体に住民が参加する。"),
     "フォローアップの節を追加",
     ("2024-02-10", "地域の議論を継続", "ビジョンに沿った取組の候補を3つに絞りました（デモ）。")),
    ("前橋・佐波伊勢崎", 2023, "多様な人が共に創る県央のまち", ["官民共創"], [9, 11, 17], [], [],
     [("めざす姿", "県庁のNETSUGENを拠点に、官と民が出会い、地域の課題と価値を掘り起こし続けている。"),
      ("取り組むこと", "- ワークショップのアイデアを実装まで支える\n- 企業など多様な人の参画を広げる")],
     ("実装への壁", "キーマンの有無や資金の不足で実装に壁がある。担い手と資金をつなぐ仕組みを整える。"),
     "実装への壁の節を追加",
     ("2024-09-05", "NETSUGENで交流会", "ワークショップ参加者と企業の交流会を開きました（デモ）。")),
    ("高崎安中", 2023, "まちなかと里山をつなぐ高崎安中", ["官民共創"], [8, 11, 17], [], [],
     [("めざす姿", "地域の人たちと未来を共創し、まちなかと里山の資源を生かした取組が生まれている。"),
      ("取り組むこと", "- アイデア出しの成果を、小さな実証から始める")],
     ("フォローアップ", "年に一度、ビジョンに沿った取組を振り返り、ビジョンを更新する。"),
     "フォローアップの節を追加",
     ("2024-10-12", "実証の候補を検討", "アイデアから2件を実証の候補に選びました（デモ）。")),
    ("太田・邑楽館林", 2023, "ことばの壁を越えて共に暮らす", ["多文化共生", "やさしい日本語"], [10, 16, 17],
     ["i-foreign"], [],
     [("めざす姿", "外国人住民にも地域の情報が届き、イベントや防災、子育ての場に一緒に参加している。"),
      ("取り組むこと", "- やさしい日本語と多言語で発信する\n- 外国人住民が地域活動に参加するきっかけをつくる")],
     ("担い手", "通訳や料理など、外国人住民の得意を地域の担い手として生かす。"),
     "担い手の節を追加",
     ("2024-12-01", "やさしい日本語の発信を開始", "エリアのイベント情報をやさしい日本語でも発信し始めました（デモ）。")),
]
STEWARDS = {"利根沼田": "p-kenta", "北群馬渋川": "p-yui", "桐生みどり": "p-misaki"}
REVIEW = ("桐生みどり", 2022, "取組集の聞き取り20件を終え、公開に向けて編集中。（デモ）")


def _text(sections) -> str:
    return "\n\n".join(f"## {heading}\n\n{body}" for heading, body in sections) + f"\n\n{DEMO_NOTE}"


def _at(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(10), tzinfo=TOKYO)


def _area_vision(spec, get, once, staff) -> None:
    (area_name, year, title, themes, sdgs, issue_keys, idea_keys, sections, added, note,
     (update_on, update_title, update_body)) = spec
    area = Area.objects.filter(name=area_name).first()
    if area is None:
        return
    links = {"themes": Theme.objects.get_or_create_many(themes), "sdgs": list(SDGGoal.objects.filter(number__in=sdgs)),
             "issues": [p for p in map(get, issue_keys) if p is not None],
             "ideas": [p for p in map(get, idea_keys) if p is not None],
             "series": [s for s in [get(f"ws-{year}-{area_name}")] if s is not None]}
    vision = once(f"vision-{area_name}", partial(
        services.vision_create, by=staff, area=area, title=title, body=_text(sections),
        note="ワークショップの成果から策定", is_demo=True, **links))
    Revision.objects.filter(vision=vision, number=1).update(published_at=_at(f"{year + 1}-03-20"))
    once(f"vision-{area_name}-v2", partial(services.vision_revise, vision=vision, by=staff, title=title,
                                           body=_text([*sections, added]), note=note, **links))
    Revision.objects.filter(vision=vision, number=2).update(published_at=_at(f"{year + 2}-02-15"))
    steward = get(STEWARDS[area_name]) if area_name in STEWARDS else None
    if steward is not None and not Steward.objects.filter(vision=vision, person=steward).exists():
        services.steward_name(vision=vision, by=staff, person=steward)
    once(f"vision-{area_name}-u1", partial(services.update_write, vision=vision, by=steward or staff,
                                           title=update_title, body=update_body,
                                           written_on=date.fromisoformat(update_on)))
    Update.objects.filter(vision=vision).update(created_at=_at(update_on))


def load_visions_demo(get, once) -> None:
    staff = get("p-sato")
    if staff is None:
        return
    for spec in VISIONS:
        _area_vision(spec, get, once, staff)
    area_name, review_year, next_steps = REVIEW
    vision = get(f"vision-{area_name}")
    if vision is not None:
        draft = services.review_draft(vision, review_year)
        once(f"vision-{area_name}-review-{review_year}", partial(
            services.review_save, vision=vision, by=get(STEWARDS[area_name]), year=review_year, moved=draft.moved,
            stalled=draft.stalled or "特になし（デモ）", next_steps=next_steps, publish=True))
    _evaluated_idea(get, once)


def _evaluated_idea(get, once) -> None:
    """17色のひもかわプロジェクト (running since 2022): the team counts the people its tasting events reach."""
    idea, coordinator = get("d-himokawa"), get("p-nakamura")
    if idea is None or coordinator is None:
        return
    lead = idea.author
    outcome = once("eval-himokawa-outcome", lambda: evaluation.outcome_set(
        idea=idea, by=lead, indicator="試食イベントの参加者数（累計）", unit="人", goal=Decimal(1000),
        goal_by=date(2025, 3, 31)))
    for key, day, value, note in (("eval-himokawa-m1", "2022-03-05", 180, "初回の試食イベント"),
                                  ("eval-himokawa-m2", "2023-03-31", 520, "市内のイベント3回（デモ）"),
                                  ("eval-himokawa-m3", "2024-03-31", 760, "学校での出前授業を含む（デモ）")):
        once(key, lambda d=day, v=value, n=note: evaluation.measurement_add(
            outcome=outcome, by=lead, measured_on=date.fromisoformat(d), value=Decimal(v), note=n))
    written = once("eval-himokawa-2023", lambda: evaluation.evaluation_write(
        idea=idea, by=lead, year=2023,
        worked="学校での出前授業が好評で、子どもと家族の参加が増えた。製麺所の協力で試作の費用が下がった。（デモ）",
        did_not_work="飲食店での常時提供は、色素の管理と価格で折り合わず進まなかった。（デモ）",
        decision="change"))
    if written.confirmed_at is None:
        evaluation.evaluation_confirm(evaluation=written, by=coordinator)
