"""Keyboard-only journeys (issue 19, アクセシビリティ): a person with no mouse signs up, posts an issue and an
idea, votes in a broad-listening conversation and registers for an event, on a 360 px phone in Japanese.

Every control is reached the way such a person reaches it: Tab / Shift+Tab until it has focus (with a bound,
so a trap or an unreachable control fails), then typing, Enter, Space or the arrow keys. Nothing here clicks
or fills an element. On every page the first Tab must land on the skip link (本文へ移動), Enter on it must
move focus into <main>, and each control reached must show a visible focus indicator that it lacks unfocused.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from yukemuri.events.models import Registration
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue
from yukemuri.listening import services as listening
from yukemuri.listening.models import Vote
from yukemuri.people.tests.factories import PASSWORD, PersonFactory

from .helpers import PHONE, ui

TAB_LIMIT = 80  # presses; more on these pages means the control cannot be reached (or focus is trapped)

# The look that tells where focus is: outline and box-shadow (what app.css's :focus-visible sets).
FOCUS_LOOK = """el => { const s = getComputedStyle(el);
  return {outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth), colour: s.outlineColor,
          shadow: s.boxShadow}; }"""

# Where focus is now: whether it matches, whether a sighted person can see the element, and a name for reports.
ACTIVE = """selector => { const el = document.activeElement;
  const box = el.getBoundingClientRect(), style = getComputedStyle(el);
  const shown = el.getClientRects().length > 0 && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? `[name=${el.name}]` : '')
    + (el.value && el.tagName !== 'TEXTAREA' ? `[value=${String(el.value).slice(0, 12)}]` : '')
    + ' “' + (el.textContent || '').trim().slice(0, 20) + '”';
  // Not hidden under something else (an open menu lying over the page, a sticky bar): what is drawn at the
  // middle of the focused element is the element, or part of it, or its label.
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const covered = !!top && !(el.contains(top) || top.contains(el) || (el.labels && [...el.labels].some(l => l.contains(top))));
  return {match: selector ? el.matches(selector) : false, shown, name, covered,
          coveredBy: covered ? top.tagName.toLowerCase() + '.' + [...top.classList].join('.') : '',
          hidden: !!el.closest('[aria-hidden=true]'), visible: el.matches(':focus-visible')}; }"""


def at(path):
    """For expect(page).to_have_url(): this path, with the #main a skip link may have left on it."""
    return re.compile(r"^https?://[^/]+" + re.escape(path) + "(#main)?$")


def has_focus_indicator(focused, unfocused):
    """A 2 px or wider outline, or a box-shadow, that the element does not have unfocused."""
    ring = focused["outline"] >= 2 or focused["shadow"] != "none"
    return ring and focused != unfocused


def skip_to_main(page):
    """The first Tab on a freshly loaded page lands on a visible skip link; Enter moves focus to <main>.

    Two kinds of page already start in <main>: one whose field has autofocus (Django's login form), and one
    reached through a form that posts to its own address (no action): it keeps the #main the skip link added,
    and the page the post leads to inherits it. There the first Tab goes into <main> and the skip link is
    found with Shift+Tab instead.
    """
    link = page.locator("a.skip-link")
    if page.evaluate("() => location.hash === '#main' || !!document.activeElement.closest('main')"):
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('main')"), (
            f"{page.url}: the first Tab did not go into <main>")
        tab_to(page, "a.skip-link", backwards=True)
    else:
        unfocused = link.evaluate(FOCUS_LOOK)
        page.keyboard.press("Tab")
        expect(link).to_be_focused()
        assert has_focus_indicator(link.evaluate(FOCUS_LOOK), unfocused), f"the skip link shows no focus on {page.url}"
    expect(link).to_have_text(ui("Skip to main content"))
    box = link.bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0, f"the focused skip link is off screen on {page.url}: {box}"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def tab_to(page, selector, *, backwards=False):
    """Press Tab (Shift+Tab backwards) until the element matching `selector` has focus; every stop on the way
    must be an element a sighted person can see, and the one reached must show where focus is."""
    unfocused = page.locator(selector).evaluate_all(f"els => els.map({FOCUS_LOOK})")
    assert unfocused, f"nothing on {page.url} matches {selector}"
    key = "Shift+Tab" if backwards else "Tab"
    stops = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        active = page.evaluate(ACTIVE, selector)
        stops.append(active["name"])
        assert active["shown"] and not active["hidden"], (
            f"focus went to an element nobody can see on {page.url}: {active['name']} (after {stops})")
        assert not active["covered"], (
            f"focus on {page.url} went to {active['name']}, hidden under {active['coveredBy']} (after {stops})")
        if active["match"]:
            break
    else:
        raise AssertionError(f"{selector} not reached with {TAB_LIMIT}×{key} on {page.url}; focus went {stops}")
    assert active["visible"], f"{active['name']} on {page.url} is not :focus-visible after {key}"
    index = page.evaluate("s => [...document.querySelectorAll(s)].indexOf(document.activeElement)", selector)
    target = page.locator(selector).nth(index)
    focused = target.evaluate(FOCUS_LOOK)
    assert has_focus_indicator(focused, unfocused[index]), (
        f"{active['name']} on {page.url} shows no focus indicator: {focused} focused, {unfocused[index]} not")
    return target


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, selector, value):
    """Pick an option of the <select> (or radio group) with the arrow keys, as a closed select allows."""
    tab_to(page, selector)
    current = lambda: page.evaluate("() => document.activeElement.value")  # noqa: E731
    for key in ("ArrowDown", "ArrowUp"):
        for _ in range(200):
            if current() == value:
                return
            before = current()
            page.keyboard.press(key)
            if current() == before:  # the end of the list: try the other way
                break
    raise AssertionError(f"{value} could not be chosen in {selector} with the arrow keys (stuck at {current()})")


