"""Signed-in pages from the page cache (core/pagecache.py, decision 0012): one copy shared by every plain
signed-in person, with each person's own state filled in; never stale, never another person's state."""

import re

import pytest
from django.db import transaction
from django.test import Client

from yukemuri.ideas.services import comment_create, idea_follow, idea_support
from yukemuri.notifications.models import Notification
from yukemuri.people.tests.factories import PersonFactory


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def page(client, url) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


def support_button(html: str, idea) -> str:
    return re.search(rf'<button type="submit" id="idea_support-{idea.pk}"[^>]*>([^<]*)</button>', html)[1]


@pytest.fixture
def two(db):
    return PersonFactory(), PersonFactory()


def test_one_shared_copy_each_with_their_own_support_and_follow(english, two, person, make_idea):
    idea = make_idea(person, title="共有される案")
    ann, ben = two
    idea_support(idea=idea, person=ann)
    idea_follow(idea=idea, person=ann)
    url = f"/en/ideas/{idea.pk}/"
    ann_html, ann_cache = page(client_for(ann), url)
    ben_html, ben_cache = page(client_for(ben), url)
    assert (ann_cache, ben_cache) == ("miss", "hit")
    assert support_button(ann_html, idea) == "Withdraw my support" and "Stop following" in ann_html
    assert support_button(ben_html, idea) == "Support" and "Stop following" not in ben_html
    assert 'name="following" value="1"' in ben_html and 'name="supported" value="1"' in ben_html
    # Forms carry the reader's own CSRF token, never the one of whoever filled the cache.
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', ben_html))
    assert tokens and "yk-hole" not in ben_html and "yk-hole" not in ann_html


def test_a_person_sees_their_own_change_at_once(english, two, person, make_idea):
    idea = make_idea(person)
    ann, ben = two
    ann_client, url = client_for(ann), f"/en/ideas/{idea.pk}/"
    page(client_for(ben), url)  # fills the shared copy
    response = ann_client.post(f"/en/ideas/{idea.pk}/support/", {"supported": "1"})
    assert response.status_code == 302
    html, _ = page(ann_client, url)
    assert support_button(html, idea) == "Withdraw my support" and "1 supporter" in html
    ann_client.post(f"/en/ideas/{idea.pk}/follow/", {"following": "1"})
    html, _ = page(ann_client, url)
    assert "Stop following" in html
    ann_client.post(f"/en/ideas/{idea.pk}/support/", {"supported": "0"})
    html, _ = page(ann_client, url)
    assert support_button(html, idea) == "Support" and "0 supporters" in html


def test_another_persons_write_is_seen_on_the_next_request(english, two, person, make_idea):
    idea = make_idea(person)
    ann, ben = two
    ann_client, url = client_for(ann), f"/en/ideas/{idea.pk}/"
    page(ann_client, url)
    assert page(ann_client, url)[1] == "hit"
    comment_create(idea=idea, author=ben, body="ベンのコメント")
    html, cache = page(ann_client, url)
    assert "ベンのコメント" in html and cache == "miss"
    idea_support(idea=idea, person=ben)
    assert "1 supporter" in page(ann_client, "/en/ideas/")[0]


def test_unread_notices_are_each_persons_own(english, two, person, make_idea):
    ann, ben = two
    make_idea(person)
    page(client_for(ben), "/en/ideas/")
    Notification.objects.create(person=ann, message="Someone supported your idea.")  # private: no bump
    ann_html, cache = page(client_for(ann), "/en/ideas/")
    ben_html, _ = page(client_for(ben), "/en/ideas/")
    assert cache == "hit"
    assert '<span class="count">1<span class="visually-hidden"> unread</span></span>' in ann_html
    assert 'class="count"' not in ben_html


def test_the_author_and_commenters_get_their_own_page(english, two, person, make_idea):
    """The author sees their edit link and name; a commenter whose comment a moderator held sees it."""
    idea = make_idea(person, title="著者の案")
    ann, ben = two
    url = f"/en/ideas/{idea.pk}/"
    page(client_for(ann), url)
    html, cache = page(client_for(person), url)
    assert cache == "" and f"/ideas/{idea.pk}/edit/" in html
    assert f"/ideas/{idea.pk}/edit/" not in page(client_for(ben), url)[0]


def test_people_with_a_role_never_get_the_shared_copy(english, person, moderator, make_idea):
    make_idea(person)
    page(client_for(person), "/en/ideas/")
    html, cache = page(client_for(moderator), "/en/ideas/")
    assert cache == "" and "Moderation" in html


