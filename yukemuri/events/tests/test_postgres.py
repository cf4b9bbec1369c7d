"""Registration under real concurrency (PostgreSQL): the capacity holds and the queue keeps arrival order."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from yukemuri.events import services
from yukemuri.events.models import Event, Registration
from yukemuri.people.tests.factories import PersonFactory

from .factories import make_event, organiser

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of make test")

WORKERS = 40  # the server allows 100 connections; 40 threads fire the 100 registrations together


def test_100_simultaneous_registrations_for_30_seats(transactional_db, gunma):
    host = organiser()
    event = make_event(host, capacity=30)
    people = [PersonFactory() for _ in range(100)]
    shares = [people[i::WORKERS] for i in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)
    results, errors = [], []

    def worker(share):
        try:
            barrier.wait()
            for person in share:
                results.append(services.register(event=event, person=person))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(share,)) for share in shares]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    regs = list(Registration.objects.filter(event=event).order_by("sequence"))
    assert [r.sequence for r in regs] == list(range(1, 101))
    assert [r.status for r in regs] == [Registration.Status.CONFIRMED] * 30 + [Registration.Status.WAITLISTED] * 70
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count, event.registration_sequence) == (30, 70, 100)

    mail.outbox.clear()
    services.cancel(registration=regs[5], by=regs[5].person)
    promoted = Registration.objects.get(pk=regs[30].pk)
    assert promoted.status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=regs[31].pk).status == Registration.Status.WAITLISTED
    assert Event.objects.get(pk=event.pk).confirmed_count == 30
    assert [m.to for m in mail.outbox] == [[promoted.person.email]]


def test_simultaneous_cancellations_promote_each_waiting_person_once(transactional_db, gunma):
    host = organiser()
    event = make_event(host, capacity=10)
    regs = [services.register(event=event, person=PersonFactory()) for _ in range(30)]
    confirmed = regs[:10]
    barrier = threading.Barrier(len(confirmed))

    def cancel(registration):
        try:
            barrier.wait()
            services.cancel(registration=registration, by=registration.person)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ([Registration.Status.CANCELLED] * 10 + [Registration.Status.CONFIRMED] * 10
                        + [Registration.Status.WAITLISTED] * 10)
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (10, 10)
