"""Japanese by default, English under /en/, every string translated."""

from pathlib import Path

import polib
from django.urls import reverse

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "ja" / "LC_MESSAGES"


def test_japanese_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert len(po) > 300
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
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
