"""The anonymous page cache serves repeat visits without queries and is never stale."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yukemuri.ideas.services import comment_create, idea_support
from yukemuri.moderation.services import post_hide
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_withdraw


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_second_anonymous_visit_is_served_from_the_cache(client, person, make_idea):
    make_idea(person, title="キャッシュされる案")
    first, queries = get(client, reverse("idea_list"))
    assert first["X-Page-Cache"] == "miss" and queries > 0
    second, queries = get(client, reverse("idea_list"))
    assert second["X-Page-Cache"] == "hit" and queries == 0
    assert second.content == first.content and second["Content-Security-Policy"]


def test_every_kind_of_write_invalidates(client, person, other_person, moderator, make_idea):
    idea = make_idea(person, title="最初の題")
    url = f"/en/ideas/{idea.pk}/"
    assert "0 supporters" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    idea_support(idea=idea, person=other_person)
    assert "1 supporter" in client.get(url).content.decode()
    comment_create(idea=idea, author=other_person, body="新しいコメント")
    assert "新しいコメント" in client.get(url).content.decode()
    consent_withdraw(person=other_person, purpose=ConsentPurpose.PUBLIC_PROFILE)
    assert other_person.display_name not in client.get(url).content.decode()
    post_hide(target=idea, moderator=moderator, reason="重複")
    assert client.get(url).status_code == 404
    assert "最初の題" not in client.get(reverse("idea_list")).content.decode()


def test_signed_in_people_and_forms_with_tokens_are_never_cached(client, person, make_idea):
    make_idea(person)
    assert "X-Page-Cache" not in client.get(reverse("signup"))  # carries a CSRF token
    client.get(reverse("idea_list"))
    client.force_login(person)
    response = client.get("/en/ideas/")
    assert "X-Page-Cache" not in response
    assert "Log out" in response.content.decode()  # rendered for them, not the anonymous copy


def test_languages_are_cached_apart(client, person, make_idea):
    make_idea(person)
    ja = client.get(reverse("idea_list")).content.decode()
    en = client.get("/en/ideas/").content.decode()
    assert '<html lang="ja">' in ja and '<html lang="en">' in en
    assert '<html lang="en">' in client.get("/en/ideas/").content.decode()


def test_api_answers_are_cached_per_language(client, person, make_idea):
    make_idea(person)
    assert client.get("/api/v1/ideas")["X-Page-Cache"] == "miss"
    assert client.get("/api/v1/ideas")["X-Page-Cache"] == "hit"
    bad_ja = client.get("/api/v1/ideas", {"sdg": "99"})
    bad_en = client.get("/api/v1/ideas", {"sdg": "99"}, HTTP_ACCEPT_LANGUAGE="en")
    assert (bad_ja["Content-Language"], bad_en["Content-Language"]) == ("ja", "en")  # errors are never cached
    assert "X-Page-Cache" not in bad_ja


def test_an_evicted_generation_never_comes_back_to_an_old_value(client, person, make_idea):
    from django.core.cache import cache

    from yukemuri.core import pagecache

    make_idea(person, title="古い題")
    client.get(reverse("idea_list"))
    old = pagecache.generation()
    cache.delete(pagecache.GENERATION_KEY)  # evicted, e.g. by culling
    idea = make_idea(person, title="新しい題")  # the bump makes a fresh generation
    assert pagecache.generation() > old
    assert "新しい題" in client.get(reverse("idea_list")).content.decode()
    assert idea.title == "新しい題"
