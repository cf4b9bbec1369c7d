"""Translations (翻訳): the language of posts, saving and moderating translations, machine drafts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from yukemuri.core.models import Visibility
from yukemuri.ideas.services import comment_create
from yukemuri.moderation.selectors import moderation_queue
from yukemuri.moderation.services import post_approve, post_hide
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.translations import services
from yukemuri.translations.models import Translation
from yukemuri.translations.providers import LibreTranslate, ProviderError
from yukemuri.translations.selectors import reading, translation_of, with_translations
from yukemuri.translations.tasks import machine_translate

pytestmark = pytest.mark.django_db


def test_a_post_is_written_in_its_authors_site_language_and_the_author_may_change_it(person, make_idea, make_issue):
    assert make_idea(person).language == "ja"
    with translation.override("vi"):
        idea = make_idea(person, title="Nhà bỏ trống", body="Có nhiều nhà bỏ trống.")
        issue = make_issue(person, title="Xe buýt", body="Ít xe buýt.")
    assert (idea.language, issue.language) == ("vi", "vi")
    from yukemuri.ideas.services import idea_update

    idea = idea_update(idea=idea, editor=person, title=idea.title, body=idea.body,
                       place={"municipality": idea.municipality}, language="en")
    idea.refresh_from_db()
    assert idea.language == "en"
    with pytest.raises(ValidationError):
        idea_update(idea=idea, editor=person, title=idea.title, body=idea.body,
                    place={"municipality": idea.municipality}, language="xx")


def test_a_comment_records_its_language(person, make_idea):
    idea = make_idea(person)
    with translation.override("pt-br"):
        comment = comment_create(idea=idea, author=person, body="Boa ideia!")
    assert comment.language == "pt-br"


def test_the_authors_translation_is_published_and_shown_to_readers_of_that_language(person, make_idea):
    idea = make_idea(person)
    made = services.translation_save(target=idea, language="vi", title="Khởi nghiệp nhà trống",
                                     body="Thu thập **thông tin** nhà trống.", translator=person)
    assert made.visibility == Visibility.PUBLISHED and made.author == person and not made.is_machine
    shown = reading(idea, "vi")
    assert shown.translated and shown.title == "Khởi nghiệp nhà trống" and "<strong>thông tin</strong>" in shown.body_html
    original = reading(idea, "vi", original=True)
    assert original.showing_original and original.title == idea.title and original.translation == made
    assert not reading(idea, "en").translated  # no English translation
    assert not reading(idea, "ja").translated  # the reader's language is the original's


def test_a_volunteers_first_translation_waits_for_a_moderator(settings, person, volunteer, moderator, make_idea):
    settings.YUKEMURI = {**settings.YUKEMURI, "HOLD_FIRST_POSTS": 1}
    idea = make_idea(moderator)  # published: moderators are not held
    held = services.translation_save(target=idea, language="vi", title="Ý tưởng", body="Nội dung",
                                     translator=volunteer)
    assert held.visibility == Visibility.HELD
    assert not reading(idea, "vi").translated
    assert any(item.target == held for item in moderation_queue())
    post_approve(target=held, moderator=moderator)
    assert reading(idea, "vi").translation == held


def test_a_hidden_translation_is_not_shown_and_an_edit_does_not_bring_it_back(person, volunteer, moderator, make_idea):
    idea = make_idea(person)
    made = services.translation_save(target=idea, language="en", title="Vacant houses", body="Spam",
                                     translator=volunteer)
    post_hide(target=made, moderator=moderator, reason="spam")
    assert not reading(idea, "en").translated
    again = services.translation_save(target=idea, language="en", title="Vacant houses", body="Better",
                                      translator=volunteer)
    assert again.pk == made.pk and again.visibility == Visibility.HIDDEN


def test_only_its_translator_the_author_or_a_moderator_change_a_translation(person, volunteer, moderator, make_idea):
    idea = make_idea(person)
    services.translation_save(target=idea, language="en", title="Houses", body="Text", translator=volunteer)
    with pytest.raises(PermissionDenied):
        services.translation_save(target=idea, language="en", title="Mine", body="Mine", translator=PersonFactory())
    changed = services.translation_save(target=idea, language="en", title="Vacant houses", body="Text",
                                        translator=person)
    assert changed.title == "Vacant houses" and Translation.objects.count() == 1
    services.translation_save(target=idea, language="en", title="Vacant homes", body="Text", translator=moderator)
    assert translation_of(idea, "en").title == "Vacant homes"


@pytest.mark.parametrize(("language", "field"), [("ja", "language"), ("xx", "language"), ("en", "body")])
def test_a_translation_needs_another_site_language_and_a_text(person, make_idea, language, field):
    idea = make_idea(person)
    with pytest.raises(ValidationError) as error:
        services.translation_save(target=idea, language=language, title="T", body="" if field == "body" else "B",
                                  translator=person)
    assert field in error.value.message_dict


def test_the_languages_are_read_from_the_settings(settings, person, make_idea):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ja-easy", "やさしいにほんご")]
    idea = make_idea(person)
    made = services.translation_save(target=idea, language="ja-easy", title="あきや", body="いえ が あいて います",
                                     translator=person)
    assert reading(idea, "ja-easy").translation == made


def test_hidden_posts_and_guests_cannot_be_translated(person, moderator, make_idea):
    from django.contrib.auth.models import AnonymousUser

    idea = make_idea(person)
    with pytest.raises(PermissionDenied):
        services.translation_save(target=idea, language="en", title="T", body="B", translator=AnonymousUser())
    post_hide(target=idea, moderator=moderator, reason="spam")
    with pytest.raises(PermissionDenied):
        services.translation_save(target=idea, language="en", title="T", body="B", translator=person)


def test_lists_get_their_translations_in_one_query(django_assert_num_queries, person, make_idea):
    ideas = [make_idea(person, title=f"案{n}") for n in range(5)]
    for idea in ideas[:3]:
        services.translation_save(target=idea, language="vi", title=f"vi {idea.title}", body="b", translator=person)
    with django_assert_num_queries(1):
        shown = with_translations(ideas, "vi")
    assert [idea.translation.title if idea.translation else None for idea in shown] == [
        "vi 案0", "vi 案1", "vi 案2", None, None]


# Machine translation, with a LibreTranslate that the tests run on localhost (conftest.py).

def test_no_provider_is_called_unless_one_is_configured(settings, person, make_idea, libretranslate):
    settings.TRANSLATION_PROVIDER = None
    idea = make_idea(person)
    assert services.machine_translation_make(key="idea", object_id=idea.pk, language="vi") is None
    assert libretranslate.asked == [] and not Translation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.machine_draft_request(target=idea, language="vi", requester=person)


def test_a_machine_draft_is_made_by_the_task_once(provider, person, volunteer, make_idea):
    idea = make_idea(person, title="空き家", body="空き家が多い。")
    assert services.machine_draft_request(target=idea, language="vi", requester=volunteer)  # immediate backend
    made = translation_of(idea, "vi")
    assert (made.title, made.body) == ("[vi] 空き家", "[vi] 空き家が多い。")
    assert made.is_machine and made.provider == "LibreTranslate (local)" and made.is_published
    assert provider.asked == [{"q": ["空き家", "空き家が多い。"], "source": "ja", "target": "vi", "format": "text",
                               "api_key": "local-key"}]
    # A second run — asked again, or the task run again after a restart — does nothing.
    assert not services.machine_draft_request(target=idea, language="vi", requester=volunteer)
    assert machine_translate.call("idea", idea.pk, "vi") is False
    assert len(provider.asked) == 1 and Translation.objects.count() == 1
    shown = reading(idea, "vi")
    assert shown.translated and shown.translation.is_machine


def test_a_volunteer_takes_on_a_machine_draft(provider, person, volunteer, make_idea):
    idea = make_idea(person)
    machine_translate.call("idea", idea.pk, "zh-hans")
    assert provider.asked[0]["target"] == "zh"  # LibreTranslate's code for the site's zh-hans
    edited = services.translation_save(target=idea, language="zh-hans", title="空置房屋创业", body="收集空置房屋的信息。",
                                       translator=volunteer)
    assert edited.author == volunteer and edited.provider == "" and not edited.is_machine
    assert machine_translate.call("idea", idea.pk, "zh-hans") is False  # a person's translation stands


def test_a_comment_is_translated_without_a_title(provider, person, make_idea):
    comment = comment_create(idea=make_idea(person), author=person, body="いいですね")
    machine_translate.call("comment", comment.pk, "en")
    made = translation_of(comment, "en")
    assert (made.title, made.body) == ("", "[en] いいですね")


def test_a_refusing_or_absent_service_is_an_error_and_stores_nothing(provider, person, make_idea):
    with pytest.raises(ProviderError):
        LibreTranslate(url=provider.url, api_key="wrong").translate(["a"], source="ja", target="en")
    with pytest.raises(ProviderError):
        LibreTranslate(url="http://127.0.0.1:9", timeout=2).translate(["a"], source="ja", target="en")
    with pytest.raises(ValueError):
        LibreTranslate(url="file:///etc/passwd")


def test_a_persons_translations_are_in_their_data(person, volunteer, make_idea):
    from yukemuri.core.personaldata import collect_personal_data

    services.translation_save(target=make_idea(person), language="en", title="Houses", body="Text",
                              translator=volunteer)
    rows = collect_personal_data(volunteer)["translations"]
    assert [(row["post_type"], row["language"], row["title"]) for row in rows] == [("idea", "en", "Houses")]
    assert collect_personal_data(person)["translations"] == []


def test_events_and_help_requests_record_a_language_their_organisers_may_change(gunma):
    from yukemuri.events.services import event_update
    from yukemuri.events.tests.factories import make_event, organiser
    from yukemuri.help.forms import HelpRequestForm

    by = organiser()
    with translation.override("tl"):
        event = make_event(by)
    assert event.language == "tl"
    assert event_update(event=event, by=by, language="en").language == "en"
    assert "language" in HelpRequestForm(user=by).fields
