import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in

rules.add_perm("funding.confirm_payment", is_signed_in & (is_municipal_staff | is_coordinator | is_administrator))
