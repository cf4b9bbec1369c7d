"""The site header on a phone: one row, its navigation folded into a menu that opens without JavaScript;
on a wide screen the navigation shows as it is. The list filters open from a button with a marker."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .helpers import DESKTOP, PHONE, ui

LANGUAGES = [code for code, _name in settings.LANGUAGES]
HEADER_MAX = 110  # px, on a 360 px phone


def prefixed(path, lang):
    return path if lang == settings.LANGUAGE_CODE else f"/{lang}{path}"


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_header_is_one_row_and_its_menu_opens(page, gunma, javascript):
    phone = page(viewport=PHONE, javascript=javascript)
    phone.goto("/?furigana=0")  # やさしい日本語's default readings would split the links' names into their rubies
    for lang in LANGUAGES:
        phone.goto(prefixed("/", lang))
        header = phone.locator(".site-header").bounding_box()
        assert header["height"] <= HEADER_MAX, f"[{lang}] the header is {header['height']}px high"
        main_nav = phone.get_by_role("navigation", name=ui("Main", lang))
        expect(main_nav).to_be_hidden()  # folded away until the menu opens
        menu = phone.locator(".site-menu > summary")
        expect(menu).to_be_visible()
        menu.click()
        for name, path in (("Broad listening", "/listening/"), ("Workshops", "/workshops/"), ("Issues", "/issues/")):
            link = main_nav.get_by_role("link", name=ui(name, lang), exact=True)
            expect(link).to_be_visible()
            expect(link).to_have_attribute("href", prefixed(path, lang))
        account = phone.get_by_role("navigation", name=ui("Account", lang))
        expect(account.get_by_role("link", name=ui("Log in", lang))).to_be_visible()
        # Open, the menu lies over the page: the header itself does not grow.
        assert phone.locator(".site-header").bounding_box()["height"] == header["height"]
    phone.goto(prefixed("/", "zh-hans"))  # the loop ended on another language's page
    phone.locator(".site-menu > summary").click()
    phone.get_by_role("navigation", name=ui("Main", "zh-hans")).get_by_role(
        "link", name=ui("Workshops", "zh-hans"), exact=True).click()
    expect(phone).to_have_url(f"{phone.url.split('/zh-hans/')[0]}/zh-hans/workshops/")


@pytest.mark.browser
def test_wide_header_shows_the_navigation_without_a_menu_button(page, gunma):
    desktop = page(viewport=DESKTOP)
    desktop.goto("/")
    expect(desktop.locator(".site-menu > summary")).to_be_hidden()
    main_nav = desktop.get_by_role("navigation", name=ui("Main"))
    for name in ("Issues", "Ideas", "Events", "Workshops", "Broad listening", "Regions", "Organisations"):
        expect(main_nav.get_by_role("link", name=ui(name), exact=True)).to_be_visible()
    expect(desktop.get_by_role("navigation", name=ui("Account")).get_by_role("link", name=ui("Log in"))).to_be_visible()


@pytest.mark.browser
def test_list_filters_open_from_a_button_with_a_marker(page, gunma):
    phone = page(viewport=PHONE, javascript=False)
    phone.goto("/ideas/")
    summary = phone.locator(".filters summary")
    look = summary.evaluate("""s => {
        const own = getComputedStyle(s), marker = getComputedStyle(s, '::after');
        return {border: own.borderTopStyle, width: parseFloat(own.borderTopWidth),
                markerWidth: parseFloat(marker.width), markerBorder: parseFloat(marker.borderRightWidth),
                transform: marker.transform, display: own.display};
    }""")
    assert look["border"] == "solid" and look["width"] >= 1, f"the filter summary has no button border: {look}"
    assert look["markerWidth"] > 0 and look["markerBorder"] > 0, f"the filter summary has no open/close marker: {look}"
    closed = look["transform"]
    expect(phone.locator(".filters .filter-grid")).to_be_hidden()
    summary.click()
    expect(phone.locator(".filters .filter-grid")).to_be_visible()
    opened = summary.evaluate("s => getComputedStyle(s, '::after').transform")
    assert opened != closed, "the marker does not change when the filters open"
