"""Helpers the tests of every app share: how many queries a block makes, and which of them write.

    with count_queries() as captured:
        client.get(url)
    assert len(captured) <= 12 and writes(captured) == []

    with assert_max_queries(12):
        client.get(url)

    response, captured = get_counted(client, url)  # one GET, counted

Only tests import this module (it needs the test client's database connection, nothing else).
"""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

WRITES = ("INSERT", "UPDATE", "DELETE")


def count_queries(using=connection) -> CaptureQueriesContext:
    """A context manager that records the block's queries: len() of it counts them, writes() picks the writes."""
    return CaptureQueriesContext(using)


def writes(captured) -> list[str]:
    """The INSERT, UPDATE and DELETE statements among captured queries (a count_queries context, or its list)."""
    queries = captured.captured_queries if isinstance(captured, CaptureQueriesContext) else captured
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@contextmanager
def assert_max_queries(n: int, using=connection):
    """Fail when the block makes more than `n` queries, listing them."""
    with count_queries(using) as captured:
        yield captured
    made = len(captured)
    assert made <= n, f"{made} queries, at most {n} expected:\n" + "\n".join(
        q["sql"] for q in captured.captured_queries)


def get_counted(client, url, **extra):
    """GET `url` with the test client; the response and the count_queries context of that request."""
    with count_queries() as captured:
        response = client.get(url, **extra)
    return response, captured


def sqlite_on_file(tmp_path, name: str = "race.sqlite3") -> dict | None:
    """On SQLite, the test database copied to a file, and the settings of a connection to that copy; None on other
    databases. The in-memory test database (shared cache) fails a writer that finds the lock taken at once instead
    of letting it wait, so races are run against a file, with the production settings (WAL, BEGIN IMMEDIATE and a
    busy timeout) — as the site runs on SQLite."""
    import sqlite3

    if connection.vendor != "sqlite":
        return None
    path = tmp_path / name
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        # WAL set once here, before the racing threads connect: their init_command would otherwise switch the
        # journal mode all at once, and a mode switch needs an exclusive lock that the busy timeout does not wait for
        # ("database is locked" under load).
        copy.execute("PRAGMA journal_mode=WAL")
    finally:
        copy.close()
    return {**connection.settings_dict, "NAME": str(path)}


def race(work, shares, *, database: dict | None = None) -> list[Exception]:
    """Run `work(share)` for every share at once, each in a thread with its own connection and transactions, all
    released together by a barrier; the exceptions they raised. `database`: the settings each thread's connection
    uses instead of the test database's (sqlite_on_file)."""
    import threading

    from django.db import connections

    barrier, errors = threading.Barrier(len(shares)), []

    def run(share):
        try:
            if database is not None:
                connections["default"].settings_dict = database  # this thread's own wrapper, not yet connected
            barrier.wait()
            work(share)
        except Exception as exc:  # shown by the caller's assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def flush_test_database() -> None:
    """Empty the test database (a module's committed data, as a transactional test empties its own) — and refuse
    any other: a fixture that unblocks the database without the test database set up (a PostgreSQL-only module run
    on SQLite) would otherwise empty the developer's own var/yukemuri.sqlite3."""
    from django.core.management import call_command

    name = str(connection.settings_dict["NAME"])
    if not (name.startswith("test_") or "memory" in name):
        raise RuntimeError(f"refusing to flush {name!r}: not a test database")
    call_command("flush", interactive=False, verbosity=0)
