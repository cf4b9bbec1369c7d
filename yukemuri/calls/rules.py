"""Who may do what with calls for proposals (django-rules; docs/decisions/0035-calls-for-proposals.md).

Municipal staff and administrators publish calls, answer questions, read every proposal, publish the summary and
turn a proposal into an idea. Anyone signed in asks a question while the call is open; a member of an organisation
submits a proposal for it until the deadline and edits it until then. A proposal is read by staff, its submitter
and the members of the organisation it was submitted for (they are the proposer) — nobody else, before or after
the deadline: the public reads the summary.
"""

import rules
from django.utils import timezone

from yukemuri.people.rules import is_administrator, is_municipal_staff, is_signed_in


def _call_of(obj):
    return getattr(obj, "call", obj)


@rules.predicate
def call_is_open(user, obj) -> bool:
    call = _call_of(obj)
    return call is not None and timezone.now() < call.deadline


@rules.predicate
def submitted_it(user, proposal) -> bool:
    return proposal is not None and user.is_authenticated and proposal.submitter_id == user.pk


@rules.predicate
def member_of_its_organisation(user, proposal) -> bool:
    if proposal is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=proposal.organisation_id).exists()


runs_calls = is_signed_in & (is_municipal_staff | is_administrator)

rules.add_perm("calls.manage_call", runs_calls)  # publish, edit, documents, answer questions, read all proposals
rules.add_perm("calls.ask_question", is_signed_in & call_is_open)
rules.add_perm("calls.submit_proposal", is_signed_in & call_is_open)
rules.add_perm("calls.view_proposal", runs_calls | is_signed_in & (submitted_it | member_of_its_organisation))
rules.add_perm("calls.change_proposal", is_signed_in & submitted_it & call_is_open)
rules.add_perm("calls.publish_summary", runs_calls & ~call_is_open)
rules.add_perm("calls.make_idea", runs_calls & ~call_is_open)
