import pytest

from yukemuri.surveys.models import Survey

GRID = {  # role → (manage, export, results of a running survey, results of a published one)
    "anonymous": (False, False, False, True),
    "resident": (False, False, False, True),
    "inactive": (False, False, False, True),
    "staff": (True, True, True, True),
    "municipal_staff": (True, True, True, True),
    "coordinator": (True, True, True, True),
    "moderator": (False, False, False, True),
    "administrator": (True, True, True, True),
}


@pytest.mark.parametrize(("role", "expected"), GRID.items())
def test_who_may_do_what(roles, role, expected):
    user = roles[role]
    running = Survey(title="t", status=Survey.Status.OPEN)
    published = Survey(title="t", status=Survey.Status.CLOSED, published=True)
    assert (user.has_perm("surveys.manage", running), user.has_perm("surveys.export_answers", running),
            user.has_perm("surveys.view_results", running), user.has_perm("surveys.view_results", published)) == expected
