"""関係人口 (デモ): demo people tied to Gunma municipalities, a survey of 嬬恋村's own, and a 関係案内人 for three
places. Loaded once: a second load finds every object by its demo key and creates nothing."""

from yukemuri.regions.models import Municipality
from yukemuri.ties import services as ties

TSUMAGOI, KUSATSU, MINAKAMI, KIRYU = "104256", "104264", "104493", "102032"

SURVEYS = {
    TSUMAGOI: ("嬬恋村と一緒にやってみたいことを教えてください（デモ）。", [
        "キャベツの収穫を手伝いたい", "雪かきを手伝いたい", "祭りや行事に参加したい", "高原の特産品を買いたい",
        "オンラインで関わりたい", "移住を考えている",
    ]),
}

GUIDES = [
    (TSUMAGOI, {"name": "浅間 みどり（デモ）", "role": "嬬恋村 未来創造課 関係人口係（デモ）",
                "email": "kankei@tsumagoi.example.jp", "phone": "0279-00-0000",
                "note": "平日 9時〜17時。収穫のお手伝いや移住の相談もどうぞ（デモ）。"}),
    (KIRYU, {"name": "織田 はじめ（デモ）", "role": "桐生市 地域づくり課（デモ）",
             "email": "tsunagaru@kiryu.example.jp", "url": "https://example.jp/kiryu-kankei"}),
    (MINAKAMI, {"name": "利根 あおい（デモ）", "role": "みなかみ町 移住コンシェルジュ（デモ）",
                "email": "iju@minakami.example.jp", "note": "オンライン相談を毎月開いています（デモ）。"}),
]

# key, person key, municipality code, kinds, since, survey keys, own words, residence, contact, shown by name
TIES = [
    ("tie-misaki-tsumagoi", "p-misaki", TSUMAGOI, ["fan", "visitor"], 2019, ["q1", "q3"],
     "毎年夏に通っています。収穫の時期に友人と手伝いに行きたいです。", "13", True, True),
    ("tie-misaki-kiryu", "p-misaki", KIRYU, ["hometown", "former_resident"], 1998, ["festival", "skills"],
     "八木節まつりのポスターを作ってみたい。", "13", True, True),
    ("tie-linh-minakami", "p-linh", MINAKAMI, ["works_studies"], 2022, ["festival", "online"], "", "", True, False),
    ("tie-haruto-kusatsu", "p-haruto", KUSATSU, ["visitor", "donor"], 2021, ["snow", "buy"], "", "", False, True),
    ("tie-kenta-tsumagoi", "p-kenta", TSUMAGOI, ["visitor"], None, ["q2"], "雪かきなら任せてください。", "",
     True, True),
    ("tie-yui-kiryu", "p-yui", KIRYU, ["fan"], 2020, ["skills"], "空き家の活用で協力できます。", "", True, False),
    ("tie-nakamura-minakami", "p-nakamura", MINAKAMI, ["fan", "dual_residence"], 2023, ["farm", "move"], "",
     "11", False, True),
    ("tie-nakamura-kusatsu", "p-nakamura", KUSATSU, ["donor"], 2020, [], "", "11", False, False),
]


def load_ties_demo(get, once) -> None:
    """`get(key)` finds a demo object, `once(key, make)` makes it the first time only (demo.loader.Loader)."""
    for code, (intro, lines) in SURVEYS.items():
        place = Municipality.objects.get(code=code)
        once(f"ties-survey-{code}", lambda place=place, intro=intro, lines=lines: ties.survey_update(
            municipality=place, by=None, lines=lines, intro=intro))
    for code, fields in GUIDES:
        place = Municipality.objects.get(code=code)
        once(f"ties-guide-{code}", lambda place=place, fields=fields: ties.guide_set(
            municipality=place, by=None, **fields))
    for key, person_key, code, kinds, since, wishes, words, lives, contact, shown in TIES:
        def make(person_key=person_key, code=code, kinds=kinds, since=since, wishes=wishes, words=words,
                 lives=lives, contact=contact, shown=shown):
            return ties.tie_create(
                person=get(person_key), municipality=Municipality.objects.get(code=code), kinds=kinds, since=since,
                wishes=wishes, wish_text=words, contact_consent=contact, public_consent=shown,
                prefecture=lives or None, demo=True)
        once(key, make)
