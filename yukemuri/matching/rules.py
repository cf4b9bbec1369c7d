import rules

from yukemuri.ideas.rules import can_steer
from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

can_run_matching = is_signed_in & (is_coordinator | is_municipal_staff | is_administrator)

rules.add_perm("matching.run_matching", can_run_matching)
# The candidates for an opening (object: the idea whose team asks, or None) are seen by those who run the
# matching and by those who manage that idea's team (teams.manage_team is can_steer).
rules.add_perm("matching.see_candidates", can_run_matching | can_steer)
