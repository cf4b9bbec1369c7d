"""The OpenAPI document declares what the API answers, and the API keeps to it under generated input.

schemathesis is not installed (and requirements stay as they are), so a hypothesis test plays its part:
every operation gets parameters drawn from its declared schema and from junk, and must answer < 500,
with application/problem+json for every 4xx.
"""

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROBLEM = "application/problem+json"


@pytest.fixture
def schema(client, db):
    return client.get("/api/v1/openapi.json").json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_declares_its_problem_answers(schema):
    assert schema["components"]["schemas"]["Problem"]["required"] == ["title", "status"]
    seen = 0
    for path, _method, operation in operations(schema):
        seen += 1
        answers = operation["responses"]
        expected = {"200", "400"} | ({"404"} if "{" in path else set())
        assert expected <= set(answers), path
        for status in expected - {"200"}:
            assert set(answers[status]["content"]) == {PROBLEM}, (path, status)
            assert answers[status]["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}
        assert set(answers["200"]["content"]) == {"application/json"}
    assert seen >= 9


def test_declared_ranges_match_what_the_api_enforces(schema):
    params = {p["name"]: p for p in schema["paths"]["/api/v1/ideas"]["get"]["parameters"]}
    assert params["page"]["schema"]["minimum"] == 1
    assert (params["page_size"]["schema"]["minimum"], params["page_size"]["schema"]["maximum"]) == (1, 100)
    sdg = _param_schema(params["sdg"])
    assert (sdg["minimum"], sdg["maximum"]) == (1, 17)
    assert params["q"]["schema"]["maxLength"] == 100 and params["municipality"]["schema"]["maxLength"] == 6
    detail = schema["paths"]["/api/v1/ideas/{idea_id}"]["get"]["parameters"][0]["schema"]
    assert detail["minimum"] == 1 and detail["maximum"] == 2**63 - 1
    # Every integer and string parameter has a declared range or length.
    for _path, _method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            kind = _param_schema(parameter)
            if kind.get("type") == "integer":
                assert "minimum" in kind and "maximum" in kind, parameter["name"]
            elif kind.get("type") == "string":
                assert "maxLength" in kind, parameter["name"]


def _param_schema(parameter) -> dict:
    found = parameter["schema"]
    for option in found.get("anyOf", []):  # `int | None`
        if option.get("type") != "null":
            return option
    return found


JUNK = st.one_of(
    st.sampled_from(["", "abc", "-1", "0", str(10**30), "\x00", "1.5", "１", "102083", "102084", "new", "all",
                     "2026-06-03", "%", "' OR 1=1 --", "\u202e", "a" * 300]),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)


def _value(parameter):
    kind = _param_schema(parameter)
    if kind.get("type") == "integer":
        lo, hi = kind.get("minimum", -(10**6)), kind.get("maximum", 10**6)
        declared = st.integers(min_value=lo, max_value=min(hi, lo + 10**4)).map(str)
        return st.one_of(declared, st.sampled_from([str(hi), str(hi + 1), str(lo - 1)]), JUNK)
    return JUNK


@st.composite
def requests(draw, schema):
    path, _method, operation = draw(st.sampled_from(list(operations(schema))))
    query = {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            value = draw(_value(parameter))
            path = path.replace("{" + parameter["name"] + "}", quote(value, safe=""))
        elif draw(st.booleans()):
            query[parameter["name"]] = draw(_value(parameter))
    if draw(st.integers(0, 9)) == 0:
        query["unknown_param"] = "1"
    return path, query


def test_generated_requests_never_fail(client, schema, make_idea, make_issue, person):
    issue = make_issue(person, sdg_numbers=[11])
    make_idea(person, issue_ids=[issue.pk], sdg_numbers=[11])
    client.raise_request_exception = False

    @settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(requests(schema))
    def check(request):
        path, query = request
        response = client.get(path, query)
        assert response.status_code < 500, (path, query, response.content[:300])
        if response.status_code >= 400:
            assert response["Content-Type"] == PROBLEM, (path, query)
            body = response.json()
            assert body["status"] == response.status_code and body["title"]
        else:
            assert re.match(r"application/json", response["Content-Type"])

    check()
