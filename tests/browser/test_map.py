"""Issue 20's map on a 360 px phone, in real Chromium: the server-drawn SVG fits the screen, every municipality and
marker is a named link with a tap target of at least 24 px, the list alternative groups the same things by
municipality (a 広域 issue under each of its municipalities), a tap on a municipality filters the map, a wrong
layer says so; axe-clean, with JavaScript and without, and photographed."""

import pytest
from playwright.sync_api import expect

from yukemuri.issues.services import issue_create
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.loader import load_boundaries
from yukemuri.regions.models import Municipality

from .helpers import GUNMA, PHONE, logged_in, ui

SHARED = "三市町村をまたぐ路線バス"
MARKED = "尾瀬の木道が傷んでいる"


def _issues():
    load_boundaries(GUNMA / "boundaries.geojson")
    author = PersonFactory(display_name="地図の投稿者")
    codes = Municipality.objects.in_bulk(["102083", "103454", "103446", "104434"], field_name="code")
    issue_create(author=author, title=SHARED, body="本数が減っている。", place={"municipality": codes["102083"]},
                 municipalities=[codes["103454"], codes["103446"]])
    issue_create(author=author, title=MARKED, body="木道の修理が必要。", place={"municipality": codes["104434"]},
                 point=(36.93, 139.24))
    return author


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_the_map_on_a_phone_with_its_list(page, axe_check, layout_check, screenshot, javascript):
    _issues()
    p = page(viewport=PHONE, javascript=javascript)
    p.goto("/map/?layer=issues", timeout=60_000)  # the live server's first page compiles the templates
    svg = p.locator("svg.map")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box["width"] <= 360 and box["height"] > 100
    regions = p.locator("svg.map .map-regions a")
    expect(regions).to_have_count(35)
    assert all(name for name in regions.evaluate_all("els => els.map(a => a.getAttribute('aria-label'))"))
    marker = p.locator("svg.map .map-markers a", has=p.locator("circle"))
    expect(marker).to_have_count(1)
    assert marker.get_attribute("aria-label") == MARKED
    hit = marker.locator("circle.hit").bounding_box()
    assert hit["width"] >= 24 and hit["height"] >= 24  # the tap target, though the dot is smaller
    # The list alternative: the shared issue under each of its three municipalities, the marked one under 片品村.
    listing = p.locator("#map-list")
    for name in ("渋川市", "吉岡町", "榛東村"):
        group = listing.locator("h3", has_text=name)
        expect(group).to_be_visible()
    expect(listing.get_by_role("link", name=SHARED)).to_have_count(3)
    expect(listing.get_by_role("link", name=MARKED)).to_have_count(1)
    expect(p.get_by_text("国土数値情報（行政区域データ）", exact=False)).to_be_visible()
    axe_check(p)
    layout_check(p)
    screenshot(p, f"map-issues{'' if javascript else '-nojs'}")
    # Tapping 榛東村 shows the map of what concerns it.
    p.locator("svg.map .map-regions a[href*='municipality=103446']").click()
    p.wait_for_url("**municipality=103446**")
    expect(p.locator("#map-list").get_by_role("link", name=SHARED)).to_have_count(3)
    expect(p.locator("#map-list").get_by_role("link", name=MARKED)).to_have_count(0)
    axe_check(p)
    screenshot(p, f"map-shinto{'' if javascript else '-nojs'}")


@pytest.mark.browser
def test_each_layer_and_a_wrong_one(page, axe_check, layout_check, screenshot):
    _issues()
    p = page(viewport=PHONE)
    p.goto("/map/", timeout=60_000)
    for layer in ("ideas", "events", "help", "facilities"):
        p.goto(f"/map/?layer={layer}")
        expect(p.locator("nav .map-layers a[aria-current=page]")).to_have_attribute("href", f"?layer={layer}")
        axe_check(p)
        layout_check(p)
    response = p.goto("/map/?layer=volcanoes")
    assert response.status == 400
    expect(p.locator("[role=alert]").first).to_be_visible()
    axe_check(p)
    screenshot(p, "map-wrong-layer")


@pytest.mark.browser
def test_marking_a_place_on_the_issue_form_without_javascript(page, axe_check, screenshot):
    author = _issues()
    page(viewport=PHONE).goto("/map/", timeout=60_000)
    p = logged_in(page, author, viewport=PHONE)
    p.goto("/issues/new/")
    p.fill("#id_title", "橋の欄干が壊れている")
    p.fill("#id_body", "川沿いの橋の欄干が壊れています。")
    p.select_option("#id_place", "m:102083")
    p.locator("details.also-concerns > summary").click()  # folded on the form until opened
    p.check("input[name=municipalities][value='103454']")
    p.fill("#id_latitude", "36.49")
    p.fill("#id_longitude", "139.0")
    axe_check(p)
    p.locator("main form button[type=submit]").first.click()  # publish: the similar-posts check comes after it
    expect(p.get_by_text(ui("Also concerns"))).to_be_visible()
    p.get_by_role("link", name=ui("See the marked place")).click()
    p.wait_for_url("**/map/?layer=issues**")
    expect(p.locator("svg.map .map-markers a[aria-label='橋の欄干が壊れている']")).to_have_count(1)
    screenshot(p, "map-marked-issue")
