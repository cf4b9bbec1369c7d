"""The staff page of every action and each person's own activity: who may see them, what they show, the
queries they make, and that a GET writes nothing."""

from django.urls import reverse

from yukemuri.actions import verbs
from yukemuri.actions.services import record
from yukemuri.core.testing import get_counted, writes
from yukemuri.moderation import services as moderation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

STAFF_URL = reverse("staff_actions")
MINE_URL = reverse("my_activity")


def get(client, url):
    response, captured = get_counted(client, url)
    return response, writes(captured), len(captured)


def many_actions(count, actor):
    for n in range(count):
        someone = PersonFactory()
        record(actor=actor, verb=verbs.ROLE_GRANTED, target=someone, data={"role": "coordinator", "n": n})


def test_staff_page_asks_for_login_refuses_residents_and_opens_to_staff_and_moderators(client, person, moderator):
    response = client.get(STAFF_URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(person)
    assert client.get(STAFF_URL).status_code == 403
    for viewer in (moderator, PersonFactory(is_staff=True)):
        client.force_login(viewer)
        response, written, _count = get(client, STAFF_URL)
        assert response.status_code == 200 and written == []


def test_staff_page_filters_by_verb_actor_date_and_kind(client, moderator, person, make_idea):
    idea = make_idea(person, title="フィルタの案")
    moderation.post_hide(target=idea, moderator=moderator, reason="重複")
    role_assign(person=person, role=Role.COORDINATOR, by=moderator)
    client.force_login(moderator)
    page = client.get(STAFF_URL + f"?verb={verbs.POST_HIDDEN}").content.decode()
    assert "フィルタの案" in page and f"#{person.pk}" not in page
    page = client.get(STAFF_URL + f"?verb={verbs.ROLE_GRANTED}&actor={moderator.email}").content.decode()
    assert "フィルタの案" not in page and f"#{person.pk}" in page
    page = client.get(STAFF_URL + "?date_from=2000-01-01&date_to=2000-01-02").content.decode()
    assert "フィルタの案" not in page
    assert client.get(STAFF_URL + "?date_from=2001-01-02&date_to=2000-01-01").status_code == 200  # an error, shown
    assert client.get(STAFF_URL + "?page=99").status_code == 404
    assert client.get(STAFF_URL + "?page=abc").status_code == 400


def test_staff_page_makes_as_many_queries_for_many_actions_as_for_few(client, moderator):
    client.force_login(moderator)
    many_actions(3, moderator)
    _response, _written, few = get(client, STAFF_URL)
    many_actions(30, moderator)
    response, written, many = get(client, STAFF_URL)
    assert response.status_code == 200 and written == [] and few == many
    assert response.content.decode().count("<tr>") == 1 + 34  # header, 33 grants and the moderator's own


def test_my_activity_shows_what_i_did_and_what_concerns_me_only(client, person, other_person, moderator, make_idea):
    mine = make_idea(person, title="わたしの案")
    theirs = make_idea(other_person, title="ほかの人の案")
    moderation.post_hide(target=mine, moderator=moderator, reason="個人情報")
    moderation.post_hide(target=theirs, moderator=moderator, reason="広告")
    response = client.get(MINE_URL)
    assert response.status_code == 302
    client.force_login(person)
    response, written, _count = get(client, MINE_URL)
    page = response.content.decode()
    assert response.status_code == 200 and written == []
    assert "わたしの案" in page and "個人情報" in page
    assert "ほかの人の案" not in page and "広告" not in page
    client.force_login(other_person)
    page = client.get(MINE_URL).content.decode()
    assert "ほかの人の案" in page and "わたしの案" not in page


def test_links_to_the_pages(client, person, moderator):
    client.force_login(person)
    me = client.get(reverse("me")).content.decode()
    assert MINE_URL in me and STAFF_URL not in me
    client.force_login(moderator)
    assert STAFF_URL in client.get(reverse("moderation_queue")).content.decode()
    assert STAFF_URL in client.get(reverse("me")).content.decode()
