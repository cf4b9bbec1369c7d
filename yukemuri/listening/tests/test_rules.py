"""Who may open and run a conversation (listening/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for
from yukemuri.ideas.models import Idea
from yukemuri.listening.models import Conversation
from yukemuri.people.tests.factories import PersonFactory

GRID = grid({
    "listening.organise": PLATFORM,
    # On an idea: its author too (on an issue: issues/tests/test_rules.py).
    "listening.open_conversation": {"on_idea": (*PLATFORM, "author"), "alone": PLATFORM},
    "listening.moderate_conversation": {"on_idea": (*PLATFORM, "starter", "moderator", "staff"),
                                        "alone": (*PLATFORM, "starter", "moderator", "staff")},
    # Paper ballots: whoever started the conversation and the organisers; moderators review, they do not vote.
    "listening.enter_ballots": {"on_idea": (*PLATFORM, "starter"), "alone": (*PLATFORM, "starter")},
}, states=("on_idea", "alone"))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_listening_permissions(perm, state, role, allowed, roles):
    author, starter = PersonFactory(), PersonFactory()
    idea = Idea(author=author) if state == "on_idea" else None
    obj = {"listening.organise": None, "listening.open_conversation": idea,
           "listening.moderate_conversation": Conversation(created_by=starter, idea=idea),
           "listening.enter_ballots": Conversation(created_by=starter, idea=idea)}[perm]
    assert person_for(roles, role, author=author, starter=starter).has_perm(perm, obj) is allowed
