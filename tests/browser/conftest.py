"""Shared fixtures of the browser suite.

Debian's headless Chromium (never a downloaded one) driven by Playwright's sync API against
pytest-django's live server; axe-core through axe-playwright-python; full-page screenshots in
test-artifacts/screenshots/ (git-ignored).

One browser serves the whole session; every page gets a fresh context (its own cookies).
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from .helpers import DESKTOP

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, gunma):
    """A factory: page(viewport=PHONE, javascript=False) opens a page in a new browser context.

    Relative addresses go to the live server (page.goto("/ideas/")). Uncaught script errors and
    server errors (5xx) seen by any of the test's pages fail the test when it ends.
    """
    contexts, problems = [], []

    def open_page(viewport=DESKTOP, javascript=True):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, java_script_enabled=javascript,
                                      locale="ja-JP", timezone_id="Asia/Tokyo")
        context.set_default_timeout(10_000)
        contexts.append(context)
        new = context.new_page()
        new.without_javascript = not javascript  # axe_check runs axe-core on a scripted copy of such a page
        new.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        new.on("response", lambda r: r.status >= 500 and problems.append(f"{r.status} from {r.request.method} {r.url}"))
        return new

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


_axe = Axe()
AXE_SOURCE = _axe.axe_script  # axe-core's own script, for context.add_init_script()


def _settled(page, check):
    """check(page) once the page has loaded; once more if a navigation started by the last click replaced the
    document while the check ran (the click returns when the navigation starts, not when it ends)."""
    for attempt in (1, 2):
        page.wait_for_load_state("load")
        try:
            return check(page)
        except PlaywrightError as error:
            if attempt == 2 or not any(sign in str(error) for sign in NAVIGATION_RACES):
                raise


NAVIGATION_RACES = ("Execution context was destroyed", "reading 'documentElement'")


def _axe_violations(page):
    if not getattr(page, "without_javascript", False):
        return _settled(page, lambda p: _axe.run(p).response["violations"])
    page.wait_for_load_state("load")
    # axe-core waits on timers, and with JavaScript off they never fire: page.evaluate() (which has no timeout)
    # would wait for ever. Check a copy of the page's DOM, as a reader without JavaScript has it, in a context
    # with JavaScript on; a Content-Security-Policy keeps the page's own scripts from running in the copy.
    html, address = page.content(), page.url.split("#")[0]
    context = page.context.browser.new_context(viewport=page.viewport_size, locale="ja-JP", timezone_id="Asia/Tokyo")
    try:
        copy = context.new_page()
        copy.route(address, lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=html,
            headers={"Content-Security-Policy": "script-src 'none'"}))
        copy.goto(address)
        return _axe.run(copy).response["violations"]
    finally:
        context.close()


def _axe_check(page):
    """No axe-core violation of serious or critical impact on the page as it is now (JavaScript on or off)."""
    violations = [v for v in _axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if violations:
        report = [f"axe-core on {page.url} at {page.viewport_size['width']}px:"]
        for v in violations:
            report.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            report += [f"    at {' '.join(map(str, node['target']))}" for node in v["nodes"]]
        raise AssertionError("\n".join(report))


@pytest.fixture
def axe_check():
    """axe_check(page): fails listing each rule id, its help text and the offending targets."""
    return _axe_check


LAYOUT_SCRIPT = """(width) => {
  const problems = [];
  const shown = el => el.getClientRects().length > 0;
  // Inside a visually hidden box (1 px, clipped: text for screen readers only), nothing is seen to squeeze.
  const clipped = el => { for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const b = n.getBoundingClientRect(); if (b.width <= 1 || b.height <= 1) return true; } return false; };
  // A short CSS path to an element, for the report: tag#id, or tag.class:nth-of-type(n) up to main/body.
  const where = el => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 5; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(part + '#' + node.id); break; }
      const classes = [...node.classList].filter(c => !c.includes(':')).slice(0, 2);
      if (classes.length) part += '.' + classes.join('.');
      const twins = node.parentElement ? [...node.parentElement.children].filter(c => c.tagName === node.tagName) : [];
      if (twins.length > 1) part += `:nth-of-type(${twins.indexOf(node) + 1})`;
      parts.unshift(part);
      if (['main', 'header', 'footer', 'body'].includes(node.tagName.toLowerCase())) break;
    }
    return parts.join(' > ');
  };
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) {
    // The innermost elements that stick out name the cause better than their containers.
    const wide = [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > width + 0.5);
    const innermost = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
    problems.push(`scrolls sideways: document.documentElement.scrollWidth is ${scrollWidth}px > ${width}px at `
      + innermost.slice(0, 5).map(el => `${where(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`)
        .join(', '));
  }
  // Text squeezed to (about) one character per line: a narrow box holding several lines of its own text.
  for (const el of document.querySelectorAll('main *, .site-header *')) {
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
    if (text.length < 3 || !shown(el) || clipped(el)) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const em = parseFloat(style.fontSize);
    // Readings (ふりがな) raise each line by about half an em: two lines with readings are still two lines.
    const line = (parseFloat(style.lineHeight) || 1.7 * em) + (el.querySelector('rt') ? 0.6 * em : 0);
    if (box.width > 1 && box.width < 2.5 * em && box.height > 2.5 * line)
      problems.push(`text squeezed to one character per line: ${where(el)} “${text.slice(0, 30)}” `
        + `(${Math.round(box.width)}×${Math.round(box.height)}px)`);
  }
  const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
  const firstTop = Math.min(...[...document.querySelectorAll('main *')].filter(shown)
    .map(el => el.getBoundingClientRect().top));
  if (firstTop - header < 12) problems.push(`content starts ${firstTop - header}px below the header`);
  for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    const box = input.getBoundingClientRect();
    if (shown(input) && Math.min(box.width, box.height) < 18)
      problems.push(`squashed ${input.type} ${input.id || input.name}: ${box.width}×${box.height}px`);
  }
  for (const badge of document.querySelectorAll('.badge, .required')) {
    const box = badge.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(badge).lineHeight) || 0;
    if (shown(badge) && line && box.height > 1.5 * line + 4)
      problems.push(`badge “${badge.textContent.trim()}” breaks over lines (${box.width}×${box.height}px) at ${where(badge)}`);
  }
  return problems;
}"""


def _layout_check(page):
    """The page fits its width (no sideways scrolling), content does not touch the header,
    checkboxes and radios keep their size and badges stay on one line."""
    width = page.viewport_size["width"]
    problems = _settled(page, lambda p: p.evaluate(LAYOUT_SCRIPT, width))
    if problems:
        raise AssertionError(f"layout of {page.url} at {width}px:\n  " + "\n  ".join(problems))


@pytest.fixture
def layout_check():
    return _layout_check


def _screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def photograph(page, name):
    """A full-page screenshot: test-artifacts/screenshots/<name>-<width>.png (the fixture's, for modules)."""
    return _screenshot(page, name)


def screenshot_failure(page, name):
    """A full-page screenshot of a failing page: test-artifacts/screenshots/failed-<name>-<width>.png."""
    return _screenshot(page, f"failed-{name}")


@pytest.fixture
def screenshot():
    """screenshot(page, name): the full page as test-artifacts/screenshots/<name>-<width>.png."""
    return _screenshot