def tick(page, selector):
    target = tab_to(page, selector)
    page.keyboard.press("Space")
    expect(target).to_be_checked()


def press_button(page, selector):
    tab_to(page, selector)
    page.keyboard.press("Enter")


def log_in_by_keyboard(page, email):
    page.goto("/accounts/login/")
    skip_to_main(page)
    type_into(page, "#id_username", email)
    type_into(page, "#id_password", PASSWORD)
    with page.expect_navigation():
        press_button(page, "main form button[type=submit]")
    skip_to_main(page)


@pytest.mark.browser
def test_signing_up_from_the_home_page_through_the_menu(page, gunma, axe_check):
    phone = page(viewport=PHONE)
    phone.goto("/")
    skip_to_main(phone)
    # From <main>, back up into the header: its folded menu is a <details>, opened with Enter.
    tab_to(phone, ".site-menu > summary", backwards=True)
    phone.keyboard.press("Enter")
    expect(phone.locator(".site-menu[open]")).to_have_count(1)
    with phone.expect_navigation():
        press_button(phone, ".account-nav a[href^='/accounts/signup/']")
    expect(phone).to_have_url(at("/accounts/signup/?next=/"))

    skip_to_main(phone)
    type_into(phone, "#id_email", "hanako@example.jp")
    type_into(phone, "#id_display_name", "はなこ")
    type_into(phone, "#id_password1", PASSWORD)
    type_into(phone, "#id_password2", PASSWORD)
    choose(phone, "input[name=relation]", "works")  # the arrow keys move within the radio group and choose
    expect(phone.locator("input[name=relation][value=works]")).to_be_checked()
    choose(phone, "#id_home_municipality", "102083")
    choose(phone, "#id_preferred_language", "ja")
    tick(phone, "#id_consent_terms")
    tick(phone, "#id_consent_public_profile")
    with phone.expect_navigation():
        press_button(phone, "main form button[type=submit]")
    expect(phone.locator(".messages")).to_contain_text("はなこ")
    person = get_user_model().objects.get(email="hanako@example.jp")
    assert person.display_name == "はなこ" and person.relation == "works"
    assert person.home_municipality.code == "102083"
    skip_to_main(phone)  # the page after the submit starts again at the skip link
    axe_check(phone)


@pytest.mark.browser
def test_posting_an_issue_and_an_idea_that_answers_it(page, gunma):
    PersonFactory(email="jiro@example.jp", display_name="じろう")
    phone = page(viewport=PHONE)
    log_in_by_keyboard(phone, "jiro@example.jp")

    phone.goto("/issues/new/")
    skip_to_main(phone)
    type_into(phone, "#id_title", "バスの本数が少ない")
    type_into(phone, "#id_body", "渋川駅から伊香保温泉へのバスが一時間に一本しかない。")
    choose(phone, "#id_place", "m:102083")
    tick(phone, "input[name=sdgs][value='11']")
    type_into(phone, "#id_themes", "交通")
    with phone.expect_navigation():
        press_button(phone, "main form button[type=submit]")
    issue = Issue.objects.get(title="バスの本数が少ない")
    expect(phone).to_have_url(at(f"/issues/{issue.pk}/"))
    expect(phone.locator(".messages")).to_contain_text(ui("Your issue is published. Thank you!"))

    skip_to_main(phone)
    with phone.expect_navigation():
        press_button(phone, f"main a[href='/ideas/new/?issue={issue.pk}']")
    skip_to_main(phone)
    expect(phone.locator(f"input[name=issues][value='{issue.pk}']")).to_be_checked()
    type_into(phone, "#id_title", "オンデマンド交通")
    type_into(phone, "#id_body", "予約に応じて走る乗合タクシーを地域で運行する。")
    choose(phone, "#id_place", "m:102083")
    tick(phone, "input[name=sdgs][value='11']")
    with phone.expect_navigation():
        press_button(phone, "main form button[type=submit]")
    idea = Idea.objects.get(title="オンデマンド交通")
    expect(phone).to_have_url(at(f"/ideas/{idea.pk}/"))
    assert list(idea.issues.all()) == [issue]
    assert idea.author.email == "jiro@example.jp"
    skip_to_main(phone)


