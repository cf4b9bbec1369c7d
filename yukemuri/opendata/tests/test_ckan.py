"""The CKAN action API subset, called by ckanapi's RemoteCKAN over HTTP as a harvester would, and by hand
for the envelope, statuses and bad parameters."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from ckanapi import CKANAPIError, NotFound, RemoteCKAN, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yukemuri.events.models import Event, EventKind
from yukemuri.regions.models import Municipality

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def data(gunma, person, make_issue, make_idea):
    make_issue(person, title="空き家が増えている")
    make_idea(person)
    Event.objects.create(
        kind=EventKind.objects.get(slug="seminar"), title="DXセミナー", prefecture=gunma,
        municipality=Municipality.objects.get(code="102024"), starts_at=datetime(2026, 12, 5, 0, 30, tzinfo=TOKYO),
        ends_at=datetime(2026, 12, 5, 2, 0, tzinfo=TOKYO), created_at=datetime(2026, 11, 1, 9, 0, tzinfo=TOKYO))


@pytest.fixture(params=[False, True], ids=["post", "get"])
def ckan(request, live_server):
    # ckanapi POSTs JSON by default; get_only is how read-only mirrors are often called.
    with RemoteCKAN(live_server.url, user_agent="yukemuri-test", get_only=request.param) as remote:
        yield remote


@pytest.mark.django_db(transaction=True)
def test_harvest_with_ckanapi(ckan, data):
    names = ckan.action.package_list()
    assert {"issues", "ideas", "events", "events-102024", "startups", "kpi-cocreation-initiatives"} <= set(names)
    events = ckan.action.package_show(id="events")
    assert events["name"] == "events"
    assert events["title"] == "イベント一覧"
    assert events["license_id"] == "cc-by-4.0"
    assert events["organization"]["name"] == "yukemuri"
    assert events["metadata_modified"] == "2026-11-01T00:00:00"  # UTC, as CKAN writes it
    assert {(r["format"], r["url"]) for r in events["resources"]} == {
        ("CSV", live_server_url(ckan) + "/opendata/events.csv"),
        ("JSON", live_server_url(ckan) + "/api/v1/events?when=all")}
    assert {"name": "イベント", "display_name": "イベント", "state": "active", "vocabulary_id": None} in events["tags"]
    assert ckan.action.organization_list() == ["yukemuri"]
    assert ckan.action.organization_list(all_fields=True)[0]["package_count"] == len(names)


def live_server_url(ckan) -> str:
    return ckan.address.rstrip("/")


@pytest.mark.django_db(transaction=True)
def test_search_pages_and_finds_words(ckan, data):
    everything = ckan.action.package_search(rows=1000)
    assert everything["count"] == len(everything["results"]) >= 6
    page = ckan.action.package_search(rows=2, start=1)
    assert page["count"] == everything["count"]
    assert [p["name"] for p in page["results"]] == [p["name"] for p in everything["results"][1:3]]
    found = ckan.action.package_search(q="startups")
    assert [p["name"] for p in found["results"]] == ["startups"]
    both = ckan.action.package_search(q="イベント 高崎市")
    assert [p["name"] for p in both["results"]] == ["events-102024"]
    assert ckan.action.package_search(q="イベント 沼田市")["count"] == 0  # every word must match
    takasaki = ckan.action.package_search(q="events-102024")
    assert [p["name"] for p in takasaki["results"]] == ["events-102024"]


@pytest.mark.django_db(transaction=True)
def test_errors_as_ckan_raises_them(ckan, data):
    with pytest.raises(NotFound):
        ckan.action.package_show(id="no-such-dataset")
    with pytest.raises(ValidationError) as missing:
        ckan.action.package_show()
    assert missing.value.error_dict["name_or_id"] == ["Missing value"]
    with pytest.raises(ValidationError) as bad_rows:
        ckan.action.package_search(rows="many")
    assert bad_rows.value.error_dict["rows"] == ["Invalid integer"]
    with pytest.raises(CKANAPIError):
        ckan.action.package_create(name="x")  # read-only: no write action exists


def test_envelope_and_statuses(client, data):
    ok = client.get("/api/3/action/package_show", {"id": "ideas"})
    assert ok.status_code == 200
    body = ok.json()
    assert body["success"] is True
    assert body["help"] == "http://testserver/api/3/action/help_show?name=package_show"
    assert body["result"]["resources"][0]["format"] == "CSV"
    missing = client.get("/api/3/action/package_show", {"id": "nothing"})
    assert missing.status_code == 404
    assert missing.json() == {"help": "http://testserver/api/3/action/help_show?name=package_show",
                              "success": False, "error": {"__type": "Not Found Error", "message": "Not found"}}
    unknown = client.get("/api/3/action/package_delete")
    assert unknown.status_code == 400
    assert unknown.json()["error"]["__type"] == "Bad Request"
    assert client.get("/api/3/action/help_show", {"name": "package_search"}).json()["result"].startswith("Search")


@pytest.mark.parametrize("query", [
    {"rows": "-1"}, {"rows": "1e9"}, {"start": "x"}, {"start": "-5"}, {"rows": "٣"}, {"q": "\x00"},
    {"rows": "99999999999999999999999"}, {"start": "99999999999999999999999"}])
def test_bad_search_parameters_never_fail(client, data, query):
    response = client.get("/api/3/action/package_search", query)
    assert response.status_code in (200, 409)
    assert response.json()["success"] is (response.status_code == 200)


@pytest.mark.parametrize(("name", "body", "status"), [
    ("package_list", b"not json", 400), ("package_search", b"[1, 2]", 400), ("package_show", b"\xff", 400),
    ("package_show", b'{"id": {"a": 1}}', 404), ("package_search", b'{"rows": [1]}', 409),
    ("package_search", b'{"start": null, "rows": -3}', 409), ("organization_show", b'{"id": 7}', 404)])
def test_bad_bodies_are_ckan_errors(client, data, name, body, status):
    response = client.post(f"/api/3/action/{name}", body, content_type="application/json")
    assert response.status_code == status
    assert response.json()["success"] is False


def test_limit_and_offset_of_package_list(client, data):
    every = client.get("/api/3/action/package_list").json()["result"]
    assert client.get("/api/3/action/package_list", {"limit": 2, "offset": 1}).json()["result"] == every[1:3]
    assert client.get("/api/3/action/package_list", {"limit": "two"}).status_code == 409


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["package_list", "package_show", "package_search", "organization_list",
                             "organization_show", "help_show", "nothing"]),
       query=st.dictionaries(st.sampled_from(["id", "q", "rows", "start", "limit", "offset", "all_fields", "name"]),
                             st.text(max_size=30).filter(lambda t: "\x00" not in t), max_size=4))
def test_no_parameter_makes_a_server_error(client, data, name, query):
    response = client.get(f"/api/3/action/{name}", query)
    assert response.status_code in (200, 400, 404, 409)
    assert response.json()["success"] is (response.status_code == 200)
