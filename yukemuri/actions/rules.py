import rules

# The stream sits below every domain app (they all record into it), so it names the roles by their values rather
# than importing people's predicates: moderators, administrators and staff, since the whole stream names people
# and private changes (roles, payments, check-ins).
WATCHING_ROLES = ("moderator", "administrator")


@rules.predicate
def watches_the_stream(user) -> bool:
    return bool(user and user.is_authenticated and (
        user.is_superuser or user.is_staff or any(user.has_role(role) for role in WATCHING_ROLES)))


rules.add_perm("actions.view_all", watches_the_stream)
