"""Ids nobody's row can have and characters no database stores never make a 500 (non-negotiable 4).

Found by crawling the demo as each role and sending every page's parameters and every form's fields junk
(an id of 20 digits, "²", NUL): SQLite's OverflowError from `pk__in`, int("²") behind str.isdigit(), and
PostgreSQL's refusal of NUL in a reason typed straight into a service."""

import pytest

from yukemuri.core.text import id_from
from yukemuri.events import services as event_services
from yukemuri.events.models import Event
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue

TOO_LARGE = "9" * 20  # more than any 64-bit integer


def test_id_from_takes_decimal_numbers_of_database_size_and_nothing_else():
    assert id_from("12") == 12 and id_from("１２") == 12 and id_from("9" * 18) == int("9" * 18)
    for junk in ("", " 12", "-1", "1.0", "1e3", "²", "abc", "9" * 19, None, 12, "\x00"):
        assert id_from(junk) is None, junk


def test_in_with_an_id_too_large_for_the_database_matches_nothing_but_keeps_the_rest(person, make_issue, make_idea):
    issue, idea = make_issue(person), make_idea(person)
    big = int(TOO_LARGE)
    assert list(Issue.objects.filter(pk__in=[big])) == []
    assert list(Issue.objects.filter(pk__in=[big, issue.pk])) == [issue]
    assert list(Idea.objects.filter(author__in=[big, person.pk])) == [idea]  # through a foreign key
    assert Idea.objects.filter(author__in=[-big]).count() == 0


def test_text_with_nul_is_stored_without_it(gunma):
    event = make_event(organiser())
    event_services.event_cancel(event=event, by=event.created_by, reason="台風\x00のため")
    assert Event.objects.get(pk=event.pk).notes == "台風のため"


@pytest.mark.parametrize("junk", [TOO_LARGE, "²", "-1", "abc"])
def test_a_new_idea_started_from_a_junk_issue_is_just_a_new_idea(client, person, junk):
    client.force_login(person)
    assert client.get("/en/ideas/new/", {"issue": junk}).status_code == 200
    response = client.post("/en/ideas/new/", {"issues": junk, "title": "題", "body": "本文"})
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("junk", [TOO_LARGE, "²"])
def test_forms_with_a_forged_choice_say_so(client, coordinator, gunma, junk):
    from yukemuri.organisations.services import membership_add
    from yukemuri.organisations.tests.factories import OrganisationFactory

    membership_add(organisation=OrganisationFactory(), person=coordinator)  # the form offers its organisations
    client.force_login(coordinator)
    response = client.post("/en/events/new/", {"title": "説明会", "organisations": junk, "issues": junk})
    assert response.status_code == 400
    for address in ("/en/listening/new/", "/en/visions/new/", "/en/events/new/"):
        assert client.get(address, {"issue": junk, "idea": junk, "area": junk, "event": junk,
                                    "series": junk}).status_code in (200, 403, 404)


def test_the_log_finds_a_person_by_a_number_typed_full_width(client, coordinator, moderator):
    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign

    role_assign(person=moderator, role=Role.SUPPORTER, by=coordinator)  # an action of the coordinator's
    client.force_login(moderator)
    full_width = str(coordinator.pk).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    page = client.get("/en/staff/actions/", {"actor": full_width})
    assert page.status_code == 200 and page.context["actions"] and all(
        action.actor_id == coordinator.pk for action in page.context["actions"])
    for junk in ("²", TOO_LARGE):  # not a number: looked for as a name, found nowhere
        page = client.get("/en/staff/actions/", {"actor": junk})
        assert page.status_code == 200 and not page.context["actions"]
