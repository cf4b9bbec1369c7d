import rules

from yukemuri.ideas.rules import can_steer

# The team is managed by those who may move the idea: its leads, coordinators and staff.
rules.add_perm("teams.manage_team", can_steer)
