"""Who may do what with visions (django-rules; docs/decisions/0034-visions-and-evaluation.md).

Everyone reads published visions, revisions, updates and published reviews. Municipal staff and administrators
start a vision and name its stewards; the stewards — staff, coordinators, and the people staff named for this
vision — revise its text, write its updates and its yearly review.
"""

import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in


@rules.predicate
def is_named_steward(user, vision) -> bool:
    if vision is None or not user.is_authenticated:
        return False
    return vision.stewards.filter(person=user).exists()


is_staff_member = is_municipal_staff | is_administrator
stewards = is_signed_in & (is_staff_member | is_coordinator | is_named_steward)

rules.add_perm("visions.add_vision", is_signed_in & is_staff_member)
rules.add_perm("visions.name_steward", is_signed_in & is_staff_member)
rules.add_perm("visions.steward", stewards)
