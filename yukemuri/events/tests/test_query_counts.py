"""Event and workshop pages cost a fixed number of queries, however many events, sessions and tickets."""

import pytest
from django.utils import timezone

from yukemuri.core.testing import get_counted
from yukemuri.events import services
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area
from yukemuri.workshops import services as workshops

from .factories import make_event, organiser


def count(client, url):
    response, captured = get_counted(client, url)
    assert response.status_code == 200, url
    return len(captured)


def grow(host, series, n, offset):
    for i in range(n):
        session = make_event(host, series=series, session_number=offset + i + 1, title=f"第{offset + i + 1}回", days=5 + i)
        make_event(host, title=f"セミナー{offset + i}", kind="seminar", days=6 + i, step_free=True, interpretation=["English"])
        person = PersonFactory()
        services.register(event=session, person=person)
        diagram = workshops.diagram_create(event=session, by=host, title=f"テーブル{i}")
        node = workshops.node_add(diagram=diagram, by=host, kind="problem", label=f"課題{offset + i}")
        workshops.promote(node=node, by=host)
        workshops.capture_idea(event=session, by=host, title=f"案{offset + i}", body="本文")


@pytest.mark.parametrize("signed_in", [False, True])
def test_event_pages_do_not_grow_with_data(client, gunma, signed_in, settings):
    settings.PAGE_CACHE_SECONDS = 0
    host = organiser()
    if signed_in:
        client.force_login(host)
    series = services.series_create(by=host, title="未来共創ワークショップ 2026 吾妻",
                                    place={"area": Area.objects.get(name="吾妻")})
    grow(host, series, 2, 0)
    first = series.sessions.order_by("session_number").first()
    month = f"{timezone.localtime(first.starts_at):%Y-%m}"
    urls = ["/events/", f"/events/?view=month&month={month}", f"/events/{first.pk}/", f"/workshops/{series.pk}/",
            "/workshops/", "/api/v1/events", "/opendata/events.csv"]
    for url in urls:
        count(client, url)
    small = {url: count(client, url) for url in urls}
    grow(host, series, 6, 2)
    assert {url: count(client, url) for url in urls} == small
    assert max(small.values()) <= 20, small
