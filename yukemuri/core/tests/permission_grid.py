"""The permission grids' shared shape (each app's tests/test_rules.py, in the style of adhocracy4's rules tests).

The `roles` fixture (conftest.py) makes one person of each standing role; a grid names, per perm, the roles
allowed. Every standing role is asked, plus the object roles the grid names (author, team lead...): those not
named must be refused.
"""

import pytest

STANDING = ("anonymous", "resident", "inactive", "staff", "municipal_staff", "coordinator", "moderator",
            "administrator")
PLATFORM = ("municipal_staff", "coordinator", "administrator")  # the roles that act for the platform
SIGNED_IN = ("resident", "staff", "municipal_staff", "coordinator", "moderator", "administrator")


def grid(perms: dict, states=(None,)) -> list:
    """pytest parameters (perm, state, role, allowed) from {perm: roles allowed} or, when the object's state
    changes the answer, {perm: {state: roles allowed}}."""
    rows = []
    for perm, allowed in perms.items():
        by_state = allowed if isinstance(allowed, dict) else {state: allowed for state in states}
        named = {role for roles in by_state.values() for role in roles if role not in STANDING}
        for state, roles in by_state.items():
            for role in (*STANDING, *sorted(named)):
                label = f"{perm}-{state}-{role}" if state else f"{perm}-{role}"
                rows.append(pytest.param(perm, state, role, role in roles, id=label))
    return rows


def person_for(roles: dict, role: str, **object_roles):
    """The person asking: a standing role from the `roles` fixture, or an object role made by the test."""
    return object_roles[role] if role in object_roles else roles[role]
