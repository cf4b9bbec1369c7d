"""schemathesis holds the read API to its OpenAPI document (/api/v1/openapi.json).

It generates requests for every operation from the document — schema-valid ones and invalid ones, boundary values,
the document's examples, methods the address does not serve — and sends them in-process to the WSGI application that
production runs, against a database with some data. Every answer must: be no 5xx; have a status code and a content
type that the document declares for the operation (RFC 9457 problem details, application/problem+json, for each
4xx); match the declared schema; refuse (4xx) whatever the document calls invalid; and answer 405 with an Allow
header for methods the address does not serve.

Left out: `positive_data_acceptance`. A value of the declared form can name nothing — an area id or a municipality
code that no area or municipality has, a prefecture that is not loaded, a page past the last — and the API answers
those 400, as the document says.
"""

import json

import pytest
import schemathesis
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
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.services import idea_support
from yukemuri.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance, negative_data_rejection, unsupported_method]

# The document as the API serves it (test_the_served_document_is_the_one_tested): loaded when the tests are
# collected, before any database exists, so from the API object rather than through a request.
DOCUMENT = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.app = application
schema.config.generation.update(deterministic=True)  # the same requests on every run: a failure is reproducible


@pytest.fixture
def api_data(person, other_person, make_issue, make_idea):
    """A few published posts, supports and events, so lists and details answer 200 with real rows."""
    issue = make_issue(person, sdg_numbers=[11], theme_names=["空き家"])
    other = make_issue(person, title="交通が不便", code="104434", sdg_numbers=[9])
    idea = make_idea(person, issue_ids=[issue.pk, other.pk], sdg_numbers=[11, 8])
    make_idea(other_person, title="村の会議", code="104434", issue_ids=[other.pk])
    idea_support(idea=idea, person=other_person)
    by = organiser()
    make_event(by)
    make_event(by, days=-30, kind="seminar", capacity=None)
    # Django's test client keeps the test's connection (and its transaction) across requests; a WSGI call would
    # close it at the end of each request. Do what the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_to_its_document(case, api_data):
    case.call_and_validate(checks=CHECKS)
