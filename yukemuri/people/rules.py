"""Role predicates shared by every app's permissions (django-rules)."""

import rules

from .models import Role


def has_role(role: str):
    @rules.predicate(name=f"has_role:{role}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and (user.is_superuser or user.has_role(role)))

    return predicate


is_moderator = has_role(Role.MODERATOR)
is_coordinator = has_role(Role.COORDINATOR)
is_municipal_staff = has_role(Role.MUNICIPAL_STAFF)
is_administrator = has_role(Role.ADMINISTRATOR)
is_operator = has_role(Role.OPERATOR)  # 運営スタッフ of a co-creation space (yukemuri/space)
is_signed_in = rules.is_authenticated & rules.is_active


@rules.predicate
def sees_more_than_a_resident(user) -> bool:
    """The staff flag or any role beyond resident: a page may show them more than its holes hold, so they are
    never given the shared signed-in copy (core/pagecache.py, decision 0012)."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser or user.role_names - {Role.RESIDENT}))


@rules.predicate
def is_author(user, post) -> bool:
    return bool(post is not None and user.is_authenticated and post.author_id == user.pk)
