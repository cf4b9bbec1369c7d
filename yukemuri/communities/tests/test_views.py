"""Community pages: the list and its filters, the public page, joining without JavaScript, the members-only
thread, the organisers' page, and the API."""

import pytest

from yukemuri.communities import services
from yukemuri.communities.models import JoinRequest, LinkedPost, Member, Role
from yukemuri.notifications.models import NoticeKind, Notification
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.topics.models import Theme


def test_the_list_filters_by_area_municipality_and_theme(client, community, make_community, municipality):
    make_community(name="空き家の会", slug="akiya", area=None, theme=Theme.objects.get_or_create_many(["空き家"])[0])
    make_community(name="渋川の会", slug="shibukawa", area=None, municipality=municipality)
    page = client.get("/en/communities/").content.decode()
    assert all(name in page for name in ("官民共創コミュニティ 北群馬渋川", "空き家の会", "渋川の会"))
    page = client.get("/en/communities/", {"theme": "空き家"}).content.decode()
    assert "空き家の会" in page and "渋川の会" not in page
    page = client.get("/en/communities/", {"area": community.area_id}).content.decode()
    assert "官民共創コミュニティ 北群馬渋川" in page and "渋川の会" in page and "空き家の会" not in page
    page = client.get("/en/communities/", {"municipality": municipality.code}).content.decode()
    assert "渋川の会" in page and "空き家の会" not in page


@pytest.mark.parametrize("params", [
    {"area": "abc"}, {"area": "999999"}, {"municipality": "12"}, {"municipality": "999999"}, {"page": "-1"},
    {"page": "abc"}, {"page": "99999999999999999999"}, {"theme": "x" * 500}, {"q": "\x00"}, {"municipality": "\x00"},
])
def test_garbage_filters_never_500(client, community, params):
    response = client.get("/communities/", params)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 200:
        assert community.name not in response.content.decode()


@pytest.mark.parametrize("url", ["/communities/999999/", "/communities/abc/", "/communities/999999/thread/",
                                 "/communities/999999/manage/", "/communities/99999999999999999999/"])
def test_no_such_community_is_404(client, person, url):
    client.force_login(person)
    assert client.get(url).status_code == 404


def test_the_public_page_names_only_those_who_agreed(client, community, member):
    services.join(by=PersonFactory(display_name="ひかえめな人"), community=community, listed=False)
    page = client.get(f"/en/communities/{community.pk}/").content.decode()
    assert "世話人" in page and "メンバー" in page and "ひかえめな人" not in page
    assert "1 member who is not named" in page
    assert "<strong>未来</strong>" in page and "<script>x" not in page


def test_joining_and_leaving_with_plain_forms(client, community, other_person):
    client.force_login(other_person)
    response = client.post(f"/communities/{community.pk}/join/", {"listed": "on"})
    assert response.status_code == 302
    assert Member.objects.get(community=community, person=other_person).listed
    client.post(f"/communities/{community.pk}/join/")  # again: still one
    assert Member.objects.filter(community=community, person=other_person).count() == 1
    client.post(f"/communities/{community.pk}/listing/", {})
    assert not Member.objects.get(community=community, person=other_person).listed
    client.post(f"/communities/{community.pk}/leave/")
    assert not Member.objects.filter(community=community, person=other_person).exists()


def test_get_never_joins(client, community, other_person):
    client.force_login(other_person)
    assert client.get(f"/communities/{community.pk}/join/").status_code == 405
    assert not Member.objects.filter(person=other_person).exists()


def test_the_last_organiser_is_told_to_hand_over_first(client, community, organiser):
    client.force_login(organiser)
    response = client.post(f"/en/communities/{community.pk}/leave/", follow=True)
    assert "hand the role over" in response.content.decode()
    assert Member.objects.filter(community=community, person=organiser, role=Role.ORGANISER).exists()


def test_a_request_is_approved_on_the_organisers_page(client, closed, organiser, other_person):
    client.force_login(other_person)
    client.post(f"/communities/{closed.pk}/join/", {"message": "よろしくお願いします"})
    request = JoinRequest.objects.get(person=other_person)
    assert "waits for an organiser" in client.get(f"/en/communities/{closed.pk}/").content.decode()
    assert client.get(f"/communities/{closed.pk}/manage/").status_code == 403
    assert client.post(f"/communities/{closed.pk}/requests/{request.pk}/", {"approve": "1"}).status_code == 403
    client.force_login(organiser)
    page = client.get(f"/en/communities/{closed.pk}/manage/").content.decode()
    assert "よろしくお願いします" in page
    client.post(f"/communities/{closed.pk}/requests/{request.pk}/", {"approve": "1"})
    assert Member.objects.filter(community=closed, person=other_person).exists()
    assert client.post(f"/communities/{closed.pk}/requests/{request.pk}/", {"approve": "x"}).status_code == 404


def test_roles_and_handing_over_on_the_organisers_page(client, community, organiser, member):
    client.force_login(organiser)
    place = Member.objects.get(person=member)
    client.post(f"/communities/{community.pk}/members/{place.pk}/role/", {"role": "nonsense"})
    assert Member.objects.get(pk=place.pk).role == Role.MEMBER
    client.post(f"/communities/{community.pk}/hand-over/", {"to": "abc"})
    client.post(f"/communities/{community.pk}/hand-over/", {"to": place.pk})
    assert Member.objects.get(pk=place.pk).role == Role.ORGANISER
    assert Member.objects.get(person=organiser).role == Role.MEMBER
    assert client.get(f"/communities/{community.pk}/manage/").status_code == 403


