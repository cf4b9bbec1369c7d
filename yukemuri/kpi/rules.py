import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

rules.add_perm("kpi.coordinate", is_signed_in & (is_coordinator | is_municipal_staff | is_administrator))
# Values, target revisions and PDCA notes are the plan's official record: the municipality's staff and the
# platform's administrators write them (coordinators read them like everyone else).
rules.add_perm("kpi.enter", is_signed_in & (is_municipal_staff | is_administrator))
