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
