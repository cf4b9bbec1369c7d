from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def ngsi_data(gunma, person, make_issue, make_idea):
    """Two issues, an idea answering one, an event in 高崎市, the demo's six facilities and the KPIs."""
    from yukemuri.demo.facilities import load_facilities_demo
    from yukemuri.events.models import Event, EventKind
    from yukemuri.kpi.services import load_indicators
    from yukemuri.regions.models import Municipality

    load_facilities_demo()
    load_indicators()
    takasaki = Municipality.objects.get(code="102024")
    issue = make_issue(person, title="空き家が増えている", code="102083")
    other = make_issue(person, title="バスが少ない", code="102024")
    idea = make_idea(person, title="空き家活用スタートアップ", code="102083", issue_ids=[issue.pk], sdg_numbers=[11])
    event = Event.objects.create(
        kind=EventKind.objects.get(slug="seminar"), title="DXセミナー", prefecture=gunma, municipality=takasaki,
        starts_at=datetime(2026, 12, 5, 9, 30, tzinfo=TOKYO), ends_at=datetime(2026, 12, 5, 11, 0, tzinfo=TOKYO),
        latitude=36.3220, longitude=139.0033, capacity=40, organiser_name="高崎市")
    return {"issue": issue, "other": other, "idea": idea, "event": event}
