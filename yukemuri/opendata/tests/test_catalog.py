"""The DCAT 3 catalogue: what it holds, and that it conforms to the DCAT-AP 3.0.1 shapes (pyshacl)."""

import json
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns  # not its names: pytest's collection pokes at module attributes

from yukemuri.events.models import Event, EventKind
from yukemuri.listening import report
from yukemuri.listening.models import Conversation
from yukemuri.regions.models import Municipality

SHAPES = Path(__file__).resolve().parent.parent / "shapes" / "dcat-ap-3.0.1-SHACL.ttl"
TOKYO = ZoneInfo("Asia/Tokyo")
BASE = "http://testserver"


@pytest.fixture
def data(gunma, person, make_issue, make_idea):
    from yukemuri.demo.facilities import load_facilities_demo

    load_facilities_demo()  # 公共施設一覧: in 前橋市 and 高崎市
    make_issue(person)
    make_idea(person)
    Event.objects.create(
        kind=EventKind.objects.get(slug="seminar"), title="DXセミナー", description="データで地域を見る。",
        prefecture=gunma, municipality=Municipality.objects.get(code="102024"),
        starts_at=datetime(2026, 12, 5, 0, 30, tzinfo=TOKYO), ends_at=datetime(2026, 12, 5, 2, 0, tzinfo=TOKYO),
        created_at=datetime(2026, 11, 1, 9, 0, tzinfo=TOKYO), venue_name="高崎市役所", organiser_name="高崎市")
    Conversation.objects.create(title="まちの未来", question="何が大切？", analysis=report.EMPTY,
                                analysed_at=datetime(2026, 11, 20, 9, 0, tzinfo=TOKYO))
    Conversation.objects.create(title="まだ集計なし", question="？")  # no analysis yet: nothing to publish


def _graph(client, address, fmt):
    response = client.get(address)
    assert response.status_code == 200
    return response, Graph().parse(data=response.content, format=fmt)


@pytest.mark.parametrize(("address", "fmt", "media_type"), [
    ("/catalog.ttl", "turtle", "text/turtle"), ("/catalog.jsonld", "json-ld", "application/ld+json")])
def test_catalogue_conforms_to_dcat_ap_shapes(client, data, address, fmt, media_type):
    response, graph = _graph(client, address, fmt)
    assert response["Content-Type"].startswith(media_type)
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_shapes_catch_a_dataset_without_description(client, data):
    # The shapes really are applied: a dataset missing a mandatory property fails.
    _response, graph = _graph(client, "/catalog.ttl", "turtle")
    events = URIRef(BASE + "/catalog#events")
    graph.remove((events, ns.DCTERMS.description, None))
    conforms, _report, text = validate(graph, shacl_graph=Graph().parse(SHAPES, format="turtle"))
    assert not conforms
    assert "description" in text


