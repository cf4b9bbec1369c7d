from datetime import timedelta

from django.utils import timezone

from yukemuri.events import services
from yukemuri.events.models import EventKind
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality


def organiser():
    person = PersonFactory(display_name="主催者")
    role_assign(person=person, role=Role.COORDINATOR)
    return person


def make_event(by, *, capacity=30, days=7, code="102024", series=None, session_number=None, kind="workshop", **fields):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
    fields.setdefault("title", "未来共創ワークショップ 第1回 SDGsカードゲーム")
    fields.setdefault("venue_name", "高崎市役所 21階会議室")
    fields.setdefault("address", "群馬県高崎市高松町35-1")
    return services.event_create(
        by=by, kind=EventKind.objects.get(slug=kind), series=series, session_number=session_number,
        place=None if series else {"municipality": Municipality.objects.get(code=code)},
        starts_at=starts, ends_at=starts + timedelta(hours=3), capacity=capacity, **fields,
    )
