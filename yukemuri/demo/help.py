"""お手伝い募集 (デモ): real-looking help requests in Gunma — 嬬恋村 キャベツ収穫, 草津町 雪かき, 桐生 八木節まつり設営,
みなかみ 棚田の草刈り and one 災害支援 — with time slots in the coming weeks, made through the help services.

Each host is a demo organisation (verified, as the loader does for the demo municipalities) with a demo member;
嬬恋村's request gives points from the demo issuer of 嬬恋村 (made by the loader's _points). Every object is made
once under a stable key (the loader's `once`), so loading again changes nothing.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from yukemuri.help import services as help_services
from yukemuri.organisations import services as organisations
from yukemuri.regions.models import Municipality

TOKYO = ZoneInfo("Asia/Tokyo")

# key, name, kind, municipality code, member (demo person key)
HOSTS = [
    ("org-help-tsumagoi", "嬬恋高原キャベツ農家の会（デモ）", "company", "104256", "p-kenta"),
    ("org-help-kusatsu", "草津温泉 雪かき応援隊（デモ）", "npo", "104264", "p-kenta"),
    ("org-help-kiryu", "桐生八木節まつり 設営ボランティア実行委員会（デモ）", "npo", "102032", "p-misaki"),
    ("org-help-minakami", "みなかみ町 棚田を守る会（デモ）", "npo", "104493", "p-kenta"),
]

# key, host key (None: posted by staff), poster, municipality, fields, slots (days from today, start hour, hours,
# helpers), disaster
REQUESTS = [
    ("help-tsumagoi-cabbage", "org-help-tsumagoi", "p-kenta", "104256", {
        "title": "高原キャベツの収穫のお手伝い（デモ）", "kind": "harvest",
        "description": "標高1,000mを超える畑で、朝採りキャベツの収穫と箱詰めを手伝ってください。\n\n"
                       "- 農家さんが切り方を教えます。初めての方も歓迎\n- 雨天時は箱詰め作業のみ\n\n"
                       "デモ用の募集です。実在の募集ではありません。",
        "place_name": "鎌原地区 集荷場前", "latitude": 36.516, "longitude": 138.530,
        "languages": ["日本語", "English"], "safety_note": "長袖・長靴・帽子をご用意ください。傷害保険は主催者が加入します。",
        "accessibility_note": "畑は傾斜があります。箱詰めは屋内・段差なしでできます。",
        "points": 50, "goods": "キャベツ1箱", "meal": True, "travel_covered": False,
        "travel_note": "JR万座・鹿沢口駅から送迎あり",
    }, ["農業"], [(10, 5, 4, 8), (11, 5, 4, 8), (17, 5, 4, 6)], False),
    ("help-kusatsu-snow", "org-help-kusatsu", "p-kenta", "104264", {
        "title": "湯畑周辺の雪かき（デモ）", "kind": "snow",
        "description": "高齢の方が暮らす家の前と、湯畑へ続く坂道の雪かきです。スコップは貸し出します。\n\n"
                       "デモ用の募集です。実在の募集ではありません。",
        "place_name": "湯畑 観光案内所前", "latitude": 36.623, "longitude": 138.596,
        "safety_note": "屋根には上りません。滑りにくい靴で来てください。", "goods": "日帰り入浴券",
        "experience": "湯もみショーの見学", "travel_covered": True, "travel_note": "高速バス代を補助します（上限3,000円）",
    }, [], [(14, 9, 3, 10), (21, 9, 3, 10)], False),
    ("help-kiryu-yagibushi", "org-help-kiryu", "p-misaki", "102032", {
        "title": "桐生八木節まつり やぐら設営のお手伝い（デモ）", "kind": "festival",
        "description": "まつり会場の本町通りで、やぐらの組み立て、提灯の飾り付け、会場の清掃をします。\n\n"
                       "デモ用の募集です。実在の募集ではありません。",
        "place_name": "本町一丁目 まつり本部", "latitude": 36.411, "longitude": 139.334,
        "languages": ["日本語"], "accessibility_note": "提灯の飾り付けは座ってできます。",
        "safety_note": "高所作業はスタッフが行います。軍手を配ります。", "meal": True, "goods": "まつり手ぬぐい",
    }, ["イベント企画", "デザイン"], [(18, 13, 4, 12), (19, 9, 4, 12)], False),
    ("help-minakami-tanada", "org-help-minakami", "p-kenta", "104493", {
        "title": "棚田の草刈りと水路の掃除（デモ）", "kind": "cleaning",
        "description": "たくみの里近くの棚田で、あぜの草刈りと水路の落ち葉上げをします。作業の後は地元の方と交流会。\n\n"
                       "デモ用の募集です。実在の募集ではありません。",
        "place_name": "須川 棚田の駐車場", "latitude": 36.727, "longitude": 138.951,
        "safety_note": "草刈り機は経験者のみ。鎌での作業もあります。", "meal": True,
        "experience": "そば打ち体験", "languages": ["日本語", "English"],
    }, ["農業"], [(24, 9, 5, 15)], False),
    ("help-disaster-kiryu", None, "p-nakamura", "102032", {
        "title": "【災害支援】大雨で浸水した住宅の泥出し（デモ）", "kind": "disaster",
        "description": "大雨で床下浸水した住宅の泥出しと家財の運び出しです。"
                       "社会福祉協議会の受付で説明を受けてから作業します。\n\n"
                       "デモ用の募集です。実在の災害・募集ではありません。",
        "place_name": "桐生市 災害ボランティアセンター（デモ）",
        "safety_note": "マスク・ゴーグル・厚手の手袋・長靴が必要です。ボランティア保険に事前に加入してください。",
        "accessibility_note": "受付・物資の仕分けは段差なしでできます。", "travel_covered": False,
    }, [], [(3, 9, 6, 30), (4, 9, 6, 30)], True),
]


def load_help_demo(loader) -> None:
    """Make the demo hosts and requests once (run after the points demo: 嬬恋村's issuer gives the points)."""
    for key, name, kind, code, member in HOSTS:
        def make(name=name, kind=kind, code=code):
            org = organisations.organisation_create(
                name=name, kind=kind, is_demo=True, municipality=Municipality.objects.get(code=code),
                description="デモ用の団体です。実在の団体ではありません。")
            org.verified = True  # as the loader's demo municipalities: a demo host needs no staff check
            org.save(update_fields=["verified"])
            return org
        org = loader.once(key, make)
        person = loader.get(member)
        if not org.memberships.filter(person=person).exists():
            organisations.membership_add(organisation=org, person=person)
    today = datetime.now(TOKYO).replace(minute=0, second=0, microsecond=0)
    for key, host_key, poster, code, fields, skills, slots, disaster in REQUESTS:
        def make(host_key=host_key, poster=poster, code=code, fields=fields, skills=skills, slots=slots,
                 disaster=disaster):
            by = loader.get(poster)
            request = help_services.request_create(
                by=by, host=loader.get(host_key) if host_key else None,
                municipality=Municipality.objects.get(code=code), skills=skills, **fields)
            request.is_demo = True
            request.save(update_fields=["is_demo"])
            for days, hour, hours, helpers in slots:
                starts = (today + timedelta(days=days)).replace(hour=hour)
                help_services.slot_add(request=request, by=by, starts_at=starts,
                                       ends_at=starts + timedelta(hours=hours), helpers=helpers)
            request = help_services.request_publish(request=request, by=by)
            if disaster:
                help_services.disaster_mark(request=request, by=loader.get("p-sato"))
            return request
        loader.once(key, make)
    _sign_ups(loader)


# Demo people signed up for the cabbage harvest's first slot, so its host sees sign-ups (and the check-in desk
# someone to check in): request key, demo people.
SIGN_UPS = [("help-tsumagoi-cabbage", ("p-haruto", "p-yui"))]


def _sign_ups(loader) -> None:
    from yukemuri.events import services as events
    from yukemuri.events.selectors import registration_of

    for key, people in SIGN_UPS:
        request = loader.get(key)
        slot = request.slots.select_related("event").order_by("event__starts_at").first() if request else None
        if slot is None:
            continue
        for person_key in people:
            person = loader.get(person_key)
            if person is not None and registration_of(slot.event, person) is None:
                events.register(event=slot.event, person=person, language=person.preferred_language or "ja")
