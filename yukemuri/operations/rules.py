"""Who sees a space's dashboard: its operator and the prefectural staff who answer for it (space's own rule)."""

import rules

from yukemuri.people.rules import is_signed_in


@rules.predicate
def sees_the_space(user, space=None) -> bool:
    return bool(user.is_authenticated and (user.has_perm("space.view_space_admin", space) or user.is_staff))


rules.add_perm("operations.view_dashboard", is_signed_in & sees_the_space)
