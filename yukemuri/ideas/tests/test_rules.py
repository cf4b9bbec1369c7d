"""Who may do what with an idea (ideas/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, SIGNED_IN, grid, person_for
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams.models import TeamMember

GRID = grid({
    "ideas.add_idea": SIGNED_IN,
    "ideas.support_idea": (*SIGNED_IN, "author", "team_lead"),
    "ideas.follow_idea": (*SIGNED_IN, "author", "team_lead"),
    "ideas.add_comment": (*SIGNED_IN, "author", "team_lead"),
    "ideas.change_idea": ("author", "administrator"),
    # The proposer leads the team from the start, so the author steers too.
    "ideas.move_idea": ("author", "team_lead", *PLATFORM),
})


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_idea_permissions(perm, state, role, allowed, roles, make_idea):
    author = PersonFactory()
    idea = make_idea(author)
    lead = PersonFactory()
    TeamMember.objects.create(idea=idea, person=lead, is_lead=True)
    person = person_for(roles, role, author=author, team_lead=lead)
    assert person.has_perm(perm, None if perm == "ideas.add_idea" else idea) is allowed


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), grid({"ideas.see_hiding_reason": ("author",)}))
def test_comment_permissions(perm, state, role, allowed, roles, make_idea):
    from yukemuri.ideas.models import Comment

    author = PersonFactory()
    comment = Comment(idea=make_idea(PersonFactory()), author=author, body="…")
    assert person_for(roles, role, author=author).has_perm(perm, comment) is allowed
