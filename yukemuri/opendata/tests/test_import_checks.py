"""The events import's dry run checks everything the real run checks: a file the dry run accepts imports, and a
file the real run would refuse is refused by the dry run too (a NUL byte or a capacity of 10²³ once passed the
dry run and then failed the real run with a 500)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError
from django.urls import reverse
from django.utils import translation

from yukemuri.events.models import Event
from yukemuri.events.opendata import HEADER, import_events
from yukemuri.opendata.tests.test_events_opendata import NEW_ROW, encode
from yukemuri.people.tests.factories import PersonFactory


def with_cell(column: str, value: str) -> list[str]:
    row = list(NEW_ROW)
    row[HEADER.index(column)] = value
    return row


@pytest.mark.parametrize("column, value, message", [
    ("イベント名", "だるま\x00市", "NUL character"),
    ("説明", "\x00", "NUL character"),
    ("定員", "1" + "0" * 23, "at most 1,000,000"),
    ("定員", "2147483648", "at most 1,000,000"),
    ("定員", "9" * 5000, "at most 1,000,000"),
])
@pytest.mark.parametrize("dry_run", [True, False])
def test_cells_the_database_would_refuse_are_refused_by_the_dry_run_too(gunma, column, value, message, dry_run):
    with translation.override("en"):
        result = import_events(encode(HEADER, [with_cell(column, value)], "utf-8"), dry_run=dry_run)
    assert not result.ok and (result.created, result.updated) == (0, 0)
    assert [(e.line, e.column) for e in result.errors] == [(2, column)]
    assert message in result.errors[0].message
    assert not Event.objects.exists()


def test_the_largest_capacity_allowed_imports(gunma):
    assert import_events(encode(HEADER, [with_cell("定員", "1,000,000人")], "utf-8")).ok
    assert Event.objects.get().capacity == 1_000_000


def test_the_dry_run_is_the_real_run_rolled_back(gunma):
    data = encode(HEADER, [NEW_ROW, [*NEW_ROW[:1], "8", *NEW_ROW[2:]]], "utf-8")
    dry = import_events(data, dry_run=True)
    assert dry.ok and (dry.created, dry.updated) == (2, 0) and not Event.objects.exists()
    real = import_events(data)
    assert real.ok and (real.created, real.updated) == (dry.created, dry.updated) == (2, 0)
    again = import_events(data, dry_run=True)
    assert (again.created, again.updated) == (0, 2)
    assert Event.objects.count() == 2


def test_what_only_the_database_refuses_is_found_by_the_dry_run(gunma, monkeypatch):
    """Whatever validation misses and the database refuses: the dry run writes too, so it finds it (one row
    error, nothing written), and the real run answers the same instead of a 500."""
    create = Event.objects.create

    def refuse_the_second(**fields):
        if fields["source_id"] == "8":
            raise DataError("value too long for type character varying(120)")
        return create(**fields)

    monkeypatch.setattr(Event.objects, "create", refuse_the_second)
    data = encode(HEADER, [NEW_ROW, [*NEW_ROW[:1], "8", *NEW_ROW[2:]]], "utf-8")
    for dry_run in (True, False):
        result = import_events(data, dry_run=dry_run)
        assert not result.ok and [e.line for e in result.errors] == [3]
        assert "value too long" in result.errors[0].message
        assert (result.created, result.updated) == (0, 0)
        assert not Event.objects.exists()


def test_the_import_page_answers_400_for_a_nul_byte(client, gunma):
    client.force_login(PersonFactory(is_staff=True))
    body = encode(HEADER, [with_cell("イベント名", "だるま\x00市")], "utf-8")
    for dry_run in ("on", ""):
        response = client.post(reverse("opendata_import"), {"file": SimpleUploadedFile("e.csv", body),
                                                           "dry_run": dry_run})
        assert response.status_code == 400
    assert not Event.objects.exists()


def test_line_breaks_in_one_line_cells_become_spaces_so_the_calendar_still_works(client, gunma):
    """Issue 12 item 18: a title with CR/LF from an import broke the event's .ics (500) and its e-mails."""
    row = with_cell("イベント名", "だるま市\r\n説明会")
    row[HEADER.index("場所名称")] = "公民館\n2階"
    assert import_events(encode(HEADER, [row], "utf-8")).ok
    event = Event.objects.get()
    assert (event.title, event.venue_name) == ("だるま市 説明会", "公民館 2階")
    response = client.get(reverse("event_ics", args=[event.pk]))
    assert response.status_code == 200 and "SUMMARY:だるま市 説明会" in response.content.decode()
