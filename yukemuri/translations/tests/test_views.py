"""Translation pages: a post in the reader's language, the original one click away, lists' titles, the queue at
/translate/, the translation form, read counts, and the page cache never stale."""

import pytest

from yukemuri.core.testing import count_queries, get_counted, writes
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.translations import reads, services
from yukemuri.translations.models import ReadCount, Translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(person, volunteer, make_idea):
    idea = make_idea(person, title="空き家活用スタートアップ", body="空き家の情報を集めて活用する。")
    services.translation_save(target=idea, language="vi", title="Khởi nghiệp tận dụng nhà trống",
                              body="Thu thập thông tin về nhà trống.", translator=volunteer)
    return idea


def test_a_reader_sees_the_translation_with_its_translator_and_the_original_one_click_away(client, translated):
    page = client.get(f"/vi/ideas/{translated.pk}/").content.decode()
    assert "Khởi nghiệp tận dụng nhà trống" in page and "Thu thập thông tin về nhà trống." in page
    assert "空き家の情報を集めて活用する。" not in page
    assert "グエン" in page  # translated by …
    assert f'href="/vi/ideas/{translated.pk}/?original=1"' in page
    original = client.get(f"/vi/ideas/{translated.pk}/?original=1").content.decode()
    assert "空き家の情報を集めて活用する。" in original and "Thu thập thông tin về nhà trống." not in original
    assert f'href="/vi/ideas/{translated.pk}/"' in original  # and back to the translation
    japanese = client.get(f"/ideas/{translated.pk}/").content.decode()
    assert "空き家の情報を集めて活用する。" in japanese and "Khởi nghiệp" not in japanese


def test_a_machine_translation_says_so(client, person, make_idea):
    idea = make_idea(person)
    Translation.objects.create(content_type_id=_type_of(idea), object_id=idea.pk, language="en", title="Vacant",
                               body="Machine text", provider="LibreTranslate")
    page = client.get(f"/en/ideas/{idea.pk}/").content.decode()
    assert "Machine text" in page and "Machine translation by LibreTranslate" in page


def _type_of(post):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(post).pk


def test_lists_show_translated_titles_with_one_query_for_the_translations(client, person, volunteer, make_idea,
                                                                          make_issue):
    ideas = [make_idea(person, title=f"案その{n}") for n in range(3)]
    issue = make_issue(person, title="バスが少ない")
    services.translation_save(target=ideas[0], language="en", title="Idea one", body="b", translator=volunteer)
    services.translation_save(target=issue, language="en", title="Too few buses", body="b", translator=volunteer)
    client.get("/en/ideas/")  # the regions' memo filled
    _response, few = get_counted(client, "/en/ideas/?page=1")
    for idea in ideas[1:]:
        services.translation_save(target=idea, language="en", title=f"Idea {idea.pk}", body="b", translator=volunteer)
    response, more = get_counted(client, "/en/ideas/")
    page = response.content.decode()
    assert "Idea one" in page and f"Idea {ideas[2].pk}" in page and "案その0" not in page
    assert len(more) == len(few)  # translations of the page in one query, however many there are
    assert sum("translations_translation" in query["sql"] for query in more) == 1
    assert "Too few buses" in client.get("/en/issues/").content.decode()
    assert "バスが少ない" in client.get("/issues/").content.decode()


def test_events_and_help_requests_are_translated_too(client, gunma, volunteer):
    event = make_event(organiser(), title="りんご狩り", description="みんなで収穫します。")
    services.translation_save(target=event, language="en", title="Apple picking", body="We harvest together.",
                              translator=volunteer)
    assert "Apple picking" in client.get("/en/events/").content.decode()
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "We harvest together." in page and "みんなで収穫します。" not in page


def test_a_new_published_translation_shows_on_the_next_request(client, person, volunteer, make_idea):
    idea = make_idea(person)
    url = f"/en/ideas/{idea.pk}/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    services.translation_save(target=idea, language="en", title="Fresh title", body="Fresh", translator=volunteer)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Fresh title" in response.content.decode()


def test_the_translation_form_keeps_what_was_typed_and_publishes(client, person, volunteer, make_idea):
    idea = make_idea(person)
    url = f"/vi/translate/idea/{idea.pk}/vi/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(volunteer)
    page = client.get(url).content.decode()
    assert "空き家の情報を集めて活用する。" in page and 'lang="ja"' in page
    response = client.post(url, {"title": "Tiêu đề giữ lại", "body": ""})
    assert response.status_code == 400 and "Tiêu đề giữ lại" in response.content.decode()
    response = client.post(url, {"title": "Tiêu đề", "body": "Nội dung"})
    assert response.status_code == 302 and response["Location"] == f"/vi/ideas/{idea.pk}/"
    assert Translation.objects.get().author == volunteer


@pytest.mark.parametrize("path", ["/translate/nothing/1/en/", "/translate/idea/999999/en/", "/translate/idea/{pk}/xx/"])
def test_unknown_kinds_posts_and_languages_are_404(client, person, make_idea, path):
    idea = make_idea(person)
    client.force_login(person)
    assert client.get(path.format(pk=idea.pk)).status_code == 404


