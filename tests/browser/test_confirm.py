"""Destructive buttons ask first: the question opens in a <details>, so it works without JavaScript."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from yukemuri.people.tests.factories import PersonFactory
from yukemuri.site.templatetags.yukemuri import public_name
from yukemuri.teams import services
from yukemuri.teams.models import RoleKind, TeamMember

from .helpers import PHONE, log_in, ui


@pytest.mark.browser
def test_removing_a_team_member_asks_first_and_works_without_javascript(page, person, make_idea, screenshot):
    # (axe-core needs JavaScript; test_pages checks the team page with every <details> open.)
    idea = make_idea(person)
    role = services.role_open(idea=idea, by=person, kind=RoleKind.VOLUNTEER)
    helper = PersonFactory()
    services.answer(application=services.apply(role=role, person=helper), by=person, accept=True)

    lead = page(viewport=PHONE, javascript=False)
    lead.goto("/accounts/login/")
    log_in(lead, person.email)
    lead.goto(f"/ideas/{idea.pk}/team/")
    row = lead.locator("ul.team > li").filter(has=lead.locator("summary", has_text=ui("Remove from the team")))
    yes = row.get_by_role("button", name=ui("Yes, remove from the team"))
    expect(yes).to_be_hidden()
    row.locator("summary").click()
    expect(yes).to_be_visible()
    with translation.override("ja"):
        name = str(public_name(helper, person))
    expect(row.locator("details.confirm form")).to_contain_text(ui("Remove %(name)s from the team?", name=name))
    screenshot(lead, "team-remove-confirm")
    assert TeamMember.objects.filter(idea=idea, person=helper).exists()  # opening the question removed nobody
    yes.click()
    expect(lead.locator("ul.team > li")).to_have_count(1)
    assert not TeamMember.objects.filter(idea=idea, person=helper).exists()
