"""`manage.py space_fee`: the day's charges as JSON; exit 2 with one clear line on bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .conftest import make_plans, make_space


@pytest.fixture
def demo_plans(gunma):
    return make_plans(make_space(gunma))


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("space_fee", *args, stdout=out)
    return json.loads(out.getvalue())


def test_charges_per_day(demo_plans):
    assert run("--plan", "hourly", "--visit", "2026-12-07T10:00/2026-12-07T11:01",
               "--visit", "2026-12-07T14:00/2026-12-07T14:30",
               "--visit", "2026-12-08T10:00/2026-12-08T21:00") == {"2026-12-07": 500, "2026-12-08": 1000}
    assert run("--plan", "individual", "--visit", "2026-12-07T10:00/2026-12-07T21:00") == {"2026-12-07": 0}
    # an offset is honoured: 14:30 UTC is 23:30 in Tokyo, so the visit crosses midnight there
    assert run("--plan", "hourly", "--visit", "2026-12-07T14:30:00+00:00/2026-12-07T15:30:00+00:00") == {
        "2026-12-07": 250, "2026-12-08": 250}


@pytest.mark.parametrize(("args", "message"), [
    (["--plan", "nosuch", "--visit", "2026-12-07T10:00/2026-12-07T11:00"], "no membership plan has the code"),
    (["--plan", "hourly", "--visit", "2026-12-07T10:00/2026-12-07T09:00"], "ends before it starts"),
    (["--plan", "hourly", "--visit", "2026-12-07 10時/2026-12-07T11:00"], "not an ISO 8601"),
    (["--plan", "hourly", "--visit", "2026-12-07T10:00"], "START/END"),
    (["--plan", "hourly"], "at least one --visit"),
])
def test_bad_input_is_refused_with_status_2(demo_plans, args, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command("space_fee", *args)
    assert refused.value.returncode == 2


def test_two_spaces_with_one_code_need_space(demo_plans, gunma):
    make_plans(make_space(gunma, name="別館", slug="annex"))
    with pytest.raises(CommandError, match="add --space"):
        call_command("space_fee", "--plan", "hourly", "--visit", "2026-12-07T10:00/2026-12-07T11:00")
    assert run("--plan", "hourly", "--space", "annex", "--visit", "2026-12-07T10:00/2026-12-07T11:00") == {
        "2026-12-07": 250}


@pytest.mark.parametrize(("visit", "message"), [
    ("2026-12-07T10:00/2026-12-07T09:00", "ends before it starts"),
    ("yesterday/today", "not an ISO 8601"),
])
def test_as_a_process_exit_2_without_a_traceback(visit, message):
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yukemuri.settings_test"}
    done = subprocess.run([sys.executable, str(root / "manage.py"), "space_fee", "--plan", "hourly", "--visit", visit],
                          capture_output=True, text=True, timeout=120, cwd=root, env=env)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_space_invoices_queues_the_month_once(demo_plans):
    from datetime import date
    from io import StringIO

    from yukemuri.membership import services
    from yukemuri.membership.models import Invoice
    from yukemuri.people.tests.factories import PersonFactory

    services.join(by=PersonFactory(), plan=demo_plans["individual"], starts_on=date.today())
    month = date.today().strftime("%Y-%m")
    out = StringIO()
    call_command("space_invoices", "--month", month, stdout=out)
    call_command("space_invoices", "--month", month, stdout=out)
    assert Invoice.objects.count() == 1 and "queued the invoices of" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM") as refused:
        call_command("space_invoices", "--month", "December")
    assert refused.value.returncode == 2
