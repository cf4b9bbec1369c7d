"""Steps the journeys share, and the interface's words as the server renders them right now.

The Japanese catalogue changes as translators work, so tests never hard-code a translation: ui()
asks Django's gettext, which reads the same catalogue as the live server (it runs in this process).
"""

import re
from pathlib import Path

from django.utils import translation
from playwright.sync_api import expect

from yukemuri.people.tests.factories import PASSWORD

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


GUNMA = Path(__file__).resolve().parents[2] / "yukemuri" / "regions" / "data" / "gunma"


def load_gunma():
    """What the `gunma` fixture makes (the region, the SDGs, the event kinds), for module-scoped data."""
    from yukemuri.events.kinds import ensure_kinds
    from yukemuri.regions.loader import load_region_folder
    from yukemuri.topics.models import SDGGoal
    from yukemuri.topics.sdgs import SDG_GOALS

    for number, name_ja, name_en, colour in SDG_GOALS:
        SDGGoal.objects.update_or_create(number=number, defaults={"name_ja": name_ja, "name_en": name_en, "colour": colour})
    ensure_kinds()
    return load_region_folder(GUNMA).prefecture


def ui(msgid, lang="ja", context=None, **params):
    """The interface text for an English msgid in `lang`, e.g. ui("Support") or ui("Register", context="event")."""
    with translation.override(lang):
        text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    return text % params if params else text


def ui_count(singular, plural, number, lang="ja"):
    """The text of {% blocktranslate count counter=number %}singular{% plural %}plural{% endblocktranslate %}."""
    with translation.override(lang):
        return translation.ngettext(singular, plural, number) % {"counter": number}


def supporters(number):
    return ui_count("%(counter)s supporter", "%(counter)s supporters", number)


def path_is(path):
    """For expect(page).to_have_url(): the address ends with this path (and no query)."""
    return re.compile(r"^https?://[^/]+" + re.escape(path) + "$")


def open_menu(page):
    """On a phone the navigation is folded into the header's menu: open it (a no-op on wide screens)."""
    summary = page.locator(".site-menu > summary")
    if summary.is_visible() and page.locator(".site-menu[open]").count() == 0:
        summary.click()
        expect(page.locator(".site-menu[open]")).to_have_count(1)


def close_menu(page):
    """Close the phone's menu again: open, it lies over the page."""
    summary = page.locator(".site-menu > summary")
    if summary.is_visible() and page.locator(".site-menu[open]").count():
        summary.click()
        expect(page.locator(".site-menu[open]")).to_have_count(0)


def expect_signed_in(page):
    open_menu(page)
    expect(page.locator("form[action$='/accounts/logout/'] button")).to_be_visible()
    close_menu(page)


def sign_up(page, *, email, name, municipality="102083", language="ja", public_profile=True):
    """Fill every part of the real sign-up form and submit it; the person is then logged in."""
    page.goto("/accounts/signup/")
    page.fill("#id_email", email)
    page.fill("#id_display_name", name)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("input[name=relation][value=resident]")
    page.select_option("#id_home_municipality", municipality)
    page.select_option("#id_preferred_language", language)
    page.check("#id_consent_terms")
    if public_profile:
        page.check("#id_consent_public_profile")
    page.locator("main form").get_by_role("button", name=ui("Create my account")).click()
    expect(page.locator(".messages")).to_contain_text(name)  # the welcome names them
    expect_signed_in(page)


def log_in(page, email):
    """Log in through the real form (the login page must be open, e.g. after following a link)."""
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name=ui("Log in")).click()
    expect_signed_in(page)


def log_out(page):
    open_menu(page)
    with page.expect_navigation():
        page.locator("form[action$='/accounts/logout/']").get_by_role("button", name=ui("Log out")).click()
    open_menu(page)
    expect(page.get_by_role("navigation", name=ui("Account")).get_by_role("link", name=ui("Log in"))).to_be_visible()
    close_menu(page)


def logged_in(page, person, viewport=None):
    p = page(viewport=viewport) if viewport else page()
    p.goto("/accounts/login/")
    log_in(p, person.email)
    return p


def checked(p, axe_check, layout_check, screenshot, name):
    axe_check(p)
    layout_check(p)
    screenshot(p, name)


def demo_ids() -> dict:
    """The ids the page lists fill in, from the demo data (its idea アキヤデアキナイ has supporters, comments,
    a team, a campaign and a reply)."""
    from yukemuri.events.models import Event, Series
    from yukemuri.funding.models import Campaign
    from yukemuri.help.models import HelpRequest
    from yukemuri.ideas.models import Idea
    from yukemuri.issues.models import Issue
    from yukemuri.listening.models import Conversation
    from yukemuri.matching.models import VolunteerDay
    from yukemuri.notifications.unsubscribe import unsubscribe_token
    from yukemuri.startups.models import Startup
    from yukemuri.workshops.models import Diagram

    idea = Idea.objects.get(title="アキヤデアキナイ")
    series = Series.objects.get(title="未来共創ワークショップ 2022 北群馬渋川")
    return {
        "idea": idea.pk,
        "issue": Issue.objects.get(title="空き家が増え、活用が進まない").pk,
        "event": Event.objects.filter(series__isnull=True).exclude(kind__slug="help").order_by("starts_at").first().pk,
        "session": Event.objects.get(series=series, session_number=2).pk,
        "series": series.pk,
        "diagram": Diagram.objects.get().pk,
        "campaign": Campaign.objects.get(idea=idea).pk,
        "startup": Startup.objects.order_by("pk").first().pk,
        "conversation": Conversation.objects.get(issue__title="空き家が増え、活用が進まない").pk,
        "day": VolunteerDay.objects.get().pk,
        "token": unsubscribe_token(idea.author),
        "municipality_code": "102032",  # 桐生市: demo ties, a 関係案内人 and a verified municipality organisation
        **_help_ids(HelpRequest.objects.get(title__startswith="高原キャベツ")),
        **_survey_ids(),
        **_community_ids(),
    }


def _community_ids() -> dict:
    """The demo's 官民共創コミュニティ 北群馬渋川 and its group on 空き家, whose organiser is ゆい (the signed-in person)."""
    from yukemuri.communities.models import Community

    return {"community": Community.objects.get(slug="kitagunma-shibukawa-demo").pk,
            "community_akiya": Community.objects.get(slug="akiya-demo").pk}


def _survey_ids() -> dict:
    """The demo's published well-being survey and its open survey (アンケート)."""
    from yukemuri.surveys.models import Survey

    return {"survey_published": Survey.objects.get(title__startswith="わたしたちのウェルビーイング調査").pk,
            "survey_open": Survey.objects.get(title__startswith="地域活動についてのアンケート").pk}


def _help_ids(help_request) -> dict:
    """The demo's 嬬恋村 cabbage harvest request and its first time slot (お手伝い募集)."""
    return {"help_request": help_request.pk, "help_slot": help_request.slots.order_by("pk").first().pk}
