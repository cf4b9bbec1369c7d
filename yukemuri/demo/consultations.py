"""相談業務 (デモ): two coordinators of NETSUGEN with their qualifications (seed 001: 公認会計士や中小企業診断士などの
資格を持ったコーディネーター), a few slots on the next open days and one booked consultation. Every object is made once
under a stable key (or found by its natural key), so loading again adds nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from yukemuri.consultations import services
from yukemuri.consultations.models import Field, Qualification, Stage
from yukemuri.consultations.reference import ensure
from yukemuri.people import services as people
from yukemuri.people.models import ConsentPurpose, Role
from yukemuri.regions.models import Municipality
from yukemuri.space.selectors import schedule_of

# (person key, qualifications, fields, introduction)
COORDINATORS = [
    ("p-space-coordinator", ["cpa", "tax-accountant"], ["funding", "business-plan"],
     "公認会計士・税理士。創業融資や補助金の申請、事業計画の数字づくりを一緒に考えます（デモ）。"),
    ("p-nakamura", ["sme-consultant"], ["business-plan", "sales-channels", "it"],
     "中小企業診断士。販路開拓やデジタル化、県内外の企業とのマッチングが得意です（デモ）。"),
]
# (key, coordinator key, nth open day, start, minutes, facility key or None for online)
SLOTS = [
    ("cons-s-1", "p-space-coordinator", 1, time(13), 60, "space-f-room2"),
    ("cons-s-2", "p-space-coordinator", 1, time(15), 60, None),
    ("cons-s-3", "p-space-coordinator", 2, time(13), 60, "space-f-room2"),
    ("cons-s-4", "p-nakamura", 2, time(10), 60, "space-f-room1"),
    ("cons-s-5", "p-nakamura", 3, time(16), 90, None),
]


def _coordinator(once):
    return once("p-space-coordinator", lambda: people.person_register(
        email="demo-space-coordinator@example.jp", password=None, display_name="佐々木（デモ・公認会計士）",
        relation="works", home_municipality=Municipality.objects.get(code="102016"), is_demo=True,
        consents={ConsentPurpose.TERMS}))


def _open_days(space, count):
    schedule, day, found = schedule_of(space.pk), timezone.localdate(), []
    while len(found) < count:
        day += timedelta(days=1)
        if schedule.hours(day):
            found.append(day)
    return found


def load_consultations_demo(get, once) -> None:
    space, operator = get("space-netsugen"), get("p-space-operator")
    if space is None or operator is None:
        return
    ensure(Qualification, Field)  # after a flush the migration's rows are gone; the demo needs them
    _coordinator(once)
    for key, qualifications, fields, introduction in COORDINATORS:
        person = get(key)
        if person is None:
            continue
        people.role_assign(person=person, role=Role.COORDINATOR)
        if not hasattr(person, "coordinator_profile"):
            services.profile_save(by=operator, person=person, space=space, introduction=introduction,
                                  qualifications=list(Qualification.objects.filter(code__in=qualifications)),
                                  fields=list(Field.objects.filter(code__in=fields)))
    days = _open_days(space, 3)
    for key, coordinator_key, nth, start, minutes, facility_key in SLOTS:
        coordinator = get(coordinator_key)
        if coordinator is None:
            continue
        once(key, lambda c=coordinator, nth=nth, start=start, minutes=minutes, fk=facility_key: services.slot_publish(
            by=type(c).objects.get(pk=c.pk), starts_at=timezone.make_aware(datetime.combine(days[nth - 1], start)),
            minutes=minutes, facility=get(fk) if fk else None, online=fk is None))
    member, slot = get("p-haruto"), get("cons-s-1")
    if member is not None and slot is not None:
        once("cons-c-1", lambda: services.book(
            by=member, slot=slot, topic="子育てカフェの開業資金", stage=Stage.PREPARING, field=Field.objects.get(code="funding"),
            needs="日本政策金融公庫の創業融資と、県の補助金のどちらが合うか知りたいです。"))
