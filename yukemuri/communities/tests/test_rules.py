"""Who may read the thread, manage, join and leave (rules.py)."""

from django.contrib.auth.models import AnonymousUser

from yukemuri.communities import services
from yukemuri.people.tests.factories import PersonFactory


def test_only_members_read_and_write_the_thread(community, organiser, member, other_person, moderator):
    for person in (organiser, member):
        assert person.has_perm("communities.read_thread", community)
        assert person.has_perm("communities.post_thread", community)
    for person in (other_person, moderator, AnonymousUser()):
        assert not person.has_perm("communities.read_thread", community)
        assert not person.has_perm("communities.post_thread", community)


def test_only_organisers_manage(community, organiser, member, other_person, coordinator):
    assert organiser.has_perm("communities.manage", community)
    for person in (member, other_person, coordinator, AnonymousUser()):
        assert not person.has_perm("communities.manage", community)


def test_an_organiser_of_one_community_does_not_manage_another(make_community, organiser):
    other = make_community(by=PersonFactory(email_verified=True), name="空き家の会", slug="akiya")
    assert not organiser.has_perm("communities.manage", other)


def test_starting_a_community_needs_a_confirmed_address(db):
    assert PersonFactory(email_verified=True).has_perm("communities.create")
    assert not PersonFactory(email_verified=False).has_perm("communities.create")
    assert not AnonymousUser().has_perm("communities.create")


def test_join_and_leave(community, organiser, member, other_person):
    assert other_person.has_perm("communities.join", community)
    assert not member.has_perm("communities.join", community)


def test_a_handed_over_organiser_no_longer_manages(community, organiser, member):
    services.hand_over(by=organiser, community=community, to=community.members.get(person=member))
    assert member.has_perm("communities.manage", community)
    assert not organiser.has_perm("communities.manage", community)
