"""Who edits a session's diagrams (workshops/rules.py): the grid is in events/tests/test_rules.py, with the
event's other permissions, since the same people (organisers, registered participants) answer both."""

from yukemuri.workshops import rules


def test_the_diagram_rule_is_declared():
    assert rules.rules.perm_exists("workshops.edit_diagram")
