"""/map/ and /api/v1/map (issue 20): layers, filters, bad parameters, boundaries and their credit."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from yukemuri.regions.loader import N03_CREDIT, load_boundaries
from yukemuri.regions.models import Boundary, Municipality

GUNMA = Path(__file__).resolve().parents[2] / "regions" / "data" / "gunma"
SHIBUKAWA, MAEBASHI, TAKASAKI, KATASHINA = "102083", "102016", "102024", "104434"


@pytest.fixture
def outlines(gunma):
    load_boundaries(GUNMA / "boundaries.geojson")


def _m(code):
    return Municipality.objects.get(code=code)


def _page(client, **params):
    return client.get("/en/map/", params)


def test_boundaries_of_all_35_municipalities_are_loaded_once(gunma):
    assert load_boundaries(GUNMA / "boundaries.geojson") == 35
    assert Boundary.objects.count() == 35 == Municipality.objects.filter(prefecture=gunma).count()
    assert set(Boundary.objects.values_list("municipality__code", flat=True)) == set(
        Municipality.objects.values_list("code", flat=True))
    assert load_boundaries(GUNMA / "boundaries.geojson") == 0  # loading again changes nothing
    assert Boundary.objects.get(municipality__code=MAEBASHI).source == N03_CREDIT


def test_load_prefecture_loads_the_bundled_boundaries(db):
    from django.core.management import call_command

    call_command("load_prefecture", "gunma")
    assert Boundary.objects.count() == 35


def test_boundaries_of_an_unloaded_prefecture_are_refused(gunma, tmp_path):
    from yukemuri.regions.loader import RegionDataError

    path = tmp_path / "tochigi.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"N03_007": "09201"},'
                    ' "geometry": {"type": "Polygon", "coordinates": [[[139.8, 36.5], [139.9, 36.5], [139.9, 36.6],'
                    ' [139.8, 36.5]]]}}]}', encoding="utf-8")
    with pytest.raises(RegionDataError, match="092011"):
        load_boundaries(path)
    assert not Boundary.objects.exists()


def test_map_draws_every_municipality_with_a_named_link_and_the_credit(client, outlines, person, make_issue):
    make_issue(person, title="広域の公共交通", municipalities=[_m(MAEBASHI)])
    make_issue(person, title="印のある課題", code=KATASHINA, point=(36.8, 139.2))
    response = _page(client)
    assert response.status_code == 200
    page = response.content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<path") == 35
    assert len(re.findall(r'<a href="[^"]*municipality=\d{6}" aria-label="[^"]+"', svg)) == 35
    assert 'aria-label="印のある課題"' in svg and "state-open" in svg  # a marker, with a class by state
    assert N03_CREDIT in page
    counts = response.context["map"].counts
    assert counts == {SHIBUKAWA: 1, MAEBASHI: 1}  # the marked issue is a dot, not a number
    groups = {group.code: [item.title for item, _anchor in group.items] for group in response.context["map"].groups}
    assert groups[MAEBASHI] == ["広域の公共交通"] and groups[KATASHINA] == ["印のある課題"]
    assert 'id="issues-' in page and 'id="map-list"' in page


def test_an_official_answer_shows_on_the_map_its_list_and_the_api(client, outlines, person, make_issue):
    """公式回答 on the map: the marker's name and class, a badge in the list (in words), the API's property."""
    from yukemuri.issues.models import AnswerState
    from yukemuri.issues.services import answer_issue
    from yukemuri.people.tests.factories import PersonFactory

    answered = make_issue(person, title="答えのある課題", code=KATASHINA, point=(36.8, 139.2))
    make_issue(person, title="まだの課題", code=KATASHINA, point=(36.81, 139.21))
    answer_issue(issue=answered, by=PersonFactory(is_staff=True), state=AnswerState.IN_PROGRESS, body="進めています。")
    page = _page(client).content.decode()
    assert 'aria-label="答えのある課題 (Official answer: In progress)"' in page and "answer-in_progress" in page
    assert 'aria-label="まだの課題"' in page
    listed = page[page.index('id="map-list"'):]
    assert "Official answer: In progress" in re.sub(r"<[^>]+>", "", listed)  # said in words (the prefix hidden visually)
    features = {f["properties"]["title"]: f["properties"] for f in client.get("/api/v1/map").json()["features"]
                if "title" in f["properties"]}  # the others are the boundaries
    assert features["答えのある課題"]["answer"] == "in_progress" and features["まだの課題"]["answer"] is None


@pytest.mark.parametrize("layer", ["issues", "ideas", "events", "help", "facilities"])
def test_every_layer_answers(client, outlines, layer):
    response = _page(client, layer=layer)
    assert response.status_code == 200 and response.context["layer"] == layer
    api = client.get("/api/v1/map", {"layer": layer})
    assert api.status_code == 200
    body = api.json()
    assert body["type"] == "FeatureCollection" and body["layer"] == layer
    assert sum(f["properties"]["kind"] == "municipality" for f in body["features"]) == 35


def test_filters_apply_to_the_layer(client, outlines, person, make_issue, make_idea):
    make_issue(person, title="渋川の課題", sdg_numbers=[11], theme_names=["交通"])
    make_issue(person, title="片品の課題", code=KATASHINA, sdg_numbers=[3])
    resolved = make_issue(person, title="解決した課題", code=TAKASAKI, sdg_numbers=[11])
    resolved.status = "resolved"
    resolved.save()
    make_idea(person, title="前橋も関わる案", code=KATASHINA, municipalities=[_m(MAEBASHI)])

    def titles(**params):
        return sorted(item.title for item in _page(client, **params).context["map"].items)

    assert titles(sdg=11) == ["渋川の課題", "解決した課題"]
    assert titles(sdg=11, status="resolved") == ["解決した課題"]
    assert titles(theme="交通") == ["渋川の課題"]
    assert titles(municipality=KATASHINA) == ["片品の課題"]
    assert titles(area=_m(TAKASAKI).area_id) == ["解決した課題"]
    assert titles(layer="ideas", municipality=MAEBASHI) == ["前橋も関わる案"]
    assert titles(layer="ideas", stage="team") == []
    api = client.get("/api/v1/map", {"layer": "ideas", "municipality": MAEBASHI}).json()
    idea = next(f for f in api["features"] if f["properties"]["kind"] == "ideas")
    assert idea["geometry"] is None and idea["properties"]["also_concerns"] == [MAEBASHI]
    maebashi = next(f for f in api["features"] if f["properties"].get("code") == MAEBASHI)
    assert maebashi["properties"]["count"] == 1 and maebashi["geometry"]["type"] == "MultiPolygon"


def test_points_of_help_requests_events_and_facilities(client, outlines, gunma):
    from yukemuri.events.models import Event, EventKind
    from yukemuri.facilities.models import PublicFacility

    PublicFacility.objects.create(prefecture=gunma, municipality=_m(MAEBASHI), owner_code=MAEBASHI, source_id="1",
                                  name="前橋市役所", latitude=36.3895, longitude=139.0634)
    PublicFacility.objects.create(prefecture=gunma, municipality=_m(TAKASAKI), owner_code=TAKASAKI, source_id="2",
                                  name="位置のない施設")
    start = timezone.now() + timedelta(days=3)
    Event.objects.create(title="前橋の集い", kind=EventKind.objects.exclude(slug="help").first(), starts_at=start,
                         ends_at=start + timedelta(hours=2), municipality=_m(MAEBASHI), latitude=36.39,
                         longitude=139.06)
    facilities = _page(client, layer="facilities")
    assert [m.item.title for m in facilities.context["map"].markers] == ["前橋市役所"]
    assert facilities.context["map"].counts == {TAKASAKI: 1}
    events = client.get("/api/v1/map", {"layer": "events"}).json()
    point = next(f for f in events["features"] if f["properties"]["kind"] == "events")
    assert point["geometry"] == {"type": "Point", "coordinates": [139.06, 36.39]}


@pytest.mark.parametrize("params, field", [
    ({"layer": "volcanoes"}, "layer"), ({"municipality": "102084"}, "municipality"),
    ({"municipality": "999999"}, "municipality"), ({"sdg": "18"}, "sdg"), ({"area": "abc"}, "area"),
    ({"status": "lost"}, "status"), ({"theme": "x" * 41}, "theme"),
])
def test_bad_parameters_answer_400_with_a_message(client, outlines, params, field):
    page = _page(client, **params)
    assert page.status_code == 400 and field in page.context["form"].errors
    assert "The map cannot be shown with these filters" in page.content.decode()
    api = client.get("/api/v1/map", params, HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 400 and api["Content-Type"] == "application/problem+json"
    problem = api.json()
    assert problem["status"] == 400 and problem["errors"], problem


def test_api_refuses_unknown_parameters(client, outlines):
    answer = client.get("/api/v1/map", {"layers": "issues"})
    assert answer.status_code == 400 and answer.json()["errors"][0]["parameter"] == "layers"


def test_bad_layer_message_names_the_layers(client, outlines):
    problem = client.get("/api/v1/map", {"layer": "volcanoes"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert "issues, ideas, events, help or facilities" in problem["errors"][0]["detail"]


def test_map_without_boundaries_still_lists(client, person, make_issue):
    make_issue(person, title="境界なしの課題")
    response = _page(client)
    assert response.status_code == 200 and not response.context["map"].drawn
    assert "境界なしの課題" in response.content.decode()


def test_projected_boundaries_are_memoised(client, outlines):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yukemuri.maps import projection

    _page(client)
    assert projection._memo
    with CaptureQueriesContext(connection) as queries:
        from yukemuri.maps.selectors import layer_map
        layer_map("facilities", {})
    assert not any("regions_boundary" in q["sql"] for q in queries)


def test_projection_keeps_points_inside_the_frame(outlines):
    from yukemuri.maps.projection import WIDTH
    from yukemuri.maps.selectors import layer_map

    found = layer_map("issues", {})
    assert 0 < found.height < 2 * WIDTH
    for region in found.regions:
        assert 0 <= region.label_x <= WIDTH and 0 <= region.label_y <= found.height
