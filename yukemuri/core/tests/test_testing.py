"""The shared query-counting helpers of the tests (core.testing) count and pick out writes correctly."""

import pytest

from yukemuri.core.testing import assert_max_queries, count_queries, writes
from yukemuri.people.models import User
from yukemuri.people.tests.factories import PersonFactory


def test_count_queries_counts_and_writes_lists_only_the_writes(db):
    with count_queries() as captured:
        person = PersonFactory()
        User.objects.filter(pk=person.pk).update(display_name="別名")
        list(User.objects.all())
        User.objects.filter(pk=person.pk).delete()
    found = writes(captured)
    assert len(captured) >= 4 and len(found) >= 3
    assert all(sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for sql in found)
    assert writes(captured.captured_queries) == found  # the list works too


def test_assert_max_queries_fails_past_its_budget_and_names_the_queries(db):
    with assert_max_queries(1):
        list(User.objects.all())
    with pytest.raises(AssertionError, match="2 queries, at most 1"):
        with assert_max_queries(1):
            list(User.objects.all())
            list(User.objects.all())
