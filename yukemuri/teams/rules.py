import rules

from yukemuri.ideas.rules import can_steer

from .selectors import is_lead


@rules.predicate
def leads_team(user, idea) -> bool:
    return idea is not None and is_lead(user, idea)


# Asked by ideas.rules.leads_team (who may steer an idea), which cannot import the teams app above it.
rules.add_rule("teams.leads_team", leads_team)

# The team is managed by those who may move the idea: its leads, coordinators and staff.
rules.add_perm("teams.manage_team", can_steer)
