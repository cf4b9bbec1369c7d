"""Every main page at desktop (1280 px) width (test_every_page.py does the phone, in every language): a
full-page screenshot, then — with
every <details> opened, so that filters and reply forms are checked too — no serious or critical
axe-core violation and a sane layout (above all, no sideways scrolling)."""

import pytest
from playwright.sync_api import expect

from yukemuri.demo.loader import load_demo
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

from .helpers import DESKTOP, demo_ids, log_in, path_is

# The phone (360 px) is checked in every language by test_every_page.py, which also photographs these pages.
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP], ids=["1280px"])

PUBLIC = {
    "home": "/",
    "issues": "/issues/",
    "issue": "/issues/{issue}/",
    "ideas": "/ideas/",
    "idea": "/ideas/{idea}/",
    "regions": "/regions/",
    "municipality": "/regions/102083/",
    "organisations": "/organisations/",
    "signup": "/accounts/signup/",
    "login": "/accounts/login/",
    "about": "/about/",
    "home-en": "/en/",
    "idea-en": "/en/ideas/{idea}/",
    "events": "/events/",
    "events-past": "/events/?when=past",
    "events-month": "/events/?view=month&month=2022-09",
    "event": "/events/{event}/",
    "workshop-session": "/events/{session}/",
    "series-list": "/workshops/",
    "series": "/workshops/{series}/",
    "diagram": "/workshops/diagrams/{diagram}/",
    "opendata": "/opendata/",
    "accountability": "/accountability/",
    "kpi": "/kpi/",
    "team": "/ideas/{idea}/team/",
    "campaign": "/campaigns/{campaign}/",
    "startups": "/startups/",
    "startup": "/startups/{startup}/",
    "creators": "/creators/",
    "listening": "/listening/",
    "conversation": "/listening/{conversation}/",
    "conversation-report": "/listening/{conversation}/report/",
    "volunteer-day": "/matching/days/{day}/",
    "stop-emails": "/me/notifications/stop-emails/{token}/",
    "help": "/help/",
    "help-request": "/help/{help_request}/",
    "ties": "/regions/{municipality_code}/ties/",
    "kpi-indicator": "/kpi/cocreation-initiatives/",
}
SIGNED_IN = {
    "me": "/me/",
    "idea-form": "/ideas/new/?issue={issue}",
    "issue-form": "/issues/new/",
    "idea-signed-in": "/ideas/{idea}/",
    "issue-signed-in": "/issues/{issue}/",
    "moderation": "/moderation/",
    "report": "/report/idea/{idea}/",
    "delete-account": "/me/delete/",
    "my-tickets": "/me/tickets/",
    "event-signed-in": "/events/{event}/",
    "coordinator": "/coordinator/",
    "suggestions": "/me/suggestions/",
    "notifications": "/me/notifications/",
    "staff-actions": "/staff/actions/",
    "my-activity": "/me/activity/",
    "applications": "/me/applications/",
    "steer": "/ideas/{idea}/steer/",
    "plan": "/ideas/{idea}/plan/",
    "milestones": "/ideas/{idea}/milestones/",
    "campaign-new": "/ideas/{idea}/campaigns/new/",
    "team-managed": "/ideas/{idea}/team/",
    "campaign-staff": "/campaigns/{campaign}/",
    "volunteer-day-new": "/matching/days/new/",
    "consultation-new": "/matching/consultations/new/",
    "conversation-moderate": "/listening/{conversation}/moderate/",
    "conversation-import": "/listening/{conversation}/import/",
    "conversation-new": "/listening/new/?issue={issue}",
    "my-data": "/me/data/",
    "help-signups": "/help/{help_request}/signups/",
    "kpi-indicator-staff": "/kpi/renewable-energy/",
}


@pytest.fixture
def demo(gunma):
    """The demo data: its idea アキヤデアキナイ has supporters, comments and a reply."""
    load_demo()
    return demo_ids()


@pytest.fixture
def visit_all(axe_check, layout_check, screenshot):
    def visit(page, pages, ids):
        problems = []
        for name, path in pages.items():
            response = page.goto(path.format(**ids))
            assert response.status == 200, f"{name}: {path.format(**ids)} answered {response.status}"
            screenshot(page, name)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            for check in (axe_check, layout_check):
                try:
                    check(page)
                except AssertionError as error:
                    problems.append(f"{name}: {error}")
        assert not problems, "\n\n".join(problems)

    return visit


@pytest.mark.browser
@WIDTHS
def test_public_pages(page, gunma, demo, visit_all, viewport):
    visit_all(page(viewport=viewport), PUBLIC, demo)


@pytest.mark.browser
@WIDTHS
def test_signed_in_pages(page, gunma, demo, visit_all, viewport):
    moderator = PersonFactory(email="mod@example.jp", display_name="モデレーター")
    role_assign(person=moderator, role=Role.MODERATOR)
    role_assign(person=moderator, role=Role.COORDINATOR)
    visitor = page(viewport=viewport)
    visitor.goto("/accounts/login/")
    log_in(visitor, "mod@example.jp")
    expect(visitor).to_have_url(path_is("/me/"))
    visit_all(visitor, SIGNED_IN, demo)
