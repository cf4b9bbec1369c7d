"""The anonymous page cache serves repeat visits without queries and is never stale."""

import re

import pytest
from django.urls import reverse

from yukemuri.core.testing import get_counted
from yukemuri.ideas.services import comment_create, idea_support
from yukemuri.moderation.services import post_hide
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_withdraw


def get(client, url):
    response, captured = get_counted(client, url)
    return response, len(captured)


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


def test_signed_in_people_never_get_the_anonymous_copy(client, person, make_idea):
    make_idea(person)
    assert client.get(reverse("signup"))["X-Page-Cache"] == "miss"  # stored with its CSRF token cut out
    client.get("/en/ideas/")
    client.force_login(person)
    response = client.get("/en/ideas/")
    assert response["X-Page-Cache"] == "miss"  # the signed-in copy (site/tests/test_signed_in_cache.py)
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


# Issue 12, item 8: every app's writes invalidate; the generation moves on commit.


def test_every_model_invalidates_the_page_cache_or_is_listed_private():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from yukemuri.site.apps import PRIVATE_MODELS

    labels = {
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("yukemuri.")
        for model in config.get_models()
    }
    assert PRIVATE_MODELS <= labels, "PRIVATE_MODELS names a model that does not exist"
    for signal, kind in ((post_save, "save"), (post_delete, "delete")):
        connected = {key[0] for key, *_ in signal.receivers}
        missing = sorted(label for label in labels - PRIVATE_MODELS if f"pagecache-{kind}-{label}" not in connected)
        assert missing == [], f"not connected to the page cache ({kind}): {missing}"
    assert {"listening.Conversation", "matching.VolunteerDay"} <= labels - PRIVATE_MODELS


def test_a_new_conversation_shows_on_the_listening_page(client, coordinator):
    from yukemuri.listening.services import conversation_create

    assert client.get("/listening/")["X-Page-Cache"] == "miss"
    assert client.get("/listening/")["X-Page-Cache"] == "hit"
    conversation_create(by=coordinator, title="温泉街の未来", question="どう思いますか？", seeds=["a", "b"])
    assert "温泉街の未来" in client.get("/listening/").content.decode()


def test_a_page_stored_before_the_commit_is_not_served_after_it(client, person, make_idea, django_capture_on_commit_callbacks):
    idea = make_idea(person, title="コミット前")
    url = reverse("idea_list")
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        idea.title = "コミット後"
        idea.save()
        # A reader while the writer's transaction is open (on another connection it would still read the
        # old title) renders and stores the page …
        assert client.get(url)["X-Page-Cache"] == "miss"
    # … and after the commit nobody is served that page.
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss" and "コミット後" in after.content.decode()


def test_a_page_rendered_across_a_bump_is_stored_under_the_old_generation(rf, db):
    from django.http import HttpResponse

    from yukemuri.core import pagecache

    def render_then_commit(request):
        page = HttpResponse("old rows")  # read before the writer committed …
        pagecache.bump_now()  # … which commits and bumps before this page is stored
        return page

    pagecache.AnonymousPageCacheMiddleware(render_then_commit)(rf.get("/about/"))
    fresh = pagecache.AnonymousPageCacheMiddleware(lambda request: HttpResponse("new rows"))(rf.get("/about/"))
    assert fresh.content == b"new rows" and fresh["X-Page-Cache"] == "miss"


# Issue 12, item 12: junk query strings cannot fill the cache.


def _stored_pages() -> int:
    from django.core.cache import cache

    return sum(1 for key in cache._cache if "yukemuri:page:" in key)


def test_1000_junk_query_strings_do_not_make_1000_cache_entries(client, db):
    for n in range(1000):
        assert client.get(f"/about/?utm_junk{n}=x{n}").status_code == 200
    assert _stored_pages() == 0  # unknown parameters: answered, never stored
    from yukemuri.core.pagecache import MAX_VARIANTS

    for n in range(MAX_VARIANTS * 3):
        assert client.get(f"/about/?q=junk{n}").status_code == 200  # a known parameter, junk values
    assert _stored_pages() <= MAX_VARIANTS + 1


def test_parameters_in_another_order_share_one_entry(client, person, make_idea):
    make_idea(person)
    assert client.get("/ideas/?sort=new&page=1")["X-Page-Cache"] == "miss"
    assert client.get("/ideas/?page=1&sort=new")["X-Page-Cache"] == "hit"


def test_a_write_outside_a_transaction_bumps_once(transactional_db, monkeypatch):
    from yukemuri.core import pagecache
    from yukemuri.people.tests.factories import PersonFactory

    person = PersonFactory()
    calls = []
    monkeypatch.setattr(pagecache.cache, "incr", lambda key, *a, **k: calls.append(key) or 1)
    person.display_name = "新しい名前"
    person.save(update_fields=["display_name"])  # autocommit: committed as it returns
    assert calls == [pagecache.GENERATION_KEY]


