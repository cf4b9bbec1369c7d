"""The coordinator's page reads only, in a fixed number of queries however many ideas are stalled."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from yukemuri.core.testing import get_counted, writes
from yukemuri.ideas import stages
from yukemuri.ideas.models import Idea
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.models import ConsentPurpose
from yukemuri.people.services import consent_grant
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.teams import services as teams
from yukemuri.teams.models import RoleKind, RoleWanted
from yukemuri.topics.models import Skill


def stall(person, make_idea, n, offset):
    """n ideas wanting a key person for 45 days and n plans without money for 60 days, each with a helper."""
    long_ago = timezone.now() - timedelta(days=45)
    for i in range(n):
        idea = make_idea(person, title=f"キーマン待ち{offset + i}", sdg_numbers=[11, 17])
        role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON, skill_names=["不動産", "まちづくり"])
        RoleWanted.objects.filter(pk=role.pk).update(opened_at=long_ago)
        plan = make_idea(person, title=f"資金のない計画{offset + i}", sdg_numbers=[4])
        member = teams.role_open(idea=plan, by=person, kind=RoleKind.KEY_PERSON)
        teams.answer(application=teams.apply(role=member, person=PersonFactory()), by=person, accept=True)
        stages.plan_update(idea=plan, by=person, goal="g", first_step="f", resources="r",
                           municipal_partner=OrganisationFactory(kind="municipality"))
        stages.move(idea=plan, by=person, to="plan")
        Idea.objects.filter(pk=plan.pk).update(stage_changed_at=timezone.now() - timedelta(days=60))
        helper = PersonFactory(display_name=f"手伝える人{offset + i}",
                               home_municipality=Municipality.objects.get(code="102083"))
        helper.person_skills.create(skill=Skill.objects.get(name="不動産"))
        helper.interest_sdgs.add(*[goal for goal in plan.sdgs.all()])
        consent_grant(person=helper, purpose=ConsentPurpose.MATCHING)


def load(client):
    response, captured = get_counted(client, reverse("coordinator"))
    assert response.status_code == 200
    return len(captured), writes(captured), response.content.decode()


def test_coordinator_page_queries_do_not_grow_and_it_never_writes(client, person, make_idea, coordinator):
    client.force_login(coordinator)
    stall(person, make_idea, 2, 0)
    load(client)  # warm per-process memos
    few, written, page = load(client)
    assert written == []
    assert page.count('class="card"') == 4 and "手伝える人0" in page
    stall(person, make_idea, 6, 2)
    many, written, page = load(client)
    assert written == []
    assert page.count('class="card"') == 16
    assert many == few, (few, many)
