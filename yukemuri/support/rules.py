"""Who may enter for others (docs/decisions/0011-permissions.md, 0026-assisted-participation.md).

Supporters (the supporter role) and the platform's staff (municipal staff, coordinators, administrators) enter
posts, votes and registrations for people without a device; only staff take phone calls, enter returned paper
forms and read the log of everything entered for others."""

import rules

from yukemuri.people.rules import (
    is_administrator,
    is_coordinator,
    is_municipal_staff,
    is_signed_in,
    is_supporter_role,
)

is_support_staff = is_municipal_staff | is_coordinator | is_administrator

rules.add_perm("support.enter_on_behalf", is_signed_in & (is_supporter_role | is_support_staff))
rules.add_perm("support.take_calls", is_signed_in & is_support_staff)
rules.add_perm("support.enter_paper_forms", is_signed_in & is_support_staff)
rules.add_perm("support.see_log", is_signed_in & is_support_staff)
