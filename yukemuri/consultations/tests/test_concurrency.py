"""Many members book the same consultation slot at once → exactly one booking, on PostgreSQL and on SQLite
(the same set-up as space's test_concurrency: real threads, each with its own connection and transaction)."""

import sqlite3

import pytest
from django.db import connection

from yukemuri.consultations import services
from yukemuri.consultations.models import Consultation
from yukemuri.core.testing import race, sqlite_on_file
from yukemuri.people.tests.factories import PersonFactory

from .conftest import intake

ATTEMPTS, WORKERS = 40, 20  # the PostgreSQL server's connections are shared with other test runs


def _fire(slot, people, database=None):
    booked, taken = [], []

    def book_all(share):
        for person in share:
            try:
                booked.append(services.book(by=person, slot=slot, **intake()))
            except services.SlotTaken:
                taken.append(person)

    errors = race(book_all, [people[i::WORKERS] for i in range(WORKERS)], database=database)
    return booked, taken, errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass")
def test_simultaneous_bookings_of_a_slot_on_postgresql_make_one(transactional_db, slot):
    people = [PersonFactory() for _ in range(ATTEMPTS)]
    booked, taken, errors = _fire(slot, people)
    assert errors == []
    assert (len(booked), len(taken)) == (1, ATTEMPTS - 1)
    assert Consultation.objects.filter(slot=slot, status="booked").count() == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs in the SQLite pass")
def test_simultaneous_bookings_of_a_slot_on_sqlite_make_one(transactional_db, slot, tmp_path):
    people = [PersonFactory() for _ in range(ATTEMPTS)]
    on_file = sqlite_on_file(tmp_path, "consultations.sqlite3")
    booked, taken, errors = _fire(slot, people, database=on_file)
    assert errors == []
    assert (len(booked), len(taken)) == (1, ATTEMPTS - 1)
    with sqlite3.connect(on_file["NAME"]) as db:
        rows = db.execute("SELECT member_id FROM consultations_consultation WHERE status = 'booked'").fetchall()
    assert rows == [(booked[0].member_id,)]
