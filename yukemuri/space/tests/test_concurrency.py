"""100 simultaneous bookings of the same slot → exactly one, on PostgreSQL and on SQLite.

PostgreSQL: threads with their own connections to the test database; the facility row lock serialises them and
the exclusion constraint would refuse an overlap any other writer made.
SQLite: the test database is in memory (shared cache, where a writer that finds the lock taken fails at once
instead of waiting), so the test copies it to a file and gives each thread its own connection to that file with
the production settings — WAL and BEGIN IMMEDIATE with a busy timeout — which is how the site runs on SQLite.
"""

import sqlite3
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from yukemuri.people.tests.factories import PersonFactory
from yukemuri.space import services
from yukemuri.space.models import Booking

from .conftest import frozen

TOKYO = ZoneInfo("Asia/Tokyo")
STARTS, ENDS = datetime(2027, 1, 12, 10, tzinfo=TOKYO), datetime(2027, 1, 12, 11, tzinfo=TOKYO)
ATTEMPTS = 100
WORKERS = 40  # PostgreSQL: the server allows 100 connections, shared with other test runs


def _fire(room, people, workers, prepare=lambda: None):
    shares = [people[i::workers] for i in range(workers)]
    barrier = threading.Barrier(workers)
    booked, taken, errors = [], [], []

    def worker(share):
        try:
            prepare()
            barrier.wait()
            for person in share:
                try:
                    booked.append(services.book(facility=room, person=person, by=person,
                                                starts_at=STARTS, ends_at=ENDS))
                except services.SlotTaken:
                    taken.append(person)
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(share,)) for share in shares]
    with frozen("2027-01-06 09:00:00+09:00"):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return booked, taken, errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass")
def test_100_simultaneous_bookings_on_postgresql_make_one(transactional_db, room):
    people = [PersonFactory() for _ in range(ATTEMPTS)]
    booked, taken, errors = _fire(room, people, WORKERS)
    assert errors == []
    assert (len(booked), len(taken)) == (1, ATTEMPTS - 1)
    assert Booking.objects.filter(facility=room, status="confirmed").count() == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs in the SQLite pass")
def test_100_simultaneous_bookings_on_sqlite_make_one(transactional_db, room, tmp_path):
    people = [PersonFactory() for _ in range(ATTEMPTS)]
    path = tmp_path / "space.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    on_file = {**connection.settings_dict, "NAME": str(path)}
    assert on_file["OPTIONS"]["transaction_mode"] == "IMMEDIATE"

    def to_the_file():
        connections["default"].settings_dict = on_file  # this thread's own, not yet connected, wrapper

    booked, taken, errors = _fire(room, people, ATTEMPTS, prepare=to_the_file)
    assert errors == []
    assert (len(booked), len(taken)) == (1, ATTEMPTS - 1)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT person_id FROM space_booking WHERE status = 'confirmed'").fetchall()
        recorded = db.execute("SELECT count(*) FROM actions_action WHERE verb = 'space.booked'").fetchone()[0]
    assert rows == [(booked[0].person_id,)]
    assert recorded == 1
    assert not Booking.objects.exists()  # the in-memory database was not the one written