@pytest.mark.django_db(transaction=True)
def test_many_writes_in_one_transaction_bump_once_at_commit(person, make_idea, monkeypatch):
    """A transaction writing many rows (a drafted table: thousands) bumps once per write for this connection's
    own reads, and once — not once per write — when it commits."""
    from django.db import transaction

    from yukemuri.core import pagecache

    bumps = []
    real = pagecache.bump_now
    monkeypatch.setattr(pagecache, "bump_now", lambda key=pagecache.GENERATION_KEY: (bumps.append(key), real(key)))
    with transaction.atomic():
        for n in range(4):
            make_idea(person, title=f"案{n}")
        written = len(bumps)
        assert written >= 4
        before = pagecache.generation()
    assert bumps[written:] == [pagecache.GENERATION_KEY]  # the commit's one bump
    assert pagecache.generation() > before


# Anonymous pages with forms: stored with their CSRF tokens cut out, filled with each reader's own.


def _form_view(extra=""):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    def view(request):
        token = get_token(request)
        form = f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{token}"></form>'
        return HttpResponse(form + extra.format(token=token, secret=request.META["CSRF_COOKIE"]))

    return view


def test_a_form_page_is_stored_without_its_token_and_filled_per_reader(rf, db):
    from django.middleware.csrf import _unmask_cipher_token

    from yukemuri.core.pagecache import AnonymousPageCacheMiddleware

    middleware = AnonymousPageCacheMiddleware(_form_view())
    first, second = rf.get("/about/"), rf.get("/about/")
    pages = [middleware(first), middleware(second)]
    assert [page["X-Page-Cache"] for page in pages] == ["miss", "hit"]
    secrets = [request.META["CSRF_COOKIE"] for request in (first, second)]
    assert secrets[0] != secrets[1] and second.META["CSRF_COOKIE_NEEDS_UPDATE"]  # the CSRF middleware sets its cookie
    for page, secret in zip(pages, secrets, strict=True):
        token = re.search(r'value="([A-Za-z0-9]+)"', page.content.decode())[1]
        assert _unmask_cipher_token(token) == secret


@pytest.mark.parametrize("extra", ['<script>const token = "{token}";</script>', "<p data-secret='{secret}'></p>"])
def test_a_page_with_the_token_outside_a_form_is_never_stored(rf, db, extra):
    """Stored, it would hand the first reader's CSRF secret to everyone after."""
    from yukemuri.core.pagecache import AnonymousPageCacheMiddleware

    middleware = AnonymousPageCacheMiddleware(_form_view(extra))
    assert [middleware(rf.get("/about/")).get("X-Page-Cache") for _ in range(2)] == [None, None]


def test_a_page_that_sets_a_cookie_or_starts_a_session_is_never_stored(rf, db):
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse

    from yukemuri.core.pagecache import AnonymousPageCacheMiddleware

    def sets_cookie(request):
        response = _form_view()(request)
        response.set_cookie("other", "1")
        return response

    def writes_session(request):
        request.session["seen"] = True  # the session middleware, outside, would set its cookie
        return HttpResponse("page")

    for view in (sets_cookie, writes_session):
        middleware = AnonymousPageCacheMiddleware(view)
        requests = [rf.get("/about/"), rf.get("/about/")]
        for request in requests:
            request.session = SessionStore()
        assert [middleware(request).get("X-Page-Cache") for request in requests] == [None, None]


# A deploy: the new code never serves what the old code rendered (core/release.py).


@pytest.fixture
def deploy(monkeypatch):
    """deploy("name"): the code that runs from now on is release "name"; the computed release is forgotten after."""
    from yukemuri.core import release

    def to(name):
        release.release.cache_clear()
        monkeypatch.setenv("YUKEMURI_RELEASE", name)

    yield to
    release.release.cache_clear()


def test_after_a_deploy_no_page_of_the_old_release_is_served(client, person, make_idea, deploy):
    make_idea(person, title="リリースをまたぐ案")
    deploy("old")
    assert client.get(reverse("idea_list"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("idea_list"))["X-Page-Cache"] == "hit"
    deploy("new")  # no write: the generation has not moved
    assert client.get(reverse("idea_list"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("idea_list"))["X-Page-Cache"] == "hit"


def test_after_a_deploy_no_signed_in_page_of_the_old_release_is_served(client, person, other_person, make_idea, deploy):
    idea = make_idea(person)
    client.force_login(other_person)
    deploy("old")
    assert client.get(idea.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(idea.get_absolute_url())["X-Page-Cache"] == "hit"
    deploy("new")
    assert client.get(idea.get_absolute_url())["X-Page-Cache"] == "miss"


def test_the_release_is_a_digest_of_the_package_or_of_its_given_name(monkeypatch, tmp_path, deploy):
    from yukemuri.core import release

    deploy("")  # unset: the files decide
    own = release.release()
    assert re.fullmatch(r"[0-9a-f]{12}", own)
    (tmp_path / "views.py").write_text("x = 1\n")
    monkeypatch.setattr(release, "PACKAGE", tmp_path)
    release.release.cache_clear()
    first = release.release()
    (tmp_path / "views.py").write_text("x = 2\n")  # a changed view
    release.release.cache_clear()
    assert release.release() not in (first, own)
    deploy("v2026.12")
    named = release.release()
    release.release.cache_clear()
    assert release.release() == named != first
