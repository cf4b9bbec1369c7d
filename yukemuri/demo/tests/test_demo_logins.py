"""`manage.py demo_logins`: every printed login works through the login form and reaches its role's page;
it refuses when DEBUG is off (unless told explicitly), and each run makes new passwords."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from yukemuri.demo.loader import load_demo
from yukemuri.people.models import User

LINE = re.compile(r"^\s+(?P<role>\S.*?)\s{2,}(?P<email>\S+@\S+)\s+(?P<password>\S+)\s+then (?P<url>\S+)$")


def run(*args) -> list[dict]:
    out = StringIO()
    call_command("demo_logins", *args, stdout=out)
    return [m.groupdict() for line in out.getvalue().splitlines() if (m := LINE.match(line))]


def log_in(email, password) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302, f"{email} could not log in"
    return client


def test_every_printed_demo_login_works_and_reaches_its_page(db):
    load_demo()
    with override_settings(DEBUG=True):
        logins = run()
    assert [row["role"] for row in logins] == ["resident", "event and workshop organiser", "coordinator",
                                               "team lead", "staff (moderation)", "help host (a farm)",
                                               "shop clerk (points)", "supporter (digital support)",
                                               "space operator"]
    pages = {row["role"]: row["url"] for row in logins}
    assert pages["coordinator"] == "/coordinator/" and pages["staff (moderation)"] == "/moderation/"
    for row in logins:
        client = log_in(row["email"], row["password"])
        assert client.get(row["url"]).status_code == 200, row
    resident = log_in(logins[0]["email"], logins[0]["password"])
    assert resident.get("/moderation/").status_code == 403 and resident.get("/coordinator/").status_code == 403
    assert pages["help host (a farm)"].endswith("/signups/") and pages["shop clerk (points)"].startswith("/points/")
    assert pages["supporter (digital support)"] == "/support/" and resident.get("/support/").status_code == 403
    assert User.objects.filter(is_demo=True, email__in=[row["email"] for row in logins]).count() == 9
    # each run makes new passwords: the old ones stop working
    with override_settings(DEBUG=True):
        again = run()
    assert again[0]["password"] != logins[0]["password"]
    response = Client().post("/accounts/login/", {"username": logins[0]["email"], "password": logins[0]["password"]})
    assert response.status_code != 302


def test_demo_logins_refuse_without_debug(db):
    load_demo()
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_logins", stdout=StringIO())
    assert not any(user.has_usable_password() for user in User.objects.all())  # nothing was changed
    with override_settings(DEBUG=False):
        logins = run("--allow-without-debug")
    assert len(logins) == 9


def test_demo_logins_need_the_demo(db):
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="load_demo"):
        call_command("demo_logins", stdout=StringIO())
