"""The NGSI-LD API by hand: queries by type, id, q, attrs and geo, paging and counting, representations and
@context, types and attributes, and problem details for every kind of bad request."""

import json

import pytest

from yukemuri.facilities.models import PublicFacility

URL = "/ngsi-ld/v1/entities"
LD = {"HTTP_ACCEPT": "application/ld+json"}


def get(client, path=URL, **params):
    headers = {k: params.pop(k) for k in list(params) if k.startswith("HTTP_")}
    return client.get(path, params, **headers)


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [e["id"] for e in response.json()]


def test_query_by_type_normalized_with_the_context_in_a_link_header(client, ngsi_data):
    response = get(client, type="PublicFacility", limit="100")
    assert response["Content-Type"] == "application/json"
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in response["Link"]
    found = response.json()
    assert len(found) == 6
    office = next(e for e in found if e["name"]["value"] == "群馬県庁")
    assert office["type"] == "PublicFacility" and office["id"].startswith("urn:ngsi-ld:PublicFacility:")
    assert office["location"] == {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [139.0604, 36.3907]}}
    assert office["address"]["value"]["streetAddress"] == "群馬県前橋市大手町1-1-1"
    assert office["openingHoursSpecification"]["value"][0]["dayOfWeek"][0] == "Monday"
    assert "@context" not in office


def test_json_ld_puts_the_context_in_each_entity(client, ngsi_data):
    response = get(client, type="Event", **LD)
    assert response["Content-Type"] == "application/ld+json" and "Link" not in response
    (event,) = response.json()
    assert event["@context"].endswith("/ngsi-ld/v1/jsonldContexts/yukemuri.jsonld")
    assert event["startDate"]["value"] == {"@type": "DateTime", "@value": "2026-12-05T00:30:00Z"}
    context = client.get("/ngsi-ld/v1/jsonldContexts/yukemuri.jsonld").json()["@context"]
    assert context[0]["PublicFacility"] == "https://uri.etsi.org/ngsi-ld/default-context/PublicFacility"


def test_get_by_id_key_values_and_attrs(client, ngsi_data):
    idea = ngsi_data["idea"]
    urn = f"urn:ngsi-ld:Idea:{idea.pk}"
    entity = client.get(f"{URL}/{urn}").json()
    assert entity["refRegionalIssue"] == {"type": "Relationship",
                                          "object": f"urn:ngsi-ld:RegionalIssue:{ngsi_data['issue'].pk}"}
    assert "author" not in json.dumps(entity) and ngsi_data["idea"].author.display_name not in json.dumps(entity)
    simple = get(client, f"{URL}/{urn}", options="keyValues", attrs="name,sdgs").json()
    assert simple == {"id": urn, "type": "Idea", "name": "空き家活用スタートアップ", "sdgs": [11]}
    missing = client.get(f"{URL}/urn:ngsi-ld:Idea:999999")
    assert missing.status_code == 404
    assert missing.json()["type"] == "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound"
    assert client.get(f"{URL}/not a uri").json()["type"].endswith("/BadRequestData")


def test_q_comparisons_and_logic(client, ngsi_data):
    def names(**params):
        return sorted(e["name"] for e in get(client, options="keyValues", limit="1000", **params).json())

    assert names(type="PublicFacility", q='category=="庁舎"') == ["前橋市役所", "群馬県庁", "高崎市役所"]
    assert names(type="PublicFacility", q='category=="庁舎";municipalityCode=="102024"') == ["高崎市役所"]
    assert names(type="PublicFacility", q='(category=="図書館"|category=="美術館");publisherCode==100005') == [
        "群馬県立図書館", "群馬県立近代美術館"]
    assert names(type="Event", q="maximumAttendeeCapacity>39") == ["DXセミナー"]
    assert names(type="Event", q="maximumAttendeeCapacity>40") == []
    assert names(type="Event", q="startDate>=2026-12-05T00:00:00Z;startDate<2026-12-06T00:00:00Z") == ["DXセミナー"]
    assert names(type="RegionalIssue", q='address.addressLocality=="高崎市"') == ["バスが少ない"]
    assert names(type="RegionalIssue,Idea", q="municipalityCode==102083") == ["空き家が増えている", "空き家活用スタートアップ"]
    assert names(type="Idea", q="sdgs==11") == ["空き家活用スタートアップ"]
    assert names(type="PublicFacility", q="name~=県立.*館") == ["群馬県立図書館", "群馬県立歴史博物館", "群馬県立近代美術館"]
    # attributes that are no column are checked on the entities: still right
    assert names(type="PublicFacility", q='contactPoint[telephone]=="027-224-1111"') == ["前橋市役所"]
    assert names(type="KeyPerformanceIndicator", q='localId=="cocreation-initiatives"') != []
    assert names(type="Event", q="noSuchAttribute==1") == []


