"""Who may do what with help requests (help/rules.py): role × perm → allowed."""

import pytest

from yukemuri.core.tests.permission_grid import PLATFORM, grid, person_for
from yukemuri.help.models import HelpRequest
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.tests.factories import PersonFactory

EVERYONE = ("anonymous", "resident", "inactive", "staff", "municipal_staff", "coordinator", "moderator",
            "administrator", "host_member", "other_member", "poster")
GRID = grid({
    "help.post": (*PLATFORM, "host_member", "other_member"),  # verified organisations' members and platform staff
    # Municipal staff manage the requests they post, not every one: the slots are events, which they do not run.
    "help.manage": ("coordinator", "administrator", "host_member"),
    "help.view": {"draft": ("coordinator", "administrator", "host_member"), "published": EVERYONE,
                  "closed": EVERYONE},
    "help.mark_disaster": PLATFORM,
}, states=("draft", "published", "closed"))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_help_permissions(perm, state, role, allowed, roles):
    farm = Organisation.objects.create(name="農園", kind=Organisation.Kind.COMPANY, verified=True)
    other = Organisation.objects.create(name="別の団体", kind=Organisation.Kind.NPO, verified=True)
    host_member, other_member, poster = PersonFactory(), PersonFactory(), PersonFactory()
    Membership.objects.create(organisation=farm, person=host_member)
    Membership.objects.create(organisation=other, person=other_member)
    # The poster left the organisation: it is the host's members who manage, not whoever typed it.
    request = HelpRequest(pk=1, host=farm, created_by=poster, status=state, title="t", description="d")
    obj = None if perm == "help.post" else request
    person = person_for(roles, role, host_member=host_member, other_member=other_member, poster=poster)
    assert person.has_perm(perm, obj) is allowed


def test_a_staff_posted_request_without_host_is_managed_by_its_poster_and_platform_staff(db, roles):
    poster = roles["municipal_staff"]
    request = HelpRequest(pk=1, host=None, created_by=poster, status="draft", title="t", description="d")
    assert poster.has_perm("help.manage", request)
    assert roles["coordinator"].has_perm("help.manage", request)
    assert not PersonFactory().has_perm("help.manage", request)
    assert not roles["resident"].has_perm("help.manage", request)
    assert not roles["resident"].has_perm("help.view", request)


def test_an_unverified_organisations_member_cannot_post(db):
    unverified = Organisation.objects.create(name="未確認", kind=Organisation.Kind.NPO)
    member = PersonFactory()
    Membership.objects.create(organisation=unverified, person=member)
    assert not member.has_perm("help.post")
