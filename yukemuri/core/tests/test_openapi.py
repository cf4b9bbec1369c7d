"""The OpenAPI document declares what the API answers: problem details for the 4xx, ranges, lengths and choices
for the parameters. That the API keeps to it under generated input is test_api_schema.py's (schemathesis)."""

import pytest

from yukemuri.events.forms import EventFilterForm
from yukemuri.ideas.models import Stage
from yukemuri.issues.models import Issue

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


def test_declared_choices_are_the_forms(schema):
    def enum(path, name):
        params = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        return params[name]["schema"]["enum"]

    assert enum("/api/v1/ideas", "stage") == ["", *Stage.values]
    assert enum("/api/v1/issues", "status") == ["", *Issue.Status.values]
    assert enum("/api/v1/ideas", "sort") == enum("/api/v1/issues", "sort") == ["", "new", "supported"]
    assert enum("/api/v1/events", "when") == ["", *(value for value, _label in EventFilterForm.base_fields["when"].choices)]
    prefecture = schema["paths"]["/api/v1/municipalities"]["get"]["parameters"][0]
    assert prefecture["schema"]["pattern"] == "^([0-9]{2}|[0-9]{6})?$" and prefecture["example"] == "10"
