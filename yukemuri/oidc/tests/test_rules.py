import pytest

from yukemuri.oidc.models import LinkedAccount

GRID = {  # role → (link a provider, unlink their own link, unlink someone else's)
    "anonymous": (False, False, False),
    "resident": (True, True, False),
    "inactive": (False, False, False),
    "staff": (True, True, False),
    "municipal_staff": (True, True, False),
    "coordinator": (True, True, False),
    "moderator": (True, True, False),
    "administrator": (True, True, False),
}


@pytest.mark.parametrize(("role", "expected"), GRID.items())
def test_who_may_do_what(roles, role, expected):
    user = roles[role]
    own = LinkedAccount(person_id=user.pk or -1, provider="line", subject="U1")
    other = LinkedAccount(person_id=(user.pk or 0) + 10_000, provider="line", subject="U2")
    assert (user.has_perm("oidc.link_account"), user.has_perm("oidc.unlink_account", own),
            user.has_perm("oidc.unlink_account", other)) == expected
