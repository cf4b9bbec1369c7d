"""The help list and a request's page cost a fixed number of queries, however many requests, slots and sign-ups."""

import pytest

from yukemuri.core.testing import get_counted
from yukemuri.events import services as events
from yukemuri.people.tests.factories import PersonFactory


def count(client, url):
    response, captured = get_counted(client, url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("signed_in", [False, True])
def test_help_pages_do_not_grow_with_data(client, make_request, farmer, signed_in, settings):
    settings.PAGE_CACHE_SECONDS = 0
    if signed_in:
        client.force_login(farmer)
    first = make_request(title="一つ目", skills=["草刈り"], slots=2)
    urls = ["/help/", "/help/disaster/", f"/help/{first.pk}/signups/" if signed_in else f"/help/{first.pk}/"]
    [count(client, url) for url in urls]  # warm the per-process memos (areas, municipalities)
    before = [count(client, url) for url in urls]
    for n in range(4):
        request = make_request(title=f"募集{n}", skills=["草刈り", "運転"], slots=2)
        for slot in request.slots.all():
            events.register(event=slot.event, person=PersonFactory())
    for slot in first.slots.all():
        events.register(event=slot.event, person=PersonFactory())
    assert [count(client, url) for url in urls] == before
