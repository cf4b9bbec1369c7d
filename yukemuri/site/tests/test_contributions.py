"""始動人: a profile lists a person's contributions only when they choose to; they see a preview either way."""

import pytest

from yukemuri.events import services as events
from yukemuri.events.models import EventKind
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.people import services as people
from yukemuri.site.contributions import contributions_of


@pytest.fixture
def active_person(person, make_idea, gunma):
    """Posted an idea, attended a workshop and two help days (kind `help`, as the help app adds it), earned
    points once and had another gift reversed."""
    from yukemuri.points import services as points
    from yukemuri.regions.models import Municipality

    make_idea(person, title="棚田を守るアイデア")
    EventKind.objects.get_or_create(slug="help", defaults={"name": "お手伝い", "name_en": "Help"})
    host = organiser()
    for kind, title in (("workshop", "共創ワークショップ"), ("help", "キャベツ収穫"), ("help", "雪かき")):
        event = make_event(host, kind=kind, title=title)
        registration = events.register(event=event, person=person)
        events.check_in(event=event, code=registration.code, by=host)
    events.register(event=make_event(host, title="申し込んだだけの会"), person=person)  # never attended: not counted
    issuer = points.issuer_open(by=None, name="渋川市", municipality=Municipality.objects.get(code="102083"))
    points.earn(issuer=issuer, person=person, amount=30, reason="収穫", key="c:1", by=None)
    mistake = points.earn(issuer=issuer, person=person, amount=500, reason="まちがい", key="c:2", by=None)
    points.reverse(transaction_=mistake, by=_points_staff(), reason="入力ミス")
    return person


def _points_staff():
    from yukemuri.people.models import Role
    from yukemuri.people.tests.factories import PersonFactory

    staff = PersonFactory()
    people.role_assign(person=staff, role=Role.ADMINISTRATOR)
    return staff


def _switch(person, on: bool):
    people.profile_update(person=person, display_name=person.display_name, preferred_language="ja",
                          relation=person.relation, show_contributions=on)


def test_contributions_count_ideas_events_by_kind_help_and_points(active_person):
    found = contributions_of(active_person)
    assert found["idea_count"] == 1 and found["event_count"] == 3 and found["help_count"] == 2
    assert [(entry["kind"].slug, entry["count"]) for entry in found["events_by_kind"]] == [("help", 2), ("workshop", 1)]
    assert found["points"] == 30  # the reversed gift is not counted


def test_the_profile_shows_contributions_only_when_switched_on(client, active_person, other_person):
    client.force_login(other_person)
    url = f"/people/{active_person.pk}/"
    assert "キャベツ収穫" not in client.get(url).content.decode()
    _switch(active_person, True)
    page = client.get(url).content.decode()
    assert "キャベツ収穫" in page and "共創ワークショップ" in page and "申し込んだだけの会" not in page
    _switch(active_person, False)
    assert "キャベツ収穫" not in client.get(url).content.decode()
    client.logout()
    assert "キャベツ収穫" not in client.get(url).content.decode()


def test_the_person_sees_a_preview_and_the_switch(client, active_person):
    client.force_login(active_person)
    own = client.get(f"/people/{active_person.pk}/").content.decode()
    assert "キャベツ収穫" in own and 'href="/#id_show_contributions"' not in own and "id_show_contributions" in own
    me = client.get("/me/").content.decode()
    assert 'name="show_contributions"' in me and "contributions-preview" in me
    data = {"display_name": active_person.display_name, "preferred_language": "ja", "relation": "resident",
            "show_contributions": "on"}
    assert client.post("/me/", data).status_code == 302
    active_person.refresh_from_db()
    assert active_person.show_contributions
    data.pop("show_contributions")
    client.post("/me/", data)
    active_person.refresh_from_db()
    assert not active_person.show_contributions
