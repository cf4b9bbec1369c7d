"""Who may do what in a community (django-rules; docs/decisions/0011-permissions.md, 0033-communities.md).

A community's page is public; its thread and its announcements are for its members alone (not even moderators
read the thread there: they see a reported post's text in their queue). Organisers approve requests, change roles,
link posts and announce. Anyone signed in with a confirmed e-mail address may start a community, and is its first
organiser; so may coordinators and municipal staff.
"""

import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_municipal_staff, is_signed_in


def _role_in(user, community):
    if community is None or not user.is_authenticated:
        return None
    from .models import Member

    return Member.objects.filter(community_id=community.pk, person_id=user.pk).values_list("role", flat=True).first()


@rules.predicate
def is_member(user, community) -> bool:
    return _role_in(user, community) is not None


@rules.predicate
def is_organiser(user, community) -> bool:
    return _role_in(user, community) == "organiser"


@rules.predicate
def has_confirmed_email(user) -> bool:
    return bool(user.is_authenticated and user.email_verified)


rules.add_perm("communities.create",
               is_signed_in & (has_confirmed_email | is_coordinator | is_municipal_staff | is_administrator))
rules.add_perm("communities.join", is_signed_in & ~is_member)
rules.add_perm("communities.read_thread", is_signed_in & is_member)  # the thread and the announcements
rules.add_perm("communities.post_thread", is_signed_in & is_member)
rules.add_perm("communities.manage", is_signed_in & is_organiser)  # approve, roles, hand over, link, announce
