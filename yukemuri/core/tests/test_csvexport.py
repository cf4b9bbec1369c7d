"""CSV injection: every export goes through core.csvexport, so no cell can start a spreadsheet formula."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from yukemuri.core import csvexport
from yukemuri.core.csvexport import is_dangerous, neutralise, unneutralise

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
            "\t=1+1", "\r=1+1", "\u202e=1+1"]


def test_writer_neutralises_formula_starts_and_keeps_numbers():
    out = io.StringIO()
    csvexport.writer(out).writerow([*PAYLOADS, "-36.5", "+81", -3, 2.5, Decimal("-1.50"), None, "普通の名前", True])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row[:7] == ["'" + p for p in PAYLOADS[:6]] + ["'=1+1"]  # the bidi override is dropped, then quoted
    assert row[7:] == ["-36.5", "+81", "-3", "2.5", "-1.50", "", "普通の名前", "True"]
    assert [unneutralise(cell) for cell in row[:6]] == PAYLOADS[:6]
    assert unneutralise("'quoted on purpose") == "'quoted on purpose"  # only our own prefix is taken off


def test_neutralise_rules():
    assert [is_dangerous(t) for t in ("=1", "-", "-1", "-1.5e3", "1-1", "", "a=b")] == [True, True, False, False,
                                                                                         False, False, False]
    assert neutralise(-7) == -7 and neutralise("") == "" and neutralise("a\u2066b\u2069") == "ab"


def cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    _header, *rows = list(csv.reader(io.StringIO(text)))
    assert rows, "the export is empty: the malicious row is missing"
    return [cell for row in rows for cell in row]


def assert_safe(response, expect=PAYLOADS[0]):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    found = cells(response)
    dangerous = [cell for cell in found if is_dangerous(cell)]
    assert not dangerous
    assert not [cell for cell in found if any(ord(ch) in (0x202E, 0x2066) for ch in cell)]
    assert "'" + expect in found  # the payload is there, as text


@pytest.fixture
def hostile(coordinator, person, make_idea, make_issue, municipality):
    """Every export's rows carry a formula in what people name: titles, names, statements."""
    from yukemuri.events import services as events
    from yukemuri.events.tests.factories import make_event
    from yukemuri.listening import report
    from yukemuri.listening import services as listening
    from yukemuri.organisations.models import Organisation
    from yukemuri.organisations.tests.factories import OrganisationFactory
    from yukemuri.startups.tests.factories import StartupFactory

    title = PAYLOADS[0]
    event = make_event(coordinator, title=title, code="102083", organiser_name="+1+cmd")
    events.guest_confirm(registration=events.register(event=event, guest_name=title, guest_email="g@example.jp"))
    idea = make_idea(person, title=title)
    conversation = listening.conversation_create(
        by=coordinator, title=title, question="?", issue=make_issue(coordinator),
        seeds=[title, "@SUM(1+1)*cmd", "空き家は地域の資源だ", "-2+3+cmd|' /C calc'!A0"])
    for _i in range(3):  # the report lists statements once people have voted on them
        participant = listening.participant_for(conversation, key=None)
        for statement in conversation.statements.all():
            listening.vote(participant=participant, statement=statement, value=1)
    report.refresh(conversation)
    StartupFactory(organisation=OrganisationFactory(kind=Organisation.Kind.STARTUP, name=title))
    return {"event": event, "idea": idea, "conversation": conversation, "municipality": municipality}


def test_every_export_neutralises_formulas(client, hostile, coordinator):
    assert_safe(client.get(reverse("accountability_csv")))
    assert_safe(client.get(reverse("startup_export")))
    assert_safe(client.get(reverse("opendata_events")))
    assert_safe(client.get(reverse("opendata_municipality_events", args=[hostile["municipality"].code])))
    assert_safe(client.get(reverse("conversation_report_csv", args=[hostile["conversation"].pk])))
    client.force_login(coordinator)
    assert_safe(client.post(reverse("event_attendance_csv", args=[hostile["event"].pk])))


def test_open_data_event_file_round_trips_with_neutralised_cells(client, hostile):
    from yukemuri.events.models import Event
    from yukemuri.events.opendata import import_events

    Event.objects.filter(pk=hostile["event"].pk).update(latitude=-36.5, longitude=139.25)
    data = client.get(reverse("opendata_events")).content
    assert b"'=HYPERLINK" in data and b",-36.500000," in data  # text quoted, numbers left as numbers
    result = import_events(data)
    assert result.ok, result.errors
    copy = Event.objects.exclude(pk=hostile["event"].pk).get()
    assert copy.title == PAYLOADS[0] and copy.organiser_name == "+1+cmd" and copy.latitude == -36.5


def test_no_module_writes_csv_around_the_shared_writer():
    root = Path(csvexport.__file__).resolve().parents[1]
    offenders = [
        str(path.relative_to(root)) for path in root.rglob("*.py")
        if "tests" not in path.parts and path.name != "csvexport.py"
        and re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
