"""Many members book the same consultation slot at once → exactly one booking, on PostgreSQL and on SQLite
(the same set-up as space's test_concurrency: real threads, each with its own connection and transaction)."""

import sqlite3
import threading

import pytest
from django.db import connection, connections

from yukemuri.consultations import services
from yukemuri.consultations.models import Consultation
from yukemuri.people.tests.factories import PersonFactory

from .conftest import intake

ATTEMPTS, WORKERS = 40, 20  # the PostgreSQL server's connections are shared with other test runs


def _fire(slot, people, prepare=lambda: None):
    shares = [people[i::WORKERS] for i in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)
    booked, taken, errors = [], [], []

    def worker(share):
        try:
            prepare()
            barrier.wait()
            for person in share:
                try:
                    booked.append(services.book(by=person, slot=slot, **intake()))
                except services.SlotTaken:
                    taken.append(person)
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(share,)) for share in shares]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
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
    path = tmp_path / "consultations.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    on_file = {**connection.settings_dict, "NAME": str(path)}

    def to_the_file():
        connections["default"].settings_dict = on_file

    booked, taken, errors = _fire(slot, people, prepare=to_the_file)
    assert errors == []
    assert (len(booked), len(taken)) == (1, ATTEMPTS - 1)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT member_id FROM consultations_consultation WHERE status = 'booked'").fetchall()
    assert rows == [(booked[0].member_id,)]
