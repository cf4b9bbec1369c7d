import rules

from yukemuri.organisations.services import is_member
from yukemuri.people.rules import (
    is_administrator,
    is_author,
    is_coordinator,
    is_municipal_staff,
    is_signed_in,
)


@rules.predicate
def is_member_of_posting_organisation(user, issue) -> bool:
    return bool(
        issue is not None and issue.organisation_id and user.is_authenticated
        and is_member(person=user, organisation=issue.organisation)
    )


rules.add_perm("issues.add_issue", is_signed_in)
rules.add_perm("issues.change_issue", is_signed_in & (is_author | is_member_of_posting_organisation | is_administrator))
# Status moves are also for those who follow issues up: coordinators and municipal staff.
rules.add_perm(
    "issues.change_issue_status",
    is_signed_in & (is_author | is_member_of_posting_organisation | is_coordinator | is_municipal_staff | is_administrator),
)
rules.add_perm("issues.support_issue", is_signed_in)
# A creator brief asks for outside help on the issue: its author, or those who follow issues up.
rules.add_perm(
    "issues.set_creator_brief",
    is_signed_in & (is_author | is_coordinator | is_municipal_staff | is_administrator | rules.is_staff),
)
