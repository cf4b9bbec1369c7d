"""Every main page: axe-core finds no serious or critical violation, no sideways scroll at 360 px,
and screenshots at phone and desktop width."""

import pytest

from yukemuri.demo.loader import load_demo
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

from .conftest import DESKTOP, PHONE, axe_check, no_sideways_scroll, screenshot

PUBLIC = {
    "home": lambda ids: "/",
    "issues": lambda ids: "/issues/",
    "issue": lambda ids: f"/issues/{ids['issue']}/",
    "ideas": lambda ids: "/ideas/",
    "idea": lambda ids: f"/ideas/{ids['idea']}/",
    "regions": lambda ids: "/regions/",
    "municipality": lambda ids: "/regions/102083/",
    "organisations": lambda ids: "/organisations/",
    "signup": lambda ids: "/accounts/signup/",
    "login": lambda ids: "/accounts/login/",
    "about": lambda ids: "/about/",
    "home-en": lambda ids: "/en/",
    "idea-en": lambda ids: f"/en/ideas/{ids['idea']}/",
}
SIGNED_IN = {
    "me": lambda ids: "/me/",
    "idea-form": lambda ids: f"/ideas/new/?issue={ids['issue']}",
    "issue-form": lambda ids: "/issues/new/",
    "idea-signed-in": lambda ids: f"/ideas/{ids['idea']}/",
    "moderation": lambda ids: "/moderation/",
    "report": lambda ids: f"/report/idea/{ids['idea']}/",
    "delete-account": lambda ids: "/me/delete/",
}


@pytest.fixture
def demo(gunma):
    load_demo()
    idea = Idea.objects.get(title="アキヤデアキナイ")  # has comments, a reply and supporters
    return {"idea": idea.pk, "issue": Issue.objects.get(title="空き家が増え、活用が進まない").pk}


def visit_all(page, pages, ids):
    problems = []
    for name, path in pages.items():
        response = page.goto(page.base + path(ids))
        assert response.status == 200, f"{name}: {response.status}"
        try:
            axe_check(page)
            if page.viewport_size == PHONE:
                no_sideways_scroll(page)
        except AssertionError as exc:
            problems.append(f"{name}: {exc}")
        screenshot(page, name)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_public_pages(new_page, demo, viewport):
    visit_all(new_page(viewport=viewport), PUBLIC, demo)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_signed_in_pages(new_page, demo, viewport, client):
    moderator = PersonFactory(email="mod@example.jp", display_name="モデレーター")
    role_assign(person=moderator, role=Role.MODERATOR)
    page = new_page(viewport=viewport)
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", "mod@example.jp")
    page.fill("#id_password", "kusatsu-onsen-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/me/")
    visit_all(page, SIGNED_IN, demo)
