"""No query string makes the NGSI-LD API fail: every answer is 200 or a problem detail of NGSI-LD's kinds."""

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARAMS = ["type", "id", "idPattern", "q", "attrs", "georel", "geometry", "coordinates", "geoproperty", "geoQ", "limit",
          "offset", "count", "options", "format", "csf", "details"]
PIECES = ["name", "category", "startDate", "maximumAttendeeCapacity", "sdgs", "address.addressLocality",
          "contactPoint[telephone]", "location", "kpiValue", "==", "!=", ">", ">=", "<", "<=", "~=", "!~=", ";", "|",
          "(", ")", '"', ",", "..", "1", "-2.5", "1e309", "true", "2026-12-05T00:00:00Z", "庁舎", "\\", "[", "]",
          "near;maxDistance==", "within", "Point", "Polygon", "[139,36]", "[[[139,36],[140,36],[140,37],[139,36]]]",
          "urn:ngsi-ld:Event:1", "Event", "PublicFacility", "keyValues", "sysAttrs", "\x00", "%", "*", "+", "{2}"]
text = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
PATHS = ["/ngsi-ld/v1/entities", "/ngsi-ld/v1/types", "/ngsi-ld/v1/attributes", "/ngsi-ld/v1/entities/",
         "/ngsi-ld/v1/types/", "/ngsi-ld/v1/attributes/"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), tail=text,
       params=st.dictionaries(st.sampled_from(PARAMS), text, max_size=6),
       accept=st.sampled_from(["", "application/json", "application/ld+json", "application/geo+json", "text/html",
                               "*/*;q=0", "application/ld+json;q=x"]))
def test_no_query_string_makes_a_500(client, ngsi_data, path, tail, params, accept):
    url = path + (tail.replace("?", "").replace("#", "") if path.endswith("/") else "")
    query = urlencode(params)
    response = client.get(url + ("?" + query if query else ""), HTTP_ACCEPT=accept)
    assert response.status_code in (200, 400, 403, 404, 406, 422, 501), response.content[:300]
    if response.status_code != 200:
        assert response.json()["type"].startswith("https://uri.etsi.org/ngsi-ld/errors/")