def test_personal_pages_are_cached_per_person(english, two):
    ann, ben = two
    ann_client, ben_client = client_for(ann), client_for(ben)
    assert page(ann_client, "/en/me/")[1] == "miss"
    html, cache = page(ann_client, "/en/me/")
    assert cache == "hit" and ann.email in html
    html, cache = page(ben_client, "/en/me/")
    assert cache == "miss" and ann.email not in html and ben.email in html
    ann_client.post("/en/me/", {"display_name": "新しい名前", "preferred_language": "en", "relation": "resident"})
    assert "新しい名前" in page(ann_client, "/en/me/")[0]


def test_the_api_answers_everyone_the_same(two, person, make_idea):
    make_idea(person)
    anonymous = Client().get("/api/v1/ideas")
    signed_in = client_for(two[0]).get("/api/v1/ideas")
    assert signed_in["X-Page-Cache"] == "hit" and signed_in.content == anonymous.content


def test_pending_messages_are_shown_not_cached(english, two, person, make_idea):
    idea = make_idea(person)
    ann_client = client_for(two[0])
    ann_client.post(f"/en/ideas/{idea.pk}/follow/", {"following": "1"})
    html, cache = page(ann_client, f"/en/ideas/{idea.pk}/")
    assert "You follow this idea" in html and cache == ""


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_no_stale_page(english, gunma):
    """A write bumps the generation at once and again at commit: a page rendered inside the transaction,
    showing what was then rolled back, is never served afterwards, and nothing committed is missing."""
    from yukemuri.ideas.services import idea_create
    from yukemuri.regions.models import Municipality

    author, ann, ben = PersonFactory(), PersonFactory(), PersonFactory()
    idea = idea_create(author=author, title="ロールバックの案", body="本文。",
                       place={"municipality": Municipality.objects.get(code="102083")})
    ann_client, ben_client, url = client_for(ann), client_for(ben), f"/en/ideas/{idea.pk}/"
    page(ann_client, url)
    with pytest.raises(RuntimeError), transaction.atomic():
        comment_create(idea=idea, author=ben, body="取り消されるコメント")
        idea_support(idea=idea, person=ann)
        inside, _ = page(ann_client, url)  # same connection: sees the uncommitted rows, fills the cache
        assert "取り消されるコメント" in inside
        raise RuntimeError("roll back")
    for client in (ann_client, ben_client):
        html, _ = page(client, url)
        assert "取り消されるコメント" not in html and "0 supporters" in html
        assert support_button(html, idea) == "Support"
    comment_create(idea=idea, author=ben, body="残るコメント")
    assert "残るコメント" in page(ann_client, url)[0]


# Decision 0039: a signed-in page from the cache in one read of the cache, no query; never another's state.

def test_a_signed_in_page_from_the_cache_makes_no_query_and_writes_nothing(english, two, person, make_idea):
    from yukemuri.core.testing import count_queries, writes

    idea = make_idea(person)
    ann, ben = two
    idea_support(idea=idea, person=ann)
    ann_client, ben_client = client_for(ann), client_for(ben)
    for url in (f"/en/ideas/{idea.pk}/", "/en/ideas/", "/en/me/"):
        with count_queries() as first:
            page(ann_client, url)
        page(ann_client, url)  # the person's holes kept from now on
        with count_queries() as again:
            html, cache = page(ann_client, url)
        assert cache == "hit" and len(again) == 0, (url, [q["sql"] for q in again])  # session, person, holes: cached
        assert writes(first) == [] and "/accounts/logout/" in html
    html, _ = page(ben_client, f"/en/ideas/{idea.pk}/")
    assert support_button(html, idea) == "Support"
    assert support_button(page(ann_client, f"/en/ideas/{idea.pk}/")[0], idea) == "Withdraw my support"


def test_two_people_with_the_same_page_keep_their_own_state_and_token(english, two, person, make_idea):
    idea = make_idea(person)
    ann, ben = two
    idea_support(idea=idea, person=ann)
    idea_follow(idea=idea, person=ben)
    ann_client, ben_client, url = client_for(ann), client_for(ben), f"/en/ideas/{idea.pk}/"
    seen = {}
    for _ in range(3):  # alternating, from the shared copy and each one's kept holes
        for name, client in (("ann", ann_client), ("ben", ben_client)):
            html, _ = page(client, url)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
            seen.setdefault(name, set()).add(client.cookies["csrftoken"].value)
            assert (support_button(html, idea) == "Withdraw my support") is (name == "ann")
            assert ("Stop following" in html) is (name == "ben")
            assert len(token) == 64
    me_ann, me_ben = page(ann_client, "/en/me/")[0], page(ben_client, "/en/me/")[0]
    assert ann.email in me_ann and ben.email not in me_ann and ben.email in me_ben and ann.email not in me_ben
    assert seen["ann"].isdisjoint(seen["ben"])  # each their own CSRF secret


