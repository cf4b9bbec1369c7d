"""The services' rules: joining, requests, the last organiser, roles, links, announcements and the thread."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from yukemuri.actions.models import Action
from yukemuri.communities import selectors, services
from yukemuri.communities.models import Community, JoinRequest, LinkedPost, Member, Role, ThreadPost
from yukemuri.core.models import Visibility
from yukemuri.core.testing import race
from yukemuri.notifications.models import Channel, NoticeChoice, NoticeKind, Notification
from yukemuri.people.tests.factories import PersonFactory


def test_the_starter_is_the_first_organiser_and_the_description_is_sanitised(community, organiser):
    place = Member.objects.get(community=community)
    assert (place.person, place.role, place.listed) == (organiser, Role.ORGANISER, True)
    assert "<strong>未来</strong>" in community.description_html
    assert "<script>" not in community.description_html


def test_a_community_needs_a_place_or_a_theme(make_community):
    with pytest.raises(ValidationError):
        make_community(area=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Community.objects.create(name="x", slug="x", description="x")


def test_short_names_are_unique(make_community, community):
    with pytest.raises(ValidationError) as refused:
        make_community(name="別の会")
    assert "slug" in refused.value.message_dict


def test_an_unconfirmed_person_cannot_start_one(make_community):
    with pytest.raises(PermissionDenied):
        make_community(by=PersonFactory(email_verified=False))


def test_joining_twice_is_one_member(community, other_person):
    first = services.join(by=other_person, community=community)
    again = services.join(by=other_person, community=community)
    assert first.pk == again.pk
    assert community.members.filter(person=other_person).count() == 1
    assert Action.objects.filter(verb="community.joined").count() == 1


def test_asking_twice_is_one_request(closed, other_person):
    first = services.join(by=other_person, community=closed, message="参加したいです")
    again = services.join(by=other_person, community=closed)
    assert isinstance(first, JoinRequest) and first.pk == again.pk
    assert not closed.members.filter(person=other_person).exists()


def test_an_approved_request_makes_a_member_named_as_asked(closed, organiser, other_person):
    request = services.join(by=other_person, community=closed, listed=True)
    services.request_decide(by=organiser, request=request, approve=True)
    place = closed.members.get(person=other_person)
    assert place.role == Role.MEMBER and place.listed
    with pytest.raises(ValidationError):
        services.request_decide(by=organiser, request=request, approve=False)


def test_a_declined_request_makes_no_member_and_may_be_asked_again(closed, organiser, other_person):
    request = services.join(by=other_person, community=closed)
    services.request_decide(by=organiser, request=request, approve=False)
    assert not closed.members.filter(person=other_person).exists()
    assert services.join(by=other_person, community=closed).pk != request.pk


def test_only_organisers_answer_requests(closed, other_person):
    request = services.join(by=other_person, community=closed)
    with pytest.raises(PermissionDenied):
        services.request_decide(by=other_person, request=request, approve=True)


def test_the_last_organiser_cannot_leave_nor_step_down(community, organiser, member):
    with pytest.raises(ValidationError):
        services.leave(by=organiser, community=community)
    with pytest.raises(ValidationError):
        services.role_change(by=organiser, member=community.members.get(person=organiser), role=Role.MEMBER)
    assert community.members.get(person=organiser).role == Role.ORGANISER


def test_after_handing_over_the_former_organiser_may_leave(community, organiser, member):
    services.hand_over(by=organiser, community=community, to=community.members.get(person=member))
    services.leave(by=organiser, community=community)
    assert list(community.members.values_list("person", "role")) == [(member.pk, Role.ORGANISER)]


def test_with_two_organisers_one_may_leave(community, organiser, member):
    services.role_change(by=organiser, member=community.members.get(person=member), role=Role.ORGANISER)
    services.leave(by=organiser, community=community)
    assert selectors.organiser_count(community) == 1


def test_handing_over_to_someone_outside_is_refused(community, organiser, make_community):
    stranger = make_community(by=PersonFactory(email_verified=True), name="空き家", slug="akiya").members.get()
    with pytest.raises(ValidationError):
        services.hand_over(by=organiser, community=community, to=stranger)


def test_a_member_may_leave_and_a_waiting_request_is_withdrawn(community, closed, member, other_person):
    services.leave(by=member, community=community)
    assert not community.members.filter(person=member).exists()
    services.join(by=other_person, community=closed)
    services.leave(by=other_person, community=closed)
    assert not JoinRequest.objects.filter(person=other_person).exists()


def test_unnamed_members_are_counted_not_named(community, organiser, member):
    PersonFactory.create_batch(2)
    shy = PersonFactory(display_name="ひかえめ")
    services.join(by=shy, community=community, listed=False)
    names = [m.person.display_name for m in selectors.listed_members(community)]
    assert names == ["世話人", "メンバー"]
    assert selectors.community_by_id(community.pk).member_count == 3


def test_links_are_read_through_the_apps_and_hidden_posts_drop_out(community, organiser, make_idea, make_issue,
                                                                   moderator):
    idea, issue = make_idea(organiser), make_issue(organiser)
    services.link(by=organiser, community=community, address=f"/ideas/{idea.pk}/")
    services.link(by=organiser, community=community, address=f"https://example.jp/en/issues/{issue.pk}/")
    services.link(by=organiser, community=community, address=f"/ideas/{idea.pk}/")  # again: nothing new
    assert LinkedPost.objects.count() == 2
    assert {(p.kind, p.title) for p in selectors.linked_posts(community)} == {("idea", idea.title),
                                                                              ("issue", issue.title)}
    from yukemuri.moderation import services as moderation

    moderation.post_hide(target=idea, moderator=moderator, reason="spam")
    assert [p.kind for p in selectors.linked_posts(community)] == ["issue"]
    assert [h.title for h in selectors.activity(community) if h.title] == [issue.title, issue.title]


@pytest.mark.parametrize("address", ["", "/ideas/", "/ideas/999999/", "javascript:alert(1)", "/people/1/",
                                     "/ideas/1/../../admin/"])
def test_bad_addresses_are_refused(community, organiser, address):
    with pytest.raises(ValidationError):
        services.link(by=organiser, community=community, address=address)


def test_members_link_nothing(community, member, make_idea):
    with pytest.raises(PermissionDenied):
        services.link(by=member, community=community, address=f"/ideas/{make_idea(member).pk}/")


def test_an_announcement_reaches_the_members_as_they_chose(community, organiser, member, committed):
    quiet, weekly = PersonFactory(), PersonFactory()
    for person in (quiet, weekly):
        services.join(by=person, community=community)
    NoticeChoice.objects.create(person=quiet, kind=NoticeKind.COMMUNITIES, channel=Channel.NONE)
    NoticeChoice.objects.create(person=weekly, kind=NoticeKind.COMMUNITIES, channel=Channel.WEEKLY)
    committed(lambda: services.announce(by=organiser, community=community, title="次回の集まり",
                                        body="12月の会は**渋川**で。"))
    told = Notification.objects.filter(kind=NoticeKind.COMMUNITIES)
    assert set(told.values_list("person", flat=True)) == {member.pk, weekly.pk}  # not the author, not the quiet one
    notice = told.get(person=member)
    assert notice.params == {"community": community.name, "title": "次回の集まり"}
    assert notice.email_after is not None
    assert told.get(person=weekly).email_after > notice.email_after  # the next weekly digest


def test_members_cannot_announce(community, member):
    with pytest.raises(PermissionDenied):
        services.announce(by=member, community=community, title="t", body="b")


def test_a_request_tells_the_organisers_and_the_answer_tells_the_person(closed, organiser, other_person, committed):
    request = committed(lambda: services.join(by=other_person, community=closed))
    assert Notification.objects.filter(person=organiser, kind=NoticeKind.COMMUNITIES).count() == 1
    committed(lambda: services.request_decide(by=organiser, request=request, approve=True))
    assert Notification.objects.filter(person=other_person, kind=NoticeKind.COMMUNITIES).count() == 1


def test_thread_posts_are_members_only_and_held_like_comments(community, member, other_person, settings):
    with pytest.raises(PermissionDenied):
        services.thread_post(by=other_person, community=community, body="こんにちは")
    settings.YUKEMURI = {**settings.YUKEMURI, "HOLD_FIRST_POSTS": 1}
    held = services.thread_post(by=member, community=community, body="はじめまして")
    assert held.visibility == Visibility.HELD
    assert list(selectors.thread(community, member)) == [held]  # the author sees it waiting
    assert list(selectors.thread(community, PersonFactory())) == []


def test_a_thread_post_is_reported_only_by_members_and_hidden(community, organiser, member, other_person, moderator):
    from yukemuri.moderation import services as moderation

    post = services.thread_post(by=member, community=community, body="宣伝です")
    with pytest.raises(PermissionDenied):
        moderation.report_create(target=post, reporter=other_person, reason="spam")
    moderation.report_create(target=post, reporter=organiser, reason="spam")
    moderation.post_hide(target=post, moderator=moderator, reason="spam")
    assert ThreadPost.objects.get(pk=post.pk).visibility == Visibility.HIDDEN
    assert list(selectors.thread(community, organiser)) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass")
def test_simultaneous_requests_and_joins_make_one_each_on_postgresql(transactional_db, gunma):
    from yukemuri.communities.models import Joining
    from yukemuri.regions.models import Area

    organiser = PersonFactory(email_verified=True)
    area = Area.objects.get(name="北群馬渋川")
    closed = services.community_create(by=organiser, name="c", slug="c", description="d", area=area,
                                       joining=Joining.REQUEST)
    open_one = services.community_create(by=organiser, name="o", slug="o", description="d", area=area)
    person = PersonFactory()
    errors = race(lambda community: services.join(by=person, community=community), [closed] * 8 + [open_one] * 8)
    assert errors == []
    assert JoinRequest.objects.filter(community=closed, person=person).count() == 1
    assert Member.objects.filter(community=open_one, person=person).count() == 1
    assert Action.objects.filter(verb="community.join_requested").count() == 1
    assert Action.objects.filter(verb="community.joined").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass")
def test_two_organisers_leaving_at_once_leave_one_on_postgresql(transactional_db, gunma):
    from yukemuri.regions.models import Area

    first, second = PersonFactory(email_verified=True), PersonFactory()
    community = services.community_create(by=first, name="c", slug="c", description="d",
                                          area=Area.objects.get(name="北群馬渋川"))
    services.join(by=second, community=community)
    services.role_change(by=first, member=community.members.get(person=second), role=Role.ORGANISER)

    def leave(person):
        try:
            services.leave(by=person, community=community)
        except ValidationError:
            pass

    assert race(leave, [first, second]) == []
    assert selectors.organiser_count(community) == 1
