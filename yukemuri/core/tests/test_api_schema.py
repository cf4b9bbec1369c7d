"""schemathesis holds the read API to its OpenAPI document (/api/v1/openapi.json).

It generates requests for every operation from the document — schema-valid ones and invalid ones, boundary values,
the document's examples, methods the address does not serve — and sends them in-process to the WSGI application that
production runs, against a database with some data, in every language of the site. Every answer must: be no 5xx;
have a status code and a content type that the document declares for the operation; match the declared schema;
refuse (4xx) whatever the document calls invalid; answer 405 with an Allow header for a method the address does not
serve; and, for each 4xx, be RFC 9457 problem details (application/problem+json) whose `status` is the answer's.

Left out: `positive_data_acceptance`. A value of the declared form can name nothing — an area id or a municipality
code that no area or municipality has, a prefecture that is not loaded, a page past the last — and the API answers
those 400, as the document says.

Run alone: `.venv/bin/python -m pytest yukemuri/core/tests/test_api_schema.py` (add `-p no:logging -s` to see each
failure's curl line without Django's request log).
"""

import json
import zlib

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from yukemuri.api import api
from yukemuri.core.problem import PROBLEM_CONTENT_TYPE
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.services import idea_support
from yukemuri.wsgi import application

# The document as the API serves it (test_the_served_document_is_the_one_tested): loaded when the tests are
# collected, before any database exists, so from the API object rather than through a request.
DOCUMENT = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.app = application
schema.config.generation.update(deterministic=True)  # the same requests on every run: a failure is reproducible

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]


@schemathesis.check
def problem_details(ctx, response, case):
    """Every 4xx is RFC 9457 problem details: its `status` is the answer's, it has a title, and it says its language."""
    if 400 <= response.status_code < 500:
        assert response.headers.get("content-type") == [PROBLEM_CONTENT_TYPE], response.headers.get("content-type")
        body = response.json()
        assert body["status"] == response.status_code, body
        assert body["title"].strip(), body
        assert response.headers.get("content-language"), "no Content-Language"
    return None


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance, negative_data_rejection, unsupported_method, problem_details]


@pytest.fixture
def api_data(person, other_person, make_issue, make_idea):
    """A few published posts, supports and events, so lists and details answer 200 with real rows."""
    issue = make_issue(person, sdg_numbers=[11], theme_names=["空き家"])
    other = make_issue(person, title="交通が不便", code="104434", sdg_numbers=[9])
    idea = make_idea(person, issue_ids=[issue.pk, other.pk], sdg_numbers=[11, 8])
    make_idea(other_person, title="村の会議", code="104434", issue_ids=[other.pk])
    idea_support(idea=idea, person=other_person)
    by = organiser()
    event = make_event(by)
    make_event(by, days=-30, kind="seminar", capacity=None)
    from yukemuri.kpi.services import load_indicators

    load_indicators()  # seed 001's KPIs: /api/v1/indicators and each one's detail
    from yukemuri.space.tests.factories import make_room, make_space

    facility = make_room(make_space(issue.prefecture))  # /api/v1/facilities and a facility's hours
    from yukemuri.communities.services import community_create, link

    person.email_verified = True
    community = community_create(by=person, name="空き家の会", slug="akiya", description="**空き家**",
                                 municipality=issue.municipality)  # /api/v1/communities and one with a linked idea
    link(by=person, community=community, address=f"/ideas/{idea.pk}/")
    from yukemuri.calls.tests.factories import world

    call = world().call  # /api/v1/calls and a call's detail
    # Django's test client keeps the test's connection (and its transaction) across requests; a WSGI call would
    # close it at the end of each request. Do what the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"issue_id": issue.pk, "idea_id": idea.pk, "event_id": event.pk, "slug": "renewable-energy",
           "facility_id": facility.pk, "community_id": community.pk, "call_id": call.pk}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def language_of(case) -> str:
    """A language per request, the same on every run, so every language's messages meet generated input."""
    key = json.dumps([case.method, case.path_parameters, case.query], sort_keys=True, default=str)
    return LANGUAGES[zlib.crc32(key.encode()) % len(LANGUAGES)]


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_to_its_document(case, api_data):
    case.call_and_validate(headers={"Accept-Language": language_of(case)}, checks=CHECKS)


def test_the_served_document_is_the_one_tested(client, db):
    assert client.get("/api/v1/openapi.json").json() == DOCUMENT


# What a person or a script may put in any parameter, beside what schemathesis generates: numbers past the database's
# integers, a full-width digit, NUL, a right-to-left override, a municipality code whose check digit is wrong...
EDGE_VALUES = ["", "0", "-1", "1.5", "１", str(2**63), str(10**30), "\x00", "%", "' OR 1=1 --", "\u202e", "a" * 300,
               "102084", "null"]


def test_edge_values_and_unknown_parameters_keep_to_the_document(api_data):
    requests = 0
    for path, methods in DOCUMENT["paths"].items():
        for method, operation in methods.items():
            endpoint = schema[path][method.upper()]
            known = {name: api_data[name] for name in api_data if "{" + name + "}" in path}
            cases = [endpoint.Case(query={"unknown_parameter": "1"})] if "{" not in path else [
                endpoint.Case(path_parameters=known)]
            for parameter in operation.get("parameters", []):
                for value in EDGE_VALUES:
                    if parameter["in"] == "path":
                        cases.append(endpoint.Case(path_parameters={parameter["name"]: value}))
                    elif known:  # a query parameter of one object's address (a facility's hours)
                        cases.append(endpoint.Case(path_parameters=known, query={parameter["name"]: value}))
                    else:
                        cases.append(endpoint.Case(query={parameter["name"]: value}))
            for case in cases:
                response = case.call_and_validate(headers={"Accept-Language": language_of(case)}, checks=CHECKS)
                if "unknown_parameter" in (case.query or {}):
                    assert response.status_code == 400
                elif case.path_parameters and not case.query and set(case.path_parameters.values()) <= set(api_data.values()):
                    assert response.status_code == 200  # the rows the fixture made: the 200 answers are checked too
                requests += 1
    assert requests > 300
