"""No parameter or form field makes a 500, on any page any role reaches (non-negotiable 4).

The demo is loaded once; for each role a crawler follows the site's own links from the home page and /me/ (one
address per URL pattern), then asks every address again with every parameter the pages read (pagecache's
KNOWN_PARAMS) set to junk, and posts every form it found with every field set to junk. Junk is what broke pages
before: an id of 20 digits (SQLite cannot hold it), "²" (str.isdigit() says yes, int() says no), NUL (PostgreSQL
text cannot hold it). Answers may be anything but a server error.

SQLite only: the crawl is the same on both databases, and the PostgreSQL pass is the suite's longest; what is
PostgreSQL's own (NUL) is tested on both (core/tests/test_junk_numbers.py)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client
from django.urls import Resolver404, resolve

from yukemuri.core.pagecache import KNOWN_PARAMS
from yukemuri.core.testing import flush_test_database
from yukemuri.demo.loader import load_demo
from yukemuri.people.models import Role

from .browser.helpers import load_gunma

JUNK_PARAMS = ("9" * 20, "²", "-1", "\x00")
JUNK_FIELDS = ("9" * 20, "²", "\x00x")
SKIPPED = ("/static/", "/media/", "/admin/", "logout", "/unsubscribe", "/delete", "/erase", "/leave")
MAX_ROUTES = 220
ROLES = ("anonymous", Role.COORDINATOR, Role.MUNICIPAL_STAFF, Role.OPERATOR)


class _PostForms(HTMLParser):
    """The POST forms of a page: their action and every named field."""

    def __init__(self):
        super().__init__()
        self.forms, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._open = None
            if (attrs.get("method") or "").lower() == "post":
                self._open = {"action": attrs.get("action") or "", "fields": set()}
                self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "select", "textarea") and attrs.get("name"):
            self._open["fields"].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    if connection.vendor != "sqlite":
        pytest.skip("the crawl runs in the SQLite pass (see the module's docstring)")
    with django_db_blocker.unblock():
        try:
            load_gunma()
            load_demo()
            yield
        finally:
            flush_test_database()
            connections.close_all()


def _route(address):
    try:
        return resolve(address.split("?")[0]).route
    except Resolver404:
        return None


def _crawl(client):
    """One address per URL pattern the role reaches by links, and the POST forms on those pages."""
    queue, seen, routes, forms, failures = ["/", "/me/", "/en/"], set(), {}, {}, []
    while queue and len(routes) < MAX_ROUTES:
        address = queue.pop(0)
        route = _route(address)
        if address in seen or route is None or route in routes:
            continue
        seen.add(address)
        routes[route] = address
        response = client.get(address)
        if response.status_code >= 500:
            failures.append(f"GET {address}: {response.status_code}")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        parser = _PostForms()
        parser.feed(html)
        for form in parser.forms:
            action = (form["action"] or address).replace("&amp;", "&")
            target = _route(action) if action.startswith("/") and not any(part in action for part in SKIPPED) else None
            if target:
                forms.setdefault(target, (action, form["fields"] - {"csrfmiddlewaretoken"}))
        queue += [link.replace("&amp;", "&") for link in re.findall(r'href="(/[^"#]*)"', html)
                  if not any(part in link for part in SKIPPED)]
    return routes, forms, failures


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_junk_in_any_parameter_or_field_is_never_a_server_error(demo, role):
    client = Client(raise_request_exception=False)
    person = None if role == "anonymous" else Group.objects.get(name=role).user_set.order_by("pk").first()
    if person is not None:
        client.force_login(person)
    routes, forms, failures = _crawl(client)
    assert len(routes) > (60 if person is None else 80), sorted(routes)  # the crawl did reach the site
    for address in routes.values():
        for junk in JUNK_PARAMS:
            status = client.get(address.split("?")[0], dict.fromkeys(KNOWN_PARAMS, junk)).status_code
            if status >= 500:
                failures.append(f"GET {address.split('?')[0]} with every parameter {junk!r}: {status}")
    assert forms, "no form found"
    for action, fields in forms.values():
        for junk in JUNK_FIELDS:
            status = client.post(action, dict.fromkeys(fields, junk)).status_code
            if status >= 500:
                failures.append(f"POST {action} with every field {junk!r}: {status}")
            if person is not None:
                client.force_login(person)  # a form may sign out or switch the session
    assert not failures, "\n".join(failures)
