"""Who may do what with an idea's team (teams/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams.models import Application, RoleWanted, TeamMember

GRID = grid({
    "teams.manage_team": ("proposer", "team_lead", *PLATFORM),
    "teams.answer_invitation": ("the_person",),
    "teams.withdraw_application": ("the_person",),
    # A member leaves; those who manage the team remove them.
    "teams.remove_member": ("the_person", "proposer", "team_lead", *PLATFORM),
    # The candidates for a role: the team's managers and those who run the matching.
    "matching.see_candidates": ("proposer", "team_lead", *PLATFORM),
})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_team_permissions(perm, state, role, allowed, roles, make_idea):
    proposer, lead, the_person = PersonFactory(), PersonFactory(), PersonFactory()
    idea = make_idea(proposer)
    TeamMember.objects.create(idea=idea, person=lead, is_lead=True)
    member = TeamMember.objects.create(idea=idea, person=the_person, role="designer")
    application = Application(role=RoleWanted(idea=idea, kind="designer"), person=the_person)
    obj = {"teams.manage_team": idea, "matching.see_candidates": idea, "teams.remove_member": member}.get(perm, application)
    person = person_for(roles, role, proposer=proposer, team_lead=lead, the_person=the_person)
    assert person.has_perm(perm, obj) is allowed
