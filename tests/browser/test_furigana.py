"""ふりがな in real Chromium at 360 px: a reader turns readings on from the footer (with and without JavaScript), an
idea page shows them over the kanji, a screen reader's accessibility tree holds the base text once and no reading,
the choice stays on the next page, a school grade leaves the easier kanji bare, and "none" turns it off.
axe-clean, no sideways scrolling, screenshots."""

import pytest
from playwright.sync_api import expect

from yukemuri.demo.loader import load_demo

from .helpers import PHONE, demo_ids, path_is, ui


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_reader_turns_readings_on_and_off(page, gunma, axe_check, layout_check, screenshot, javascript):
    load_demo()
    ids = demo_ids()
    reader = page(viewport=PHONE, javascript=javascript)
    reader.goto(f"/ideas/{ids['idea']}/")
    assert reader.locator("main ruby").count() == 0
    reader.select_option("#furigana", "1")
    reader.get_by_role("button", name=ui("Show")).click()
    expect(reader).to_have_url(path_is(f"/ideas/{ids['idea']}/"))  # back to the page, the choice in a cookie
    expect(reader.locator("main ruby").first).to_be_visible()
    if javascript:  # these checks run scripts in the page; without JavaScript the form is what counts
        heard_once(reader)
        axe_check(reader)
        layout_check(reader)
        screenshot(reader, "furigana-idea")

    reader.goto("/issues/")  # the cookie keeps the choice
    expect(reader.locator("main ruby").first).to_be_visible()
    every = reader.locator("main rt").count()
    reader.select_option("#furigana", "above-6")  # only kanji beyond primary school
    reader.get_by_role("button", name=ui("Show")).click()
    expect(reader).to_have_url(path_is("/issues/"))
    assert 0 < reader.locator("main rt").count() < every
    reader.select_option("#furigana", "0")
    reader.get_by_role("button", name=ui("Show")).click()
    expect(reader.locator("main ruby")).to_have_count(0)
    reader.goto(f"/ideas/{ids['idea']}/")
    expect(reader.locator("main ruby")).to_have_count(0)


def heard_once(reader):
    """The reading is for the eye only: the accessibility tree holds a paragraph's base text, not its readings."""
    paragraph = reader.locator("main p:has(ruby)").first
    base = paragraph.evaluate("p => { const c = p.cloneNode(true); c.querySelectorAll('rt').forEach(r => r.remove());"
                              " return c.textContent; }")
    tree = "".join(reader.locator("main").aria_snapshot().split()).replace('"', "")  # Chromium spaces the rubies
    assert "".join(base.split()) in tree
    readings = [r for r in paragraph.locator("rt").all_text_contents() if len(r) > 2]
    assert readings and not any(reading in tree for reading in readings)
