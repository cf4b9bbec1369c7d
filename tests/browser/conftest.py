"""Real headless Chromium (Debian's) driven by Playwright, with axe-core and screenshots."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport=PHONE, javascript=True) → a page in a fresh context (its own cookies)."""
    contexts = []

    def make(viewport=DESKTOP, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript, locale="ja-JP")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.base = live_server.url
        return page

    yield make
    for context in contexts:
        context.close()


_axe = Axe()


def axe_check(page):
    """No serious or critical axe-core violation on the page as it is now."""
    violations = [v for v in _axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in violations
    ) + f"\non {page.url}"


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width}px wide at a {viewport}px viewport"


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.viewport_size['width']}.png"), full_page=True)
