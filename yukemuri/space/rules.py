"""Who may do what in a co-creation space (django-rules). Permissions are declared here once."""

import rules

from yukemuri.people.rules import is_administrator, is_municipal_staff, is_operator

# 運営: the operator (staff of the contracting company) runs facilities, hours, closures and bookings.
manages_space = is_operator | is_administrator

rules.add_perm("space.manage_space", manages_space)
# Prefectural staff see everything the operator sees (bookings, who booked) but change nothing.
rules.add_perm("space.view_space_admin", manages_space | is_municipal_staff)
