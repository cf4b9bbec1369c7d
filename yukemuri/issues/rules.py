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


@rules.predicate
def answers_for_issue(user, issue) -> bool:
    """Whether the user may answer `issue` officially: a member of the verified municipality organisation of
    the issue's municipality (as ties finds a municipality's staff), or of the organisation the issue names."""
    if issue is None or not user.is_authenticated:
        return False
    from .answering import answering_organisations

    return bool(answering_organisations(user, issue))


# 公式回答 (issue 20): the municipality or organisation the issue concerns, and site staff.
rules.add_perm("issues.answer_issue", is_signed_in & (answers_for_issue | rules.is_staff | is_administrator))
