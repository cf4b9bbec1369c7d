"""Push mode against a tiny fake broker (an HTTP server in the test): what arrives, when, and what does not."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from yukemuri.core.models import Visibility
from yukemuri.facilities.models import PublicFacility
from yukemuri.ngsild.push import push

PORTS = range(8710, 8720)  # the ports this project's tests may use


class FakeBroker:
    def __init__(self):
        self.received: list[tuple[str, dict, object]] = []
        self.status = 204
        broker = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                broker.received.append((self.path, dict(self.headers), body))
                self.send_response(broker.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        for port in PORTS:
            try:
                self.server = HTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port in 8710-8719")
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def upserted(self) -> dict[str, dict]:
        return {e["id"]: e for path, _headers, body in self.received if path.endswith("/upsert") for e in body}


@pytest.fixture
def broker():
    fake = FakeBroker()
    config = {**settings.YUKEMURI, "NGSILD_BROKER_URL": fake.url, "NGSILD_BROKER_TENANT": "gunma",
              "NGSILD_BROKER_TOKEN": "secret-token", "SITE_URL": "https://yukemuri.example.jp"}
    with override_settings(YUKEMURI=config):
        yield fake
    fake.server.shutdown()
    fake.server.server_close()


def test_a_change_is_upserted_once_its_transaction_commits(broker, gunma, django_capture_on_commit_callbacks):
    from yukemuri.demo.facilities import load_facilities_demo

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_facilities_demo()
    assert [c.__qualname__ for c in callbacks].count("note_change.<locals>.flush") == 1  # one task for the import
    (path, headers, body), = broker.received
    assert path == "/ngsi-ld/v1/entityOperations/upsert"
    assert headers["Content-Type"] == "application/ld+json" and headers["Ngsild-Tenant"] == "gunma"
    assert headers["Authorization"] == "Bearer secret-token"
    office = next(e for e in body if e["name"]["value"] == "群馬県庁")
    assert office["@context"].startswith("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context")
    assert office["source"]["value"].startswith("https://yukemuri.example.jp/facilities/")
    assert len(body) == 6

    facility = PublicFacility.objects.get(name="群馬県庁")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            facility.phone = "027-223-1111"
            facility.hours_note = "土日祝日・年末年始を除く（変更）"
            facility.save()
    assert broker.received[-1][2][0]["openingHoursNote"]["value"] == "土日祝日・年末年始を除く（変更）"


def test_nothing_is_sent_when_it_rolls_back(broker, gunma, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            PublicFacility.objects.create(prefecture=gunma, owner_code="100005", source_id="x", name="幻")
            raise RuntimeError
    assert not any("flush" in c.__qualname__ for c in callbacks) and broker.received == []


def test_an_entity_no_longer_public_is_deleted(ngsi_data, broker, django_capture_on_commit_callbacks):
    issue = ngsi_data["other"]
    with django_capture_on_commit_callbacks(execute=True):
        issue.visibility = Visibility.HIDDEN
        issue.save()
    path, _headers, body = broker.received[-1]
    assert path == "/ngsi-ld/v1/entityOperations/delete" and body == [f"urn:ngsi-ld:RegionalIssue:{issue.pk}"]


def test_push_is_idempotent_and_a_failing_broker_is_no_error(ngsi_data, broker, caplog):
    urn = f"urn:ngsi-ld:Idea:{ngsi_data['idea'].pk}"
    assert push([urn]) == {"upserted": 1, "deleted": 0}
    push([urn])
    first, second = (body for _path, _headers, body in broker.received)
    assert first == second
    broker.status = 500
    from yukemuri.ngsild.tasks import push_entities

    result = push_entities.call([urn])
    assert result["failed"] == 1 and "HTTP 500" in result["error"]


def test_push_everything_command(ngsi_data, broker, capsys):
    call_command("ngsild_push")
    upserted = broker.upserted()
    types = {e["type"] for e in upserted.values()}
    assert types == {"Event", "PublicFacility", "RegionalIssue", "Idea", "KeyPerformanceIndicator"}
    assert f"urn:ngsi-ld:Idea:{ngsi_data['idea'].pk}" in upserted
    assert "pushed" in capsys.readouterr().out
    broker.status = 503
    with pytest.raises(CommandError, match="HTTP 503"):
        call_command("ngsild_push", "--type", "Event")


def test_off_by_default(gunma, django_capture_on_commit_callbacks):
    assert settings.YUKEMURI["NGSILD_BROKER_URL"] == ""
    with django_capture_on_commit_callbacks() as callbacks:
        PublicFacility.objects.create(prefecture=gunma, owner_code="100005", source_id="y", name="施設")
    assert not any("flush" in getattr(c, "__qualname__", "") for c in callbacks)
    with pytest.raises(CommandError, match="NGSILD_BROKER_URL"):
        call_command("ngsild_push")
