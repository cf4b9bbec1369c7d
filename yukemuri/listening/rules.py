import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

rules.add_perm("listening.organise", is_signed_in & (is_coordinator | is_municipal_staff | is_administrator))