def test_linking_keeps_what_was_typed_and_shows_the_error(client, community, organiser, make_idea):
    client.force_login(organiser)
    response = client.post(f"/en/communities/{community.pk}/links/", {"address": "/ideas/nope/"})
    assert response.status_code == 400 and "/ideas/nope/" in response.content.decode()
    idea = make_idea(organiser, title="アキヤデアキナイ")
    client.post(f"/communities/{community.pk}/links/", {"address": f"/ideas/{idea.pk}/"})
    assert "アキヤデアキナイ" in client.get(f"/communities/{community.pk}/").content.decode()
    link = LinkedPost.objects.get()
    client.post(f"/communities/{community.pk}/links/{link.pk}/remove/")
    assert not LinkedPost.objects.exists()


def test_the_thread_is_invisible_to_non_members(client, community, member, other_person, moderator):
    post = services.thread_post(by=member, community=community, body="メンバーだけの話")
    thread = f"/communities/{community.pk}/thread/"
    assert client.get(thread).status_code == 302  # to the login page
    for person in (other_person, moderator):
        client.force_login(person)
        assert client.get(thread).status_code == 404
        assert client.post(thread, {"body": "入れて"}).status_code == 404
        assert client.get(f"/report/community_post/{post.pk}/").status_code == 404
        assert "メンバーだけの話" not in client.get(f"/communities/{community.pk}/").content.decode()
    client.force_login(member)
    assert "メンバーだけの話" in client.get(thread).content.decode()
    response = client.post(thread, {"body": "次はいつ？"})
    assert response.status_code == 302
    assert "次はいつ？" in client.get(thread).content.decode()
    assert client.post(thread, {"body": "  "}).status_code == 400


def test_an_announcement_from_the_organisers_page(client, community, organiser, member):
    client.force_login(organiser)
    response = client.post(f"/communities/{community.pk}/announce/", {"title": "", "body": ""})
    assert response.status_code == 400
    with_callbacks = client.post(f"/communities/{community.pk}/announce/",
                                 {"title": "次回の集まり", "body": "渋川で会いましょう"})
    assert with_callbacks.status_code == 302
    client.force_login(member)
    assert "次回の集まり" in client.get(f"/communities/{community.pk}/").content.decode()
    client.logout()
    assert "次回の集まり" not in client.get(f"/communities/{community.pk}/").content.decode()


def test_starting_and_changing_a_community(client, gunma, organiser):
    client.force_login(organiser)
    response = client.post("/en/communities/new/", {"name": "始動人サークル", "slug": "shidojin", "description": "d",
                                                    "joining": "open"})
    assert response.status_code == 400 and "始動人サークル" in response.content.decode()  # no place, no theme
    response = client.post("/communities/new/", {"name": "始動人サークル", "slug": "shidojin", "description": "d",
                                                 "theme": "始動人", "joining": "request"})
    community = Member.objects.get(person=organiser).community
    assert response.status_code == 302 and community.theme.name == "始動人"
    response = client.post(f"/communities/{community.pk}/edit/", {
        "name": "始動人サークル 渋川", "slug": "shidojin", "description": "d2", "theme": "始動人", "joining": "open"})
    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.name, community.joining) == ("始動人サークル 渋川", "open")
    # A refused write leaves no new theme behind: the service makes the term inside its own transaction.
    response = client.post("/en/communities/new/", {"name": "別の会", "slug": "shidojin", "description": "d",
                                                    "theme": "まだない主題", "joining": "open"})
    assert response.status_code == 400 and "Another community has this short name." in response.content.decode()
    assert not Theme.objects.filter(name="まだない主題").exists()


def test_the_api_lists_public_fields_only(client, community, member, make_idea, organiser):
    services.thread_post(by=member, community=community, body="秘密の話")
    idea = make_idea(organiser)
    services.link(by=organiser, community=community, address=f"/ideas/{idea.pk}/")
    body = client.get("/api/v1/communities").json()
    assert body["count"] == 1 and body["results"][0]["member_count"] == 2
    detail = client.get(f"/api/v1/communities/{community.pk}").json()
    assert [post["id"] for post in detail["posts"]] == [idea.pk]
    text = str(detail)
    assert "秘密の話" not in text and member.display_name not in text and "email" not in text
    assert client.get("/api/v1/communities/999999").status_code == 404
    assert client.get("/api/v1/communities", {"area": "abc"}).status_code == 400
    assert client.get("/api/v1/communities", {"nonsense": "1"}).status_code == 400


def test_notifications_page_shows_the_announcement(client, community, organiser, member, committed):
    committed(lambda: services.announce(by=organiser, community=community, title="次回の集まり", body="b"))
    assert Notification.objects.filter(person=member, kind=NoticeKind.COMMUNITIES).exists()
    client.force_login(member)
    assert "次回の集まり" in client.get("/me/notifications/").content.decode()


def test_the_page_reads_the_linked_posts_and_the_named_members_once(client, community, member, make_idea, organiser):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    idea = make_idea(organiser)
    services.link(by=organiser, community=community, address=f"/ideas/{idea.pk}/")
    client.force_login(member)  # signed in: no cached page
    with CaptureQueriesContext(connection) as seen:
        page = client.get(f"/en/communities/{community.pk}/")
    assert page.status_code == 200 and idea.title in page.content.decode()
    ideas = [q["sql"] for q in seen.captured_queries if 'FROM "ideas_idea"' in q["sql"]]
    # listed_members: the members who agreed to be named and whose accounts are active
    named = [q["sql"] for q in seen.captured_queries if 'FROM "communities_member"' in q["sql"]
             and '"communities_member"."listed"' in q["sql"].split("WHERE", 1)[-1]]
    assert len(ideas) == 1 and len(named) == 1, (ideas, named)
