import rules

from yukemuri.people.rules import is_signed_in


@rules.predicate
def holds_link(user, link) -> bool:
    return link is not None and link.person_id == user.pk


rules.add_perm("oidc.link_account", is_signed_in)
rules.add_perm("oidc.unlink_account", is_signed_in & holds_link)