def test_geo_near_and_within(client, ngsi_data):
    def names(**params):
        return sorted(e["name"] for e in get(client, options="keyValues", limit="1000", **params).json())

    near_office = {"georel": "near;maxDistance==500", "geometry": "Point", "coordinates": "[139.0604,36.3907]"}
    assert names(type="PublicFacility", **near_office) == ["前橋市役所", "群馬県庁"]  # 300 m apart
    # 群馬の森, about 8 km from 高崎市役所: both museums, nothing else
    forest = "[[[139.09,36.32],[139.11,36.32],[139.11,36.33],[139.09,36.33],[139.09,36.32]]]"
    assert names(type="PublicFacility", georel="within", geometry="Polygon", coordinates=forest) == [
        "群馬県立歴史博物館", "群馬県立近代美術館"]
    # Issues stand at their municipality's centre; a geo-query without type reaches every type with a location
    takasaki = {"georel": "near;maxDistance==100", "geometry": "Point", "coordinates": "[139.003,36.322]"}
    assert names(**takasaki) == ["DXセミナー", "バスが少ない", "高崎市役所"]
    assert names(type="PublicFacility", georel="near;minDistance==20000", geometry="Point",
                 coordinates="[139.0604,36.3907]") == []


def test_paging_and_count(client, ngsi_data):
    response = get(client, type="PublicFacility", limit="2", offset="1", count="true")
    assert response["NGSILD-Results-Count"] == "6" and len(response.json()) == 2
    everything = ids(get(client, type="PublicFacility", limit="100"))
    assert ids(response) == everything[1:3]
    only_count = get(client, type="PublicFacility,Event", limit="0", count="true")
    assert only_count.json() == [] and only_count["NGSILD-Results-Count"] == "7"
    across = ids(get(client, type="PublicFacility,Event", limit="3", offset="5"))
    assert across == [*everything[5:], f"urn:ngsi-ld:Event:{ngsi_data['event'].pk}"]


def test_geojson(client, ngsi_data):
    response = get(client, type="PublicFacility", q='name=="群馬県庁"', HTTP_ACCEPT="application/geo+json")
    assert response["Content-Type"] == "application/geo+json"
    (feature,) = response.json()["features"]
    assert feature["geometry"]["coordinates"] == [139.0604, 36.3907] and feature["properties"]["type"] == \
        "PublicFacility"


def test_types_and_attributes(client, ngsi_data):
    types = client.get("/ngsi-ld/v1/types").json()
    assert types["type"] == "EntityTypeList"
    assert set(types["typeList"]) == {"Event", "PublicFacility", "RegionalIssue", "Idea", "KeyPerformanceIndicator"}
    info = client.get("/ngsi-ld/v1/types/PublicFacility").json()
    assert info["entityCount"] == 6 and {"attributeName": "location", "attributeTypes": ["GeoProperty"]}.items() \
        <= next(a for a in info["attributeDetails"] if a["attributeName"] == "location").items()
    assert client.get("/ngsi-ld/v1/types/Nothing").status_code == 404
    assert "refRegionalIssue" in client.get("/ngsi-ld/v1/attributes").json()["attributeList"]
    location = client.get("/ngsi-ld/v1/attributes/location").json()
    assert location["attributeCount"] == 6 + 1 + 2 + 1  # facilities, the event, issues and the idea (municipality)
    details = client.get("/ngsi-ld/v1/types", {"details": "true"}).json()
    assert {d["typeName"] for d in details} == set(types["typeList"])


