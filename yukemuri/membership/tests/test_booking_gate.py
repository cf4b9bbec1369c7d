"""Only members book the rooms and the studio (issue 17; docs/decisions/0029): `space.book_facility` asks the
membership app's booking gate (membership/rules.py `members_book`, registered in apps.py). A membership of the
facility's space on the booking's day counts — any plan, held or named in a corporate one; the operator books,
and books for members only."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from yukemuri.membership import services as membership_services
from yukemuri.membership.models import Membership
from yukemuri.organisations.models import Membership as OrganisationMembership
from yukemuri.organisations.models import Organisation
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space import services
from yukemuri.space.models import Booking, Facility
from yukemuri.space.tests.conftest import frozen

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = "2027-01-06 09:00:00+09:00"  # a Wednesday
STARTS, ENDS = datetime(2027, 1, 12, 10, tzinfo=TOKYO), datetime(2027, 1, 12, 11, tzinfo=TOKYO)  # a Tuesday
SLOT = {"day": "2027-01-12", "start": "10:00", "minutes": "60"}


@pytest.fixture
def room(space):
    return Facility.objects.create(space=space, name="会議室1", kind=Facility.Kind.ROOM, capacity=8, bookable=True,
                                   free_cancellation_hours=24)


def _hourly(plans, person, starts_on=date(2026, 12, 1), ends_on=None):
    return Membership.objects.create(plan=plans["hourly"], person=person, starts_on=starts_on, ends_on=ends_on)


def _ja(text: str) -> str:
    with translation.override("ja"):
        return translation.gettext(text)


@frozen(NOW)
def test_a_non_member_sees_why_and_where_to_join(client, room, plans):
    client.force_login(PersonFactory())
    response = client.get(reverse("space_facility", args=[room.pk]), {"week": "2027-01-11"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="book-form"' not in text and 'name="day"' not in text
    assert 'id="book-refusal"' in text and "NETSUGEN" in text.split('id="book-refusal"')[1].split("</p>")[0]
    assert f'href="{reverse("membership_home")}"' in text and _ja("See the plans and join") in text


@frozen(NOW)
def test_a_non_members_post_is_refused_in_words_and_nothing_is_written(client, room, plans):
    client.force_login(PersonFactory())
    response = client.post(reverse("space_facility", args=[room.pk]), SLOT)
    assert response.status_code == 403
    assert 'id="book-refusal"' in response.content.decode()
    assert not Booking.objects.exists()


@frozen(NOW)
def test_the_service_refuses_a_non_member_with_the_reason(room, plans):
    person = PersonFactory()
    with pytest.raises(PermissionDenied) as refused:
        services.book(facility=room, person=person, by=person, starts_at=STARTS, ends_at=ENDS)
    assert "2027-01-12" in str(refused.value)
    assert not Booking.objects.exists()


@frozen(NOW)
def test_a_member_books(client, room, plans, member):
    _hourly(plans, member)
    client.force_login(member)
    page = client.get(reverse("space_facility", args=[room.pk]), {"week": "2027-01-11"}).content.decode()
    assert 'id="book-form"' in page and 'id="book-refusal"' not in page
    assert client.post(reverse("space_facility", args=[room.pk]), SLOT).status_code == 302
    assert Booking.objects.get().person == member


@frozen(NOW)
def test_a_named_member_of_a_corporate_plan_books(room, plans, member):
    company = Organisation.objects.create(name="株式会社上州", kind=Organisation.Kind.COMPANY)
    OrganisationMembership.objects.create(organisation=company, person=member)
    corporate = membership_services.join(by=member, plan=plans["corporate"], organisation=company)
    colleague = PersonFactory()
    assert not colleague.has_perm("space.book_facility", room)  # not yet named
    membership_services.named_member_add(by=member, membership=corporate, person=colleague)
    booking = services.book(facility=room, person=colleague, by=colleague, starts_at=STARTS, ends_at=ENDS)
    assert (booking.person, Booking.objects.count()) == (colleague, 1)


@frozen(NOW)
@pytest.mark.parametrize(("starts_on", "ends_on", "status"), [
    (date(2026, 10, 1), date(2026, 12, 31), 403),  # ended (cancelled at the end of December): no form at all
    (date(2026, 10, 1), date(2027, 1, 11), 400),  # in force today, ends the day before the booking: the form says
    (date(2027, 2, 1), None, 400),  # starts after the booking's day: the form, refused for that day
])
def test_a_membership_not_in_force_on_the_day_is_refused(client, room, plans, member, starts_on, ends_on, status):
    _hourly(plans, member, starts_on=starts_on, ends_on=ends_on)
    with pytest.raises(PermissionDenied):
        services.book(facility=room, person=member, by=member, starts_at=STARTS, ends_at=ENDS)
    client.force_login(member)
    response = client.post(reverse("space_facility", args=[room.pk]), SLOT)
    text = response.content.decode()
    assert response.status_code == status
    if status == 403:
        assert 'id="book-refusal"' in text and f'href="{reverse("membership_home")}"' in text
    else:  # the service's reason names the day, on the form that keeps what was typed
        reason = _ja("Booking is for members of %(space)s, and you have no membership of it on %(day)s. Join with "
                     "any plan to book.") % {"space": "NETSUGEN", "day": "2027-01-12"}
        assert reason in text and 'value="10:00"' in text
    assert not Booking.objects.exists()


@frozen(NOW)
def test_a_membership_of_another_space_does_not_count(room, plans, member, gunma):
    from yukemuri.membership.models import MembershipPlan
    from yukemuri.membership.tests.conftest import make_space

    elsewhere = make_space(gunma, name="別の拠点", slug="elsewhere")
    plan = MembershipPlan.objects.create(space=elsewhere, code="hourly", name="時間会員", kind="hourly",
                                         hourly_price=300)
    Membership.objects.create(plan=plan, person=member, starts_on=date(2026, 12, 1))
    assert not member.has_perm("space.book_facility", room)


@frozen(NOW)
def test_the_operator_books_for_a_member_but_not_for_a_non_member(client, room, plans, operator, member):
    _hourly(plans, member)
    outsider = PersonFactory(email="outsider@example.jp")
    client.force_login(operator)
    url = reverse("space_facility", args=[room.pk])
    response = client.post(url, {**SLOT, "for_email": outsider.email})
    assert response.status_code == 400
    assert outsider.display_name in response.content.decode() and not Booking.objects.exists()
    with pytest.raises(ValidationError):
        services.book(facility=room, person=outsider, by=operator, starts_at=STARTS, ends_at=ENDS)
    assert client.post(url, {**SLOT, "for_email": member.email}).status_code == 302
    booking = Booking.objects.get()
    assert (booking.person, booking.booked_by) == (member, operator)


@frozen(NOW)
def test_the_operator_books_for_themselves_without_a_membership(room, plans, operator):
    booking = services.book(facility=room, person=operator, by=operator, starts_at=STARTS, ends_at=ENDS)
    assert booking.person == operator
