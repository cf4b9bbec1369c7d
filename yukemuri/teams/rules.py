import rules

from yukemuri.ideas.rules import can_steer
from yukemuri.people.rules import is_signed_in

from .selectors import is_lead


@rules.predicate
def leads_team(user, idea) -> bool:
    return idea is not None and is_lead(user, idea)


# Asked by ideas.rules.leads_team (who may steer an idea), which cannot import the teams app above it.
rules.add_rule("teams.leads_team", leads_team)

# The team is managed by those who may move the idea: its leads, coordinators and staff.
rules.add_perm("teams.manage_team", can_steer)


@rules.predicate
def is_the_person(user, obj) -> bool:
    """The person an application (or invitation) or a team place is about."""
    return bool(obj is not None and user.is_authenticated and obj.person_id == user.pk)


@rules.predicate
def manages_its_team(user, obj) -> bool:
    return bool(obj is not None and user.has_perm("teams.manage_team", obj.idea))


rules.add_perm("teams.answer_invitation", is_signed_in & is_the_person)
rules.add_perm("teams.withdraw_application", is_signed_in & is_the_person)
# A member leaves the team, or its managers remove them.
rules.add_perm("teams.remove_member", is_signed_in & (is_the_person | manages_its_team))
