"""Indicators (デモ): seed 001's 33 KPIs with their baselines and targets, a few values entered as staff would
(with their source), and the values the platform computes from the demo's own data. Loading twice changes
nothing: the indicators are made once by slug, a value only when that year has none, and computing replaces."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from yukemuri.events import services as events
from yukemuri.events.models import Event, EventKind, Registration
from yukemuri.kpi import services as kpi
from yukemuri.kpi.compute import compute_all
from yukemuri.kpi.selectors import indicator_detail, values_of

# slug, split, year, value, source: published figures of the kind staff would enter (demo values, marked as such)
VALUES = [
    ("renewable-energy", "", 2021, "6100000", "群馬県 再生可能エネルギー導入状況（デモ）"),
    ("renewable-energy", "", 2022, "6350000", "群馬県 再生可能エネルギー導入状況（デモ）"),
    ("people-moving-in", "", 2021, "1010", "群馬県 移住相談・移住者数調査（デモ）"),
    ("people-moving-in", "", 2022, "1035", "群馬県 移住相談・移住者数調査（デモ）"),
    ("healthy-life-expectancy", "男性", 2019, "72.50", "厚生労働科学研究（デモ）"),
    ("healthy-life-expectancy", "女性", 2019, "75.50", "厚生労働科学研究（デモ）"),
    ("greenhouse-gas-emissions", "", 2020, "14200", "温室効果ガス排出量算定（デモ）"),
    ("pupils-ict-literacy", "", 2022, "90.4", "県学習状況調査（デモ）"),
]


TOKYO = ZoneInfo("Asia/Tokyo")

# Past events of the kinds the plan's KPIs count: kind, title, day, how many demo people were checked in.
COUNTED_EVENTS = [
    ("creator-lab", "クリエイターラボラトリー 地域課題×デザイン（デモ）", (2023, 7, 8), 6),
    ("creator-lab", "クリエイターラボラトリー 観光×映像（デモ）", (2024, 2, 3), 5),
    ("creator-lab", "クリエイターラボラトリー 移住×写真（デモ）", (2024, 8, 24), 7),
    ("online-medicine-seminar", "オンライン診療の先進事例セミナー（デモ）", (2023, 10, 14), 4),
    ("online-career-seminar", "オンラインキャリア教育セミナー 第1回（デモ）", (2023, 6, 10), 0),
    ("online-career-seminar", "オンラインキャリア教育セミナー 第2回（デモ）", (2023, 11, 11), 0),
    ("online-career-seminar", "オンラインキャリア教育セミナー 第3回（デモ）", (2024, 6, 8), 0),
    ("seminar", "スタートアップ機運醸成セミナー（デモ）", (2024, 10, 5), 6),
]


def _counted_events(host, demo_people) -> int:
    """Held as the plan's programmes would be: registered and checked in while upcoming, then dated as they were
    (as the loader backdates its posts)."""
    from yukemuri.regions.models import Municipality

    created = 0
    maebashi = Municipality.objects.get(code="102016")
    for kind, title, (year, month, day), attended in COUNTED_EVENTS:
        if Event.objects.filter(title=title).exists():
            continue
        soon = timezone.now() + timedelta(days=1)
        event = events.event_create(by=host, kind=EventKind.objects.get(slug=kind), title=title,
                                    description="デモ用のイベントです。", place={"municipality": maebashi},
                                    venue_name="官民共創スペース NETSUGEN（デモ）", starts_at=soon,
                                    ends_at=soon + timedelta(hours=2), capacity=40, fee="無料")
        for person in demo_people[:attended]:
            registration = events.register(event=event, person=person)
            events.check_in(event=event, code=registration.code, by=host)
        start = datetime(year, month, day, 14, tzinfo=TOKYO)
        Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + timedelta(hours=2),
                                                 created_at=start - timedelta(days=30))
        Registration.objects.filter(event=event).update(created_at=start - timedelta(days=7),
                                                        checked_in_at=start + timedelta(minutes=5))
        created += 1
    return created


def _partnership(get) -> int:
    """アキヤデアキナイ (posted for the startup アキヤラボ) takes the coordinator 中村, of a university's regional
    office, on its team: a company and a school together, as 企業等と地域・学校との連携 counts. 中村 is on no other
    team, so no other idea counts by accident."""
    from yukemuri.organisations import services as organisations
    from yukemuri.organisations.models import Membership, Organisation
    from yukemuri.teams import services as team
    from yukemuri.teams.models import TeamMember

    idea, lecturer = get("d-akiya"), get("p-nakamura")
    if idea is None or lecturer is None or Organisation.objects.filter(name="群馬大学 地域連携推進室（デモ）").exists():
        return 0
    university = organisations.organisation_create(name="群馬大学 地域連携推進室（デモ）", kind="university",
                                                   is_demo=True, description="デモ用の団体です。実在の団体ではありません。")
    organisations.membership_add(organisation=university, person=lecturer)
    role = team.role_open(idea=idea, by=idea.author, kind="creator", count=1,
                          description="空き家の記録を大学の授業で調べて発信する")
    team.answer(application=team.invite(role=role, person=lecturer, by=idea.author), by=lecturer, accept=True)
    joined = datetime(2023, 5, 20, 10, tzinfo=TOKYO)
    TeamMember.objects.filter(idea=idea, person=lecturer).update(joined_at=joined)
    Membership.objects.filter(organisation=university, person=lecturer).update(joined_at=joined - timedelta(days=400))
    return 1


def load_kpi_demo(staff, get=None) -> int:
    """`staff`: the demo's municipal staff member who enters the values; `get`: the loader's demo objects by key."""
    from yukemuri.people.models import User

    created = kpi.load_indicators()
    demo_people = list(User.objects.filter(is_demo=True).order_by("pk"))
    created += _counted_events(staff, demo_people)
    if get is not None:
        created += _partnership(get)
    for slug, split, year, value, source in VALUES:
        indicator = indicator_detail(slug)
        if any(row.year == year and row.split == split for row in values_of(indicator)):
            continue
        kpi.value_enter(indicator=indicator, by=staff, year=year, value=Decimal(value), split=split, source=source)
        created += 1
    compute_all()
    return created
