"""Japanese by default, English under /en/, the languages of Gunma's residents under their codes, every string
translated."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import to_locale

LOCALE = Path(__file__).resolve().parents[2] / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]  # English is the source
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]")


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalogue_is_complete_and_compiled(code):
    catalogue = LOCALE / to_locale(code) / "LC_MESSAGES"
    po = polib.pofile(str(catalogue / "django.po"))
    assert len(po) > 300
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    # A translation keeps the msgid's named placeholders (gettext would raise KeyError at run time otherwise).
    for entry in po.translated_entries():
        targets = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        source = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for target in targets:
            assert set(PLACEHOLDER.findall(target)) <= source, f"{code}: {entry.msgid!r}"
    mo = polib.mofile(str(catalogue / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (
            entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))), f"django.mo is stale: {entry.msgid!r}"


def test_japanese_is_the_default_and_english_is_under_en(client, gunma):
    ja = client.get(reverse("idea_list")).content.decode()
    assert '<html lang="ja">' in ja and "アイデア" in ja
    en = client.get("/en" + reverse("idea_list")).content.decode()
    assert '<html lang="en">' in en and "Ideas" in en
    # The switcher links to the same page in the other language, keeping the query.
    page = client.get(reverse("idea_list") + "?sdg=3").content.decode()
    assert 'href="/en/ideas/?sdg=3"' in page and 'hreflang="en"' in page


def test_browser_language_does_not_move_the_japanese_urls(client, gunma):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and '<html lang="ja">' in response.content.decode()


def test_the_switcher_offers_every_language_in_its_own_name(client, gunma):
    page = client.get(reverse("idea_list") + "?sdg=3").content.decode()
    for code, name in settings.LANGUAGES:
        prefix, tag = ("" if code == "ja" else f"/{code}"), settings.HTML_LANG.get(code, code)
        assert f'href="{prefix}/ideas/?sdg=3" lang="{tag}" hreflang="{tag}"' in page
        assert f">{name}</a>" in page


@pytest.mark.parametrize("code", [c for c in TRANSLATED if c != "ja"])
def test_each_language_serves_its_own_words_and_preselects_itself_at_sign_up(client, gunma, code):
    with translation.override(code):
        ideas, skip = translation.gettext("Ideas"), translation.gettext("Skip to main content")
        idea_list, signup = reverse("idea_list"), reverse("signup")
    assert skip != "Skip to main content"  # the catalogue is there and read
    assert idea_list == f"/{code}/ideas/"
    client.cookies["furigana"] = "0"  # やさしい日本語 reads with furigana by default, which splits the words
    page = client.get(idea_list).content.decode()
    assert f'<html lang="{settings.HTML_LANG.get(code, code)}">' in page and f">{ideas}</a>" in page and f">{skip}</a>" in page
    form = client.get(signup).context["form"]
    assert form["preferred_language"].initial == code


def test_djangos_own_messages_are_in_tagalog_not_the_japanese_fallback(client, gunma):
    # Django ships no Tagalog; without our catalogue these would fall back to the default language, Japanese.
    with translation.override("tl"):
        signup = reverse("signup")
        numeric, required = translation.gettext("Your password can’t be entirely numeric."), translation.gettext(
            "This field is required.")
    page = client.get(signup).content.decode()
    assert numeric == "Hindi puwedeng puro numero ang password mo." and numeric in page
    assert "数字だけのパスワード" not in page
    errors = client.post(signup, {"display_name": "Maria"}).context["form"].errors
    assert errors["email"] == [required] and required == "Kailangan ang field na ito."


def test_easy_japanese_has_its_own_words_and_djangos_come_in_japanese(client, gunma):
    """やさしい日本語 (docs/decisions/0024-easy-japanese.md): its own catalogue, not the Japanese one — Django's messages
    that our pages show included (core/django_strings.py) — and any other Django message from Django's Japanese
    catalogue (gettext backs ja_Easy with ja), never English."""
    with translation.override("ja-easy"):
        easy, required = translation.gettext("Skip to main content"), translation.gettext("This field is required.")
        other = translation.gettext("Enter a list of values.")  # Django's, not in django_strings.py
        signup = reverse("signup")
    with translation.override("ja"):
        plain, japanese_required = translation.gettext("Skip to main content"), translation.gettext(
            "This field is required.")
        japanese_other = translation.gettext("Enter a list of values.")
    assert easy != plain and easy != "Skip to main content"
    assert required != japanese_required and required != "This field is required."
    assert other == japanese_other != "Enter a list of values."
    errors = client.post(signup, {"display_name": "Maria"}).context["form"].errors
    assert errors["email"] == [required]
