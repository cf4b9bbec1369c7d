"""Checking a helper in at a slot (the events desk) earns the request's points, exactly once."""

import pytest

from yukemuri.events import services as events
from yukemuri.events.models import Registration
from yukemuri.help.receivers import attendance_key
from yukemuri.points import services as points
from yukemuri.points.models import Account, Transaction


@pytest.fixture
def issuer(municipality):
    return points.issuer_open(by=None, name="渋川市 幸福ポイント", municipality=municipality, expiry_months=12)


@pytest.fixture
def attend(farmer, django_capture_on_commit_callbacks):
    """Sign someone (a person, or a confirmed guest by address) up for the request's slot and check them in at the
    desk, with the receivers run: the registration."""
    def attend(help_request, *, person=None, guest_email=""):
        event = help_request.slots.get().event
        if person is not None:
            ticket = events.register(event=event, person=person)
        else:
            ticket = events.guest_confirm(registration=events.register(event=event, guest_name="ゲスト",
                                                                       guest_email=guest_email))
        with django_capture_on_commit_callbacks(execute=True):
            events.check_in(event=event, code=ticket.code, by=farmer)
        return ticket
    return attend


def _balance(person):
    return Account.objects.filter(kind="wallet", person=person).values_list("balance", flat=True).first()


def test_check_in_earns_the_points_once_even_when_repeated(make_request, farmer, person, issuer,
                                                           django_capture_on_commit_callbacks):
    request = make_request(points=50)
    event = request.slots.get().event
    ticket = events.register(event=event, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        registration, first = events.check_in(event=event, code=ticket.code, by=farmer)
    assert first and registration.attended
    assert _balance(person) == 50
    with django_capture_on_commit_callbacks(execute=True):
        _registration, again = events.check_in(event=event, code=ticket.code.lower(), by=farmer)
    assert not again
    assert _balance(person) == 50
    assert Transaction.objects.filter(key=attendance_key(ticket.pk)).count() == 1
    tx = Transaction.objects.get(key=attendance_key(ticket.pk))
    assert tx.by is None and tx.issuer == issuer  # issued by the system, from the municipality's issuer


def test_the_hosts_own_issuer_comes_before_the_municipalitys(make_request, farm, person, issuer, attend):
    own = points.issuer_open(by=None, name="農園ポイント", organisation=farm)
    request = make_request(points=20)
    ticket = attend(request, person=person)
    assert Transaction.objects.get(key=attendance_key(ticket.pk)).issuer == own


def test_no_points_without_an_issuer_or_an_amount(make_request, person, attend):
    no_issuer = make_request(points=30)
    attend(no_issuer, person=person)
    assert not Transaction.objects.exists() and _balance(person) is None  # and no wallet opened for nothing


def test_zero_points_give_nothing(make_request, person, issuer, attend):
    request = make_request(points=0)
    attend(request, person=person)
    assert not Transaction.objects.exists()


def test_a_guest_gets_no_wallet_but_keeps_the_attendance(make_request, issuer, attend):
    request = make_request(points=50)
    guest = attend(request, guest_email="guest@example.com")
    assert not Transaction.objects.exists() and not Account.objects.filter(kind="wallet").exists()
    assert Registration.objects.get(pk=guest.pk).checked_in_at is not None


def test_check_in_at_an_ordinary_event_gives_no_help_points(gunma, person, issuer,
                                                            django_capture_on_commit_callbacks):
    from yukemuri.events.tests.factories import make_event, organiser

    host = organiser()
    event = make_event(host, code="102083")
    ticket = events.register(event=event, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        events.check_in(event=event, code=ticket.code, by=host)
    assert not Transaction.objects.exists()


def test_a_guest_who_opens_an_account_claims_the_points_once(make_request, issuer, django_capture_on_commit_callbacks, attend):
    from yukemuri.help.services import attendance_points_due
    from yukemuri.people.tests.factories import PersonFactory

    request = make_request(points=40)
    guest = attend(request, guest_email="later@example.com")
    unconfirmed = PersonFactory(email="LATER@example.com", email_verified=False)
    assert events.guest_registrations_claim(person=unconfirmed) == []  # an address not confirmed claims nothing
    assert attendance_points_due(person=unconfirmed) == 0
    unconfirmed.email_verified = True
    with django_capture_on_commit_callbacks(execute=True):
        assert [r.pk for r in events.guest_registrations_claim(person=unconfirmed)] == [guest.pk]
    assert _balance(unconfirmed) == 40
    assert attendance_points_due(person=unconfirmed) == 1  # found again, not given again
    assert _balance(unconfirmed) == 40


def test_confirming_the_email_address_claims_the_guests_points(make_request, issuer, django_capture_on_commit_callbacks, attend):
    from yukemuri.people.services import email_verify
    from yukemuri.people.tests.factories import PersonFactory

    request = make_request(points=25)
    attend(request, guest_email="newcomer@example.com")
    person = PersonFactory(email="newcomer@example.com", email_verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        email_verify(person=person)
    assert _balance(person) == 25


def test_the_sweep_gives_the_points_a_receiver_missed_and_nothing_twice(make_request, farmer, person, issuer):
    """A check-in committed, then the process stopped before its receiver ran: `manage.py help_points_due` (cron)
    gives the points; run again, it gives nothing more."""
    from io import StringIO

    from django.core.management import call_command

    request = make_request(points=30)
    event = request.slots.get().event
    ticket = events.register(event=event, person=person)
    events.check_in(event=event, code=ticket.code, by=farmer)  # its on-commit receivers never run here
    other = events.register(event=event, person=farmer)  # signed up, not checked in: nothing
    assert _balance(person) is None
    out = StringIO()
    call_command("help_points_due", stdout=out)
    assert _balance(person) == 30 and "1 attendance(s)" in out.getvalue()
    call_command("help_points_due", stdout=StringIO())
    assert _balance(person) == 30 and _balance(farmer) is None
    assert Transaction.objects.filter(key=attendance_key(ticket.pk)).count() == 1
    assert other.pk