@pytest.mark.browser
def test_voting_in_a_conversation(page, gunma, make_issue, axe_check):
    seeds = ["空き家は地域の資源だ", "空き家の活用は行政が主導すべき", "古い町並みを残したい"]
    coordinator = organiser()
    conversation = listening.conversation_create(by=coordinator, title="空き家をどうする？",
                                                 question="空き家について、どう思いますか？", seeds=seeds,
                                                 issue=make_issue(coordinator))
    phone = page(viewport=PHONE)
    phone.goto(f"/listening/{conversation.pk}/")
    for n, _seed in enumerate(seeds):
        if n == 0:
            skip_to_main(phone)
        else:  # after a vote the page opens at the next statement: the first Tab is its first button
            assert phone.evaluate("() => location.hash") == "#vote"
            phone.keyboard.press("Tab")
            expect(phone.locator("main button.agree")).to_be_focused()
            phone.keyboard.press("Shift+Tab")  # back, so that press_button sees the focus ring appear
        text = phone.locator("#current-statement").inner_text()
        button = "main button.agree" if n % 2 == 0 else "main button.disagree"
        with phone.expect_navigation():
            press_button(phone, button)
        votes = Vote.objects.filter(statement__conversation=conversation)
        assert votes.count() == n + 1
        assert votes.get(statement__text=text).value == (1 if n % 2 == 0 else -1)
    expect(phone.locator("#vote .notice")).to_contain_text(
        ui("You have answered every statement. Thank you! Add your own, or see the results."))
    axe_check(phone)


@pytest.mark.browser
def test_registering_for_an_event_signed_in_and_as_a_guest(page, gunma):
    event = make_event(organiser(), capacity=10)
    PersonFactory(email="saburo@example.jp", display_name="さぶろう")

    member = page(viewport=PHONE)
    log_in_by_keyboard(member, "saburo@example.jp")
    member.goto(f"/events/{event.pk}/")
    skip_to_main(member)
    with member.expect_navigation():
        press_button(member, f"aside form[action='/events/{event.pk}/register/'] button[type=submit]")
    expect(member.locator(".messages")).to_contain_text(ui("You are registered. Your ticket is below."))
    assert Registration.objects.get(event=event, person__email="saburo@example.jp").status == "confirmed"
    skip_to_main(member)

    guest = page(viewport=PHONE)
    guest.goto(f"/events/{event.pk}/")
    skip_to_main(guest)
    type_into(guest, "aside #id_name", "しろう")
    type_into(guest, "aside #id_email", "shiro@example.jp")
    tick(guest, "aside #id_consent")
    with guest.expect_navigation():
        press_button(guest, f"aside form[action='/events/{event.pk}/register/'] button[type=submit]")
    expect(guest.locator("main")).to_contain_text("shiro@example.jp")
    assert Registration.objects.get(event=event, guest_email="shiro@example.jp").guest_name == "しろう"
    skip_to_main(guest)



@pytest.mark.browser
def test_header_menus_close_when_focus_leaves_them_and_on_escape(page, gunma):
    """Open, the phone's menu lies over the page: tabbing past its last link must not put focus on content
    hidden under it (menus.js closes it), and Escape closes it and gives focus back to its button."""
    phone = page(viewport=PHONE)
    phone.goto("/")
    skip_to_main(phone)
    menu = tab_to(phone, ".site-menu > summary", backwards=True)
    phone.keyboard.press("Enter")
    expect(phone.locator(".site-menu[open]")).to_have_count(1)
    tab_to(phone, ".account-nav a[href^='/accounts/signup/']")  # the menu's last link
    tab_to(phone, "main a")  # on into the page: each stop seen, none under the menu
    expect(phone.locator(".site-menu[open]")).to_have_count(0)

    tab_to(phone, ".site-menu > summary", backwards=True)
    phone.keyboard.press("Enter")
    tab_to(phone, ".main-nav a[href='/ideas/']")
    phone.keyboard.press("Escape")
    expect(phone.locator(".site-menu[open]")).to_have_count(0)
    expect(menu).to_be_focused()

    languages = tab_to(phone, ".lang-switch summary", backwards=True)
    phone.keyboard.press("Enter")
    expect(phone.locator(".lang-switch details[open]")).to_have_count(1)
    tab_to(phone, ".lang-switch a[hreflang=en]")
    phone.keyboard.press("Escape")
    expect(phone.locator(".lang-switch details[open]")).to_have_count(0)
    expect(languages).to_be_focused()
    phone.keyboard.press("Enter")
    tab_to(phone, ".site-menu > summary")  # past the last language: the list closes behind
    expect(phone.locator(".lang-switch details[open]")).to_have_count(0)
