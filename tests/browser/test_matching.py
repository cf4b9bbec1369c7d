"""Matching in Chromium: a coordinator sends suggestions; a person with the skills sees an idea's
key-person role among their suggestions with the reasons, accepts, and the team shows them; the
coordinator's dashboard lists a stalled idea with candidates ranked by the engine."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from yukemuri.ideas.services import idea_create
from yukemuri.matching.models import Profile
from yukemuri.people.models import ConsentPurpose, Role
from yukemuri.people.services import consent_grant, role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.teams import services as teams
from yukemuri.teams.models import RoleKind, RoleWanted
from yukemuri.topics.models import Skill

from .helpers import PHONE, checked, logged_in, path_is, ui


def test_a_key_person_found_by_matching_joins_the_team(page, axe_check, layout_check, screenshot):
    shibukawa = Municipality.objects.get(code="102083")
    lead = PersonFactory(display_name="提案者")
    idea = idea_create(author=lead, title="空き家の縁側カフェ", body="空き家の縁側をカフェにする。",
                       place={"municipality": shibukawa}, sdg_numbers=[11])
    role = teams.role_open(idea=idea, by=lead, kind=RoleKind.KEY_PERSON, skill_names=["まちづくり"])
    RoleWanted.objects.filter(pk=role.pk).update(opened_at=timezone.now() - timedelta(days=45))  # stalled
    hanako = PersonFactory(display_name="はなこ", home_municipality=shibukawa)
    hanako.person_skills.create(skill=Skill.objects.get(name="まちづくり"), level=3)
    consent_grant(person=hanako, purpose=ConsentPurpose.MATCHING)
    Profile.objects.create(person=hanako, travel_km=30, availability=["sat-am"])
    coordinator = PersonFactory(display_name="県のコーディネーター")
    role_assign(person=coordinator, role=Role.COORDINATOR)

    desk = logged_in(page, coordinator)
    desk.goto("/coordinator/")
    stalled = desk.locator("ol.stalled > li").filter(has_text=idea.title)
    expect(stalled).to_contain_text(ui("A key person has been wanted since %(date)s.",
                                       date=timezone.localdate(timezone.now() - timedelta(days=45)).isoformat()))
    expect(stalled.locator("ul.helpers")).to_contain_text("はなこ")
    checked(desk, axe_check, layout_check, screenshot, "matching-coordinator")
    desk.get_by_role("button", name=ui("Send suggestions now")).click()
    expect(desk.locator(".messages")).to_contain_text(re.compile("1"))

    phone = logged_in(page, hanako, viewport=PHONE)
    phone.goto("/me/suggestions/")
    card = phone.locator("li.suggestion").filter(has_text=idea.title)
    expect(card).to_contain_text(ui("Your skills fit: %(skills)s", skills="まちづくり"))
    checked(phone, axe_check, layout_check, screenshot, "matching-suggestions")
    yes = ui("Yes, I'm in<span class=\"visually-hidden\">: %(title)s</span>", title=idea.title).split("<")[0]
    card.get_by_role("button", name=re.compile("^" + re.escape(yes))).click()
    expect(phone).to_have_url(path_is(f"/ideas/{idea.pk}/"))
    expect(phone.locator("ul.team")).to_contain_text("はなこ")
    expect(phone.locator("ul.team")).to_contain_text(str(RoleKind.KEY_PERSON.label))
    checked(phone, axe_check, layout_check, screenshot, "matching-joined")
