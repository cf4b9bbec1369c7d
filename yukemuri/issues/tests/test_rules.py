"""Who may do what with a regional issue (issues/rules.py): role × issue's state → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, SIGNED_IN, grid, person_for
from yukemuri.organisations.services import membership_add
from yukemuri.organisations.tests.factories import OrganisationFactory
from yukemuri.people.tests.factories import PersonFactory

FOLLOW_UP = (*PLATFORM, "author")
GRID = grid({
    "issues.add_issue": SIGNED_IN,
    "issues.support_issue": (*SIGNED_IN, "author", "organisation_member"),
    # The members of the posting organisation keep the issue only when it was posted on its behalf.
    "issues.change_issue": {
        "personal": ("author", "administrator"),
        "on_behalf": ("author", "organisation_member", "administrator"),
    },
    "issues.change_issue_status": {
        "personal": FOLLOW_UP,
        "on_behalf": (*FOLLOW_UP, "organisation_member"),
    },
    "issues.set_creator_brief": (*FOLLOW_UP, "staff"),
    # 公式回答: the organisation the issue names (here its posting one), the municipality's (test_answers.py),
    # site staff; the municipal staff role alone is tied to no municipality.
    "issues.answer_issue": {
        "personal": ("staff", "administrator"),
        "on_behalf": ("author", "organisation_member", "staff", "administrator"),
    },
    # Conversations (listening) on an issue: its author and the organisers open them.
    "listening.open_conversation": FOLLOW_UP,
}, states=("personal", "on_behalf"))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_issue_permissions(perm, state, role, allowed, roles, make_issue):
    author, member = PersonFactory(), PersonFactory()
    organisation = OrganisationFactory()
    membership_add(organisation=organisation, person=author)
    membership_add(organisation=organisation, person=member)
    issue = make_issue(author, organisation=organisation if state == "on_behalf" else None)
    person = person_for(roles, role, author=author, organisation_member=member)
    assert person.has_perm(perm, None if perm == "issues.add_issue" else issue) is allowed
