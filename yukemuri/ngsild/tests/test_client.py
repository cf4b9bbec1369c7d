"""The API as a real NGSI-LD client sees it: ngsildclient (the Python client of Orion-LD, Scorpio and Stellio)
against a live server — connect, count, query by type, q and geo, get by id."""

import pytest
from ngsildclient import Client

from yukemuri.facilities.models import PublicFacility


def name(entity) -> str:
    return entity.to_dict()["name"]["value"]


@pytest.fixture
def ngsi(live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    with Client(hostname=host, port=int(port), verbose=False) as client:
        yield client


@pytest.mark.django_db(transaction=True)
def test_ngsildclient_queries(ngsi, ngsi_data):
    assert ngsi.is_connected()
    assert ngsi.count(type="PublicFacility") == 6
    facilities = ngsi.query(type="PublicFacility", limit=4)  # two pages of four
    assert len(facilities) == 6 and {name(e) for e in facilities} >= {"群馬県庁", "高崎市役所"}
    offices = ngsi.query(type="PublicFacility", q='category=="庁舎";publisherCode=="102016"')
    assert [name(e) for e in offices] == ["前橋市役所"]
    near = ngsi.query(type="PublicFacility",
                      gq="georel=near;maxDistance==500&geometry=Point&coordinates=[139.0604,36.3907]")
    assert sorted(name(e) for e in near) == ["前橋市役所", "群馬県庁"]
    office = PublicFacility.objects.get(name="群馬県庁")
    entity = ngsi.get(f"urn:ngsi-ld:PublicFacility:{office.pk}")
    assert entity.id == f"urn:ngsi-ld:PublicFacility:{office.pk}" and entity.type == "PublicFacility"
    assert entity["address.value.streetAddress"] == "群馬県前橋市大手町1-1-1"
    assert entity["location.value.coordinates"] == [139.0604, 36.3907]
    idea = ngsi.get(f"urn:ngsi-ld:Idea:{ngsi_data['idea'].pk}")
    assert idea["refRegionalIssue.object"] == f"urn:ngsi-ld:RegionalIssue:{ngsi_data['issue'].pk}"
    assert not ngsi.exists("urn:ngsi-ld:Idea:999999")
    assert ngsi.types.list() is not None