def test_only_public_rows(client, ngsi_data):
    from yukemuri.core.models import Visibility

    issue = ngsi_data["other"]
    issue.visibility = Visibility.HIDDEN
    issue.save()
    assert f"urn:ngsi-ld:RegionalIssue:{issue.pk}" not in ids(get(client, type="RegionalIssue"))
    assert client.get(f"{URL}/urn:ngsi-ld:RegionalIssue:{issue.pk}").status_code == 404


@pytest.mark.parametrize("params, kind", [
    ({}, "BadRequestData"),
    ({"type": "Event", "q": "name=="}, "BadRequestData"),
    ({"type": "Event", "q": "(name==1"}, "BadRequestData"),
    ({"type": "Event", "q": "startDate>yesterday"}, "BadRequestData"),
    ({"type": "Event", "q": "maximumAttendeeCapacity>\"lots\""}, "BadRequestData"),
    ({"type": "Event", "q": "name~=(a+)+$"}, "BadRequestData"),
    ({"type": "Event", "limit": "5000"}, "BadRequestData"),
    ({"type": "Event", "limit": "0"}, "BadRequestData"),
    ({"type": "Event", "offset": "-1"}, "BadRequestData"),
    ({"type": "Event", "georel": "near", "geometry": "Point", "coordinates": "[139,36]"}, "BadRequestData"),
    ({"type": "Event", "georel": "within", "geometry": "Point", "coordinates": "[139,36]"}, "BadRequestData"),
    ({"type": "Event", "georel": "near;maxDistance==1", "geometry": "Point", "coordinates": "[999,36]"},
     "BadRequestData"),
    ({"type": "Event", "georel": "near;maxDistance==1"}, "BadRequestData"),
    ({"type": "Event", "georel": "contains", "geometry": "Point", "coordinates": "[139,36]"}, "OperationNotSupported"),
    ({"type": "Event", "options": "everything"}, "BadRequestData"),
    ({"type": "Event", "foo": "bar"}, "BadRequestData"),
])
def test_bad_requests_are_problem_details(client, ngsi_data, params, kind):
    response = get(client, **params)
    assert 400 <= response.status_code < 500
    body = response.json()
    assert body["type"] == f"https://uri.etsi.org/ngsi-ld/errors/{kind}" and body["status"] == response.status_code


def test_read_only_tenants_and_accept(client, ngsi_data):
    response = client.post(URL, "[]", content_type="application/json")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert client.get(URL, {"type": "Event"}, HTTP_NGSILD_TENANT="other").status_code == 501
    assert client.get(URL, {"type": "Event"}, HTTP_ACCEPT="text/html").status_code == 406
    assert client.get("/ngsi-ld/v1/entityOperations/upsert").status_code == 404
    assert client.get(URL, {"type": "https://uri.etsi.org/ngsi-ld/default-context/Event"}).json()[0]["type"] == "Event"


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(client, ngsi_data, django_assert_max_num_queries):
    for n in range(30):
        PublicFacility.objects.create(prefecture_id=ngsi_data["event"].prefecture_id, owner_code="100005",
                                      source_id=f"x{n}", name=f"施設{n}", latitude=36.3, longitude=139.0)
    with django_assert_max_num_queries(4):
        assert len(ids(get(client, type="PublicFacility", limit="100", count="true"))) == 36


def test_a_q_the_database_cannot_answer_is_narrowed_first_and_bounded(client, ngsi_data, monkeypatch):
    from yukemuri.ngsild import selectors

    # contactPoint is no column: the municipality term narrows in the database, the rest is checked per entity
    both = {"type": "PublicFacility", "q": 'municipalityCode=="102024";contactPoint[telephone]=="027-321-1111"',
            "options": "keyValues"}
    assert [e["name"] for e in get(client, **both).json()] == ["高崎市役所"]
    monkeypatch.setattr(selectors, "MAX_SCAN", 2)
    response = get(client, **both)  # three facilities stand in 高崎市: more than the bound
    assert response.status_code == 403 and response.json()["type"].endswith("/TooComplexQuery")
    narrow = {**both, "q": 'publisherCode=="102024";contactPoint[telephone]=="027-321-1111"'}
    assert [e["name"] for e in get(client, **narrow).json()] == ["高崎市役所"]  # one to check: within the bound