def test_a_translation_into_the_original_language_is_refused_on_the_form(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    response = client.post(f"/translate/idea/{idea.pk}/ja/", {"title": "t", "body": "b"})
    assert response.status_code == 400 and not Translation.objects.exists()


def test_the_machine_draft_button_asks_the_local_provider(client, provider, person, volunteer, make_idea):
    idea = make_idea(person)
    client.force_login(volunteer)
    assert "machine" in client.get(f"/en/translate/idea/{idea.pk}/en/").content.decode()
    response = client.post(f"/en/translate/idea/{idea.pk}/en/machine/")
    assert response.status_code == 302
    page = client.get(f"/en/translate/idea/{idea.pk}/en/").content.decode()
    assert "[en] 空き家活用スタートアップ" in page  # the draft, ready for the volunteer to edit


def test_without_a_provider_there_is_no_machine_button_and_asking_changes_nothing(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    assert "/machine/" not in client.get(f"/en/translate/idea/{idea.pk}/en/").content.decode()
    client.post(f"/en/translate/idea/{idea.pk}/en/machine/")
    assert not Translation.objects.exists()


def test_the_queue_lists_untranslated_posts_most_read_first_and_never_writes(client, person, volunteer, make_idea):
    quiet, popular, done = (make_idea(person, title=t) for t in ("静かな案", "人気の案", "訳された案"))
    services.translation_save(target=done, language="vi", title="Đã dịch", body="b", translator=volunteer)
    for _ in range(3):
        client.get(f"/vi/ideas/{popular.pk}/")
    with count_queries() as captured:
        client.get(f"/ideas/{quiet.pk}/")
    assert writes(captured) == []  # a read is counted in the cache, not the database
    assert reads.flush() == 4 and reads.flush() == 0  # moved once
    assert ReadCount.objects.get(object_id=popular.pk).count == 3
    with count_queries() as captured:
        page = client.get("/translate/?lang=vi").content.decode()
    assert writes(captured) == []
    assert page.index("人気の案") < page.index("静かな案") and "訳された案" not in page
    assert f"/translate/idea/{popular.pk}/vi/" in page
    assert "訳された案" in client.get("/translate/?lang=en").content.decode()


def test_the_queue_in_the_readers_language_and_a_bad_lang_is_a_400(client, person):
    page = client.get("/en/translate/").content.decode()
    assert '<option value="en" selected>' in page
    assert client.get("/translate/?lang=klingon").status_code == 400
    assert client.get("/translate/?lang=").status_code == 400


def test_reads_of_cached_pages_count_too(client, person, make_idea):
    idea = make_idea(person)
    client.get(f"/ideas/{idea.pk}/")
    assert client.get(f"/ideas/{idea.pk}/")["X-Page-Cache"] == "hit"
    client.get("/ideas/")  # a list is no read of a post
    reads.flush()
    assert ReadCount.objects.get(object_id=idea.pk).count == 2


def test_the_flush_task_and_command_move_the_counts(client, person, make_idea):
    from django.core.management import call_command

    from yukemuri.translations.tasks import flush_read_counts

    idea = make_idea(person)
    client.get(f"/ideas/{idea.pk}/")
    assert flush_read_counts.call() == 1
    client.get(f"/ideas/{idea.pk}/")
    call_command("flush_read_counts", stdout=__import__("io").StringIO())
    assert ReadCount.objects.get(object_id=idea.pk).count == 2


def test_the_ideas_api_gives_the_language_and_the_published_translations(client, translated, moderator):
    from yukemuri.moderation.services import post_hide

    answer = client.get("/api/v1/ideas").json()["results"][0]
    assert answer["language"] == "ja"
    assert answer["translations"] == [{
        "language": "vi", "title": "Khởi nghiệp tận dụng nhà trống", "body": "Thu thập thông tin về nhà trống.",
        "body_html": "<p>Thu thập thông tin về nhà trống.</p>\n", "translated_by": "グエン", "machine_provider": None,
        "updated_at": answer["translations"][0]["updated_at"],
    }]
    post_hide(target=Translation.objects.get(), moderator=moderator, reason="wrong")
    assert client.get(f"/api/v1/ideas/{translated.pk}").json()["translations"] == []


def test_the_author_edits_the_language_on_the_form(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    page = client.get(f"/ideas/{idea.pk}/edit/").content.decode()
    assert 'name="language"' in page


def test_reads_are_counted_in_the_process_and_pushed_to_the_cache_now_and_then(client, person, make_idea, monkeypatch):
    # One increment in the shared cache per read was a write transaction per page view with the database cache,
    # every reader of a popular post waiting on one row's lock (docs/decisions/0039-signed-in-speed.md).
    from django.core.cache import cache

    idea = make_idea(person)
    monkeypatch.setattr(reads, "PUSH_SECONDS", 3600)
    reads.push()
    for _ in range(3):
        client.get(f"/ideas/{idea.pk}/")
    key = f"{reads.PREFIX}idea:{idea.pk}"
    assert cache.get(key) is None  # not in the cache yet: no write per read
    assert reads.push() == 3 and cache.get(key) == 3
    monkeypatch.setattr(reads, "PUSH_SECONDS", 0)
    client.get(f"/ideas/{idea.pk}/")
    assert cache.get(key) == 4  # pushed when the interval is over
    assert reads.flush() == 4 and ReadCount.objects.get(object_id=idea.pk).count == 4
