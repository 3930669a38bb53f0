"""Schemathesis calls every documented operation with generated values, valid and not, through the WSGI app on the
Denmark data: no answer is a server error, and every answer's status, media type and body are as documented."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from initiatives.api.schema import SCHEMA_FILE

# The coverage phase tries each filter's boundaries and every enum value: about 200 requests an operation for the
# list's thirteen filters. The list's addresses read them with the same FilterSet, so it runs on the JSON one;
# the CSVs and the page (which also counts the facets) get the random examples only.
CONFIG = schemathesis.Config.from_str(
    """
[[operations]]
include-path = [
    "/initiatives.csv", "/initiatives/figures.csv", "/initiatives/funding.csv", "/initiatives/awards.csv", "/initiatives/"
]
phases.coverage.enabled = false
"""
)
schema = schemathesis.openapi.from_path(SCHEMA_FILE, config=CONFIG)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
APP = WSGIHandler()
# The WSGI test client does not undo compression, so ask for none.
HEADERS = {"Host": "testserver", "Accept-Encoding": "identity"}


@pytest.fixture
def connection_kept():
    """The WSGI app closes the database connection after each request, as a server must; the test's transaction
    lives on that connection, so here, as in Django's test client, it is kept open."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_generated_requests_get_documented_answers_and_never_a_server_error(case, denmark, connection_kept):
    case.call_and_validate(app=APP, checks=CHECKS, headers=HEADERS)
