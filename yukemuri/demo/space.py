"""共創スペース (デモ): NETSUGEN on floors 31–32 of the prefectural office in 前橋市 (seed 001: weekdays 10:00–21:00,
weekends and public holidays 10:00–18:00), with its open space, two meeting rooms, the video studio tsulunos and
the social marché & kitchen GINGHAM (seed 002); closed 12/29–1/3 each year end (the demo's choice, the usual
年末年始 of a prefectural building); a demo operator (a demo contracting company, not the real contractor);
a few bookings in the coming days, by demo members (loaded after demo/membership.py: only members book). Every
object is made once under a stable key, so loading again adds nothing.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from yukemuri.organisations import services as organisations
from yukemuri.people import services as people
from yukemuri.people.models import ConsentPurpose, Role
from yukemuri.regions.models import Municipality, Prefecture
from yukemuri.space import services as space_services
from yukemuri.space.models import Facility, Space, WeeklyHours
from yukemuri.space.selectors import schedule_of

MAEBASHI = "102016"
WEEKDAY, WEEKEND = (time(10), time(21)), (time(10), time(18))

FACILITIES = [
    ("space-f-open", {"name": "オープンスペース", "kind": Facility.Kind.SPACE, "capacity": 60, "bookable": False,
                      "description": "会員なら予約なしで使えるワークスペース。セミナーや交流会の会場にもなります。",
                      "equipment": "Wi-Fi、電源付きの大机、プロジェクター、マイク",
                      "accessibility": "段差なし。エレベーターで32階へ。多目的トイレは同じ階にあります。"}),
    ("space-f-room1", {"name": "会議室1", "kind": Facility.Kind.ROOM, "capacity": 8, "bookable": True,
                       "equipment": "モニター（HDMI）、ホワイトボード、Web会議用カメラ",
                       "accessibility": "段差なし。車いすで使える机があります。", "free_cancellation_hours": 24}),
    ("space-f-room2", {"name": "会議室2", "kind": Facility.Kind.ROOM, "capacity": 4, "bookable": True,
                       "equipment": "モニター（HDMI）", "accessibility": "段差なし。",
                       "free_cancellation_hours": 24}),
    ("space-f-tsulunos", {"name": "動画・放送スタジオ「tsulunos」", "kind": Facility.Kind.STUDIO, "capacity": 10,
                          "bookable": True, "max_booking_minutes": 180, "free_cancellation_hours": 72,
                          "description": "県の動画・放送スタジオ。配信や収録に使えます（デモ）。",
                          "equipment": "カメラ3台、照明、配信機材、グリーンバック",
                          "accessibility": "段差なし。収録スペースまで車いすで入れます。"}),
    ("space-f-gingham", {"name": "ソーシャルマルシェ&キッチン「GINGHAM」", "kind": Facility.Kind.KITCHEN,
                         "capacity": 30, "bookable": True, "max_booking_minutes": 240, "free_cancellation_hours": 72,
                         "description": "試食会やマルシェ、料理のワークショップに使えるキッチン（デモ）。",
                         "equipment": "業務用コンロ、オーブン、冷蔵庫、調理台",
                         "accessibility": "段差なし。調理台の一つは低い高さです。"}),
]

# (key, facility key, person key, days ahead (the n-th open day), start, hours, purpose)
BOOKINGS = [
    ("space-b-1", "space-f-room1", "p-haruto", 1, time(10), 1, "子育てサークルの打合せ"),
    ("space-b-2", "space-f-tsulunos", "p-yui", 2, time(13), 2, "空き家活用の紹介動画の収録"),
    ("space-b-3", "space-f-gingham", "p-kenta", 3, time(11), 3, "キャベツ料理の試食会"),
    ("space-b-4", "space-f-room2", "p-haruto", 3, time(15), 1, "オンライン面談"),
]


def _operator(get, once):
    company = once("org-space-operator", lambda: organisations.organisation_create(
        name="NETSUGEN 運営事務局（デモ）", kind="company", is_demo=True,
        municipality=Municipality.objects.get(code=MAEBASHI),
        description="官民共創スペースの運営を受託している会社（デモ）。実在の団体ではありません。"))

    def make():
        return people.person_register(
            email="demo-space-operator@example.jp", password=None, display_name="運営スタッフ（デモ）",
            relation="works", home_municipality=Municipality.objects.get(code=MAEBASHI), is_demo=True,
            consents={ConsentPurpose.TERMS})

    person = once("p-space-operator", make)
    organisations.membership_add(organisation=company, person=person)
    people.role_assign(person=person, role=Role.OPERATOR)
    return company, person


def _open_days(space, count):
    """The next `count` days (from tomorrow) on which the space is open."""
    schedule, day, found = schedule_of(space.pk), timezone.localdate(), []
    while len(found) < count:
        day += timedelta(days=1)
        if schedule.hours(day):
            found.append(day)
    return found


def load_space_demo(get, once) -> None:
    company, operator = _operator(get, once)

    def make_space():
        space = Space.objects.create(
            name="NETSUGEN", name_kana="ネツゲン", slug="netsugen", prefecture=Prefecture.objects.get(code="100005"),
            municipality=Municipality.objects.get(code=MAEBASHI), address="群馬県前橋市大手町1-1-1",
            address_extra="群馬県庁 31・32階", latitude=36.3907, longitude=139.0604, operator=company, is_demo=True,
            description="官民共創スペース。アイデアを形にしたい人、企業、支援する団体が集まり、交流し、新しいビジネスや"
                        "社会の変革につなげる拠点です（2020年12月21日オープン）。")
        space_services.hours_set(space=space, by=operator, rows={
            **{day: WEEKDAY for day in range(5)}, 5: WEEKEND, 6: WEEKEND, WeeklyHours.Day.HOLIDAY: WEEKEND})
        return space

    space = once("space-netsugen", make_space)
    for n, (key, values) in enumerate(FACILITIES):
        once(key, lambda values=values, n=n: space_services.facility_save(space=space, by=operator,
                                                                         sort_order=n, **values))
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year, this_year + 1):  # 年末年始: 12/29–1/3
        once(f"space-closure-{year}", lambda year=year: space_services.closure_add(
            space=space, by=operator, starts_on=datetime(year, 12, 29).date(), ends_on=datetime(year + 1, 1, 3).date(),
            reason="year_end", note="年末年始"))
    space_services.open_data_publish(space=space)  # 公共施設一覧: upserted, unchanged on a second load


def load_space_bookings_demo(get, once) -> None:
    """The demo's bookings, after the members (demo/membership.py): only members of the space book its rooms
    (docs/decisions/0029), and each demo person who books holds a membership from last month on."""
    space = get("space-netsugen")
    if space is None:
        return
    days = _open_days(space, 3)
    for key, facility_key, person_key, nth, start, hours, purpose in BOOKINGS:
        person = get(person_key)

        def make(facility_key=facility_key, person=person, nth=nth, start=start, hours=hours, purpose=purpose):
            starts = timezone.make_aware(datetime.combine(days[nth - 1], start))
            return space_services.book(facility=get(facility_key), person=person, by=person, starts_at=starts,
                                       ends_at=starts + timedelta(hours=hours), purpose=purpose)

        if person is not None:
            once(key, make)