def test_every_dataset_with_titles_licence_and_files(client, data):
    _response, graph = _graph(client, "/catalog.ttl", "turtle")
    catalog = URIRef(BASE + "/catalog")
    assert (catalog, ns.RDF.type, ns.DCAT.Catalog) in graph
    names = {str(graph.value(d, ns.DCTERMS.identifier)) for d in graph.objects(catalog, ns.DCAT.dataset)}
    listened = Conversation.objects.get(title="まちの未来")
    assert names == {"issues", "ideas", "events", "events-102024", "kpi-cocreation-initiatives", "startups",
                     f"listening-{listened.pk}", "public-facilities", "public-facilities-102016",
                     "public-facilities-102024"}
    assert str(ns.DCTERMS.modified) and str(graph.value(URIRef(f"{BASE}/catalog#listening-{listened.pk}"),
                                                        ns.DCTERMS.modified)).startswith("2026-11-20T09:00")
    events = URIRef(BASE + "/catalog#events")
    assert Literal("イベント一覧", lang="ja") in set(graph.objects(events, ns.DCTERMS.title))
    assert Literal("Events", lang="en") in set(graph.objects(events, ns.DCTERMS.title))
    assert (graph.value(events, ns.DCTERMS.publisher), ns.RDF.type, ns.FOAF.Agent) in graph
    assert graph.value(events, ns.DCAT.contactPoint) is not None
    assert str(graph.value(events, ns.DCTERMS.issued)).startswith("2026-11-01T09:00:00")
    files = {str(graph.value(d, ns.DCAT.downloadURL)): d for d in graph.objects(events, ns.DCAT.distribution)}
    assert set(files) == {BASE + "/opendata/events.csv", BASE + "/api/v1/events?when=all"}
    for dist in files.values():
        assert graph.value(dist, ns.DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(graph.value(files[BASE + "/opendata/events.csv"], ns.DCAT.mediaType)).endswith("/text/csv")
    # A municipality's events are placed there; the rest in the prefecture.
    takasaki = graph.value(URIRef(BASE + "/catalog#events-102024"), ns.DCTERMS.spatial)
    assert str(takasaki) == BASE + "/regions/102024/"
    assert str(graph.value(takasaki, ns.DCTERMS.identifier)) == "102024"
    facilities = URIRef(BASE + "/catalog#public-facilities-102024")
    assert {str(graph.value(d, ns.DCAT.downloadURL)) for d in graph.objects(facilities, ns.DCAT.distribution)} == {
        BASE + "/facilities/102024_public_facility.csv", BASE + "/facilities/102024_public_facility.json"}


def test_every_download_address_answers(client, data):
    _response, graph = _graph(client, "/catalog.ttl", "turtle")
    urls = {str(u) for u in graph.objects(None, ns.DCAT.downloadURL)}
    assert len(urls) == 13 + 6  # and the facilities' CSV and JSON: the prefecture's, 前橋市's and 高崎市's
    for url in urls:
        assert client.get(url.removeprefix(BASE)).status_code == 200, url


def test_jsonld_is_json_with_the_same_datasets(client, data):
    response = client.get("/catalog.jsonld")
    assert json.loads(response.content)
    jsonld = Graph().parse(data=response.content, format="json-ld")
    turtle = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    assert len(jsonld) == len(turtle)


def test_a_new_event_shows_at_once(client, data, gunma):
    first = client.get("/catalog.ttl").content
    Event.objects.create(
        kind=EventKind.objects.get(slug="seminar"), title="前橋の会", prefecture=gunma,
        municipality=Municipality.objects.get(code="102016"), starts_at=datetime(2026, 12, 9, 1, tzinfo=TOKYO),
        ends_at=datetime(2026, 12, 9, 2, tzinfo=TOKYO))
    second = client.get("/catalog.ttl").content
    assert b"events-102016" not in first
    assert b"events-102016" in second


def test_build_time_is_small(data, django_assert_max_num_queries):
    from yukemuri.opendata.catalog import graph
    started = time.perf_counter()
    with django_assert_max_num_queries(20):
        built = graph(BASE)
    assert time.perf_counter() - started < 5
    assert len(built) > 100


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_open_data_page_links_the_catalogue_and_ckan(client, data, prefix):
    page = client.get(prefix + "/opendata/").content.decode()
    for address in ('href="/catalog.ttl"', 'href="/catalog.jsonld"', 'href="/api/3/action/package_list"'):
        assert address in page


def test_issues_csv_neutralises_formulas_and_names_nobody(client, data, person, make_issue):
    make_issue(person, title="=HYPERLINK(1)")
    text = client.get("/opendata/issues.csv").getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "空き家が増えている" in text
    assert person.email not in text
    assert person.display_name not in text


def test_kpi_csv_has_the_targets(client, data):
    text = client.get("/opendata/kpi-cocreation-initiatives.csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("年度") or lines[0].startswith("Fiscal year")
    assert any(line.startswith("2025,") and ",45" in line for line in lines)