def test_a_signed_out_session_is_never_signed_in_again_from_the_cache(english, two, person, make_idea):
    make_idea(person)
    ann = two[0]
    client = client_for(ann)
    for _ in range(2):
        assert "/accounts/logout/" in page(client, "/en/ideas/")[0]  # the person is kept for this session
    stolen = client.cookies["sessionid"].value
    assert client.post("/en/accounts/logout/").status_code == 302
    replay = Client()
    replay.cookies["sessionid"] = stolen
    html, _ = page(replay, "/en/ideas/")
    assert "/accounts/logout/" not in html and "/accounts/login/" in html


def test_a_password_change_or_a_closed_account_ends_the_other_sessions_at_once(english, two, person, make_idea):
    make_idea(person)
    ann, ben = two
    ann_client, ben_client = client_for(ann), client_for(ben)
    for client in (ann_client, ben_client):
        page(client, "/en/ideas/")
        assert "/accounts/logout/" in page(client, "/en/ideas/")[0]
    ann.set_password("a new password, elsewhere")
    ann.save()
    ben.is_active = False
    ben.save()
    for client in (ann_client, ben_client):
        assert "/accounts/logout/" not in page(client, "/en/ideas/")[0]


def test_notices_written_in_bulk_or_read_show_on_the_next_request(english, two, person, make_idea):
    from yukemuri.notifications.models import NoticeKind
    from yukemuri.notifications.services import mark_read, notify

    make_idea(person)
    ann, ben = two
    ann_client, ben_client = client_for(ann), client_for(ben)
    badge = '<span class="count">{}<span class="visually-hidden"> unread</span></span>'
    for client in (ann_client, ben_client):
        page(client, "/en/ideas/")
        assert 'class="count"' not in page(client, "/en/ideas/")[0]
    notify([ann], kind=NoticeKind.OTHER, message="Something happened.", params={})  # bulk_create
    assert badge.format(1) in page(ann_client, "/en/ideas/")[0]
    assert 'class="count"' not in page(ben_client, "/en/ideas/")[0]
    mark_read(ann)  # an update
    assert 'class="count"' not in page(ann_client, "/en/ideas/")[0]
    Notification.objects.create(person=ann, message="Someone supported your idea.")
    assert badge.format(1) in page(ann_client, "/en/ideas/")[0]
    Notification.objects.filter(person=ann).delete()
    assert 'class="count"' not in page(ann_client, "/en/ideas/")[0]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_notice_leaves_no_count(english, gunma):
    from yukemuri.notifications.models import NoticeKind
    from yukemuri.notifications.services import notify

    ann = PersonFactory()
    client = client_for(ann)
    page(client, "/en/ideas/")
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([ann], kind=NoticeKind.OTHER, message="Rolled back.", params={})
        assert 'class="count"' in page(client, "/en/ideas/")[0]  # the same connection sees it, and keeps it
        raise RuntimeError("roll back")
    assert 'class="count"' not in page(client, "/en/ideas/")[0]


def test_a_role_granted_is_seen_on_the_next_request(english, two, person, make_idea):
    from yukemuri.people.models import Role
    from yukemuri.people.services import role_assign

    make_idea(person)
    ann = two[0]
    client = client_for(ann)
    page(client, "/en/ideas/")
    assert page(client, "/en/ideas/")[1] == "hit"
    role_assign(person=ann, role=Role.MODERATOR)
    html, cache = page(client, "/en/ideas/")
    assert cache == "" and "Moderation" in html


def test_kept_holes_follow_the_language(two, person, make_idea):
    idea = make_idea(person)
    ann = two[0]
    idea_support(idea=idea, person=ann)
    client = client_for(ann)
    for _ in range(2):
        page(client, f"/en/ideas/{idea.pk}/")
    from django.utils import translation

    with translation.override("ja"):
        expected = translation.gettext("Withdraw my support")
    html, _ = page(client, f"/ideas/{idea.pk}/")
    assert support_button(html, idea) == expected
    assert support_button(page(client, f"/en/ideas/{idea.pk}/")[0], idea) == "Withdraw my support"


def test_a_change_of_the_persons_row_by_update_is_seen_on_the_next_request(english, two):
    """email_digest_set and email_verify write with update(), which sends no signal: they move the generation
    themselves, or /me/ (cached per person) and the person kept by the page cache would show the old row."""
    from yukemuri.people.models import User
    from yukemuri.people.services import email_digest_set

    ann = two[0]
    client = client_for(ann)
    page(client, "/en/me/")
    assert page(client, "/en/me/")[1] == "hit"
    email_digest_set(person=User.objects.get(pk=ann.pk), enabled=not ann.email_digest)
    assert page(client, "/en/me/")[1] == "miss"
