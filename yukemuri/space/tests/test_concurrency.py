"""100 simultaneous bookings of the same slot → exactly one, on PostgreSQL and on SQLite.

PostgreSQL: threads with their own connections to the test database; the facility row lock serialises them and
the exclusion constraint would refuse an overlap any other writer made.
SQLite: the test database is in memory (shared cache, where a writer that finds the lock taken fails at once
instead of waiting), so the test copies it to a file and gives each thread its own connection to that file with
the production settings — WAL and BEGIN IMMEDIATE with a busy timeout — which is how the site runs on SQLite.
"""

import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from yukemuri.core.testing import race, sqlite_on_file
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space import services
from yukemuri.space.models import Booking

from .conftest import frozen
from .factories import make_members

TOKYO = ZoneInfo("Asia/Tokyo")
STARTS, ENDS = datetime(2027, 1, 12, 10, tzinfo=TOKYO), datetime(2027, 1, 12, 11, tzinfo=TOKYO)
ATTEMPTS = 100
WORKERS = 40  # PostgreSQL: the server allows 100 connections, shared with other test runs


def _fire(room, people, workers, database=None):
    booked, taken = [], []

    def book_all(share):
        for person in share:
            try:
                booked.append(services.book(facility=room, person=person, by=person, starts_at=STARTS, ends_at=ENDS))
            except services.SlotTaken:
                taken.append(person)

    with frozen("2027-01-06 09:00:00+09:00"):
        errors = race(book_all, [people[i::workers] for i in range(workers)], database=database)
    return booked, taken, errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass")
def test_100_simultaneous_bookings_on_postgresql_make_one(transactional_db, room):
    people = [PersonFactory() for _ in range(ATTEMPTS)]
    make_members(room.space, *people)  # only members book: each attempt passes the gate and races for the slot
    booked, taken, errors = _fire(room, people, WORKERS)
    assert errors == []
    assert (len(booked), len(taken)) == (1, ATTEMPTS - 1)
    assert Booking.objects.filter(facility=room, status="confirmed").count() == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs in the SQLite pass")
def test_100_simultaneous_bookings_on_sqlite_make_one(transactional_db, room, tmp_path):
    people = [PersonFactory() for _ in range(ATTEMPTS)]
    make_members(room.space, *people)  # only members book: each attempt passes the gate and races for the slot
    on_file = sqlite_on_file(tmp_path, "space.sqlite3")
    assert on_file["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    booked, taken, errors = _fire(room, people, ATTEMPTS, database=on_file)
    assert errors == []
    assert (len(booked), len(taken)) == (1, ATTEMPTS - 1)
    with sqlite3.connect(on_file["NAME"]) as db:
        rows = db.execute("SELECT person_id FROM space_booking WHERE status = 'confirmed'").fetchall()
        recorded = db.execute("SELECT count(*) FROM actions_action WHERE verb = 'space.booked'").fetchone()[0]
    assert rows == [(booked[0].person_id,)]
    assert recorded == 1
    assert not Booking.objects.exists()  # the in-memory database was not the one written
