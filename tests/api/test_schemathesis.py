"""Schemathesis against the API: requests generated from the OpenAPI schema (valid and
invalid), sent through the WSGI application with the small world of conftest.py loaded.
Every answer must be documented (status, content type, body schema) and none a 5xx.

The WSGI requests run in the test's thread on the test's database connection, as Django's
test client arranges: `close_old_connections` is detached from the request signals (the
client does the same), so the uncommitted fixture is visible and no flush is needed.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application

EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    database=None,  # leave no .hypothesis/ directory behind
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def test_connection_for_wsgi():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The schema is generated without touching the database, so it loads at collection time.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture(autouse=True)
def no_throttling(monkeypatch):
    """Hundreds of requests a minute: the throttles would answer most of them 429."""
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", None)
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", None)


@pytest.fixture
def analyst_token(analyst, token_of) -> str:
    return token_of(analyst)


def excluded_checks(case) -> list:
    """A well-formed comparison naming no framework, version or saved group is refused with
    a 400 naming the parameter (by design), where this check expects any schema-valid
    request to be accepted."""
    return [positive_data_acceptance] if case.path == "/api/comparison/" else []


# The WSGI client asks for gzip but does not decompress: ask for plain answers here
# (compression is tested in tests/core/test_compression.py).
PLAIN = {"Accept-Encoding": "identity"}


@schema.parametrize()
@EXAMPLES
def test_anonymous_callers_get_only_documented_answers(case, world, test_connection_for_wsgi):
    case.call_and_validate(headers=PLAIN, excluded_checks=excluded_checks(case))


@schema.parametrize()
@EXAMPLES
def test_an_analyst_with_a_token_gets_only_documented_answers(
    case, world, analyst_token, test_connection_for_wsgi
):
    headers = {**PLAIN, "Authorization": f"Token {analyst_token}"}
    case.call_and_validate(headers=headers, excluded_checks=excluded_checks(case))


@pytest.mark.parametrize("person", [None, "focal_a", "focal_b", "analyst"])
def test_every_real_answer_conforms_to_the_schema(
    world, request, person, token_of, test_connection_for_wsgi
):
    """Generated numbers rarely name a real assessment: every one of the world's is asked
    for here, with every grouping of the comparison, as each role."""
    headers = dict(PLAIN)
    if person:
        headers["Authorization"] = f"Token {token_of(request.getfixturevalue(person))}"
    cases = [
        schema["/api/assessments/{id}/scores/"]["GET"].Case(path_parameters={"id": a.pk})
        for a in world.values()
    ]
    cases += [
        schema["/api/comparison/"]["GET"].Case(
            query={"framework": "mpf-pillar-6", "group": group, "include_drafts": "true"}
        )
        for group in ["m49", "subregion", "igf"]
    ]
    cases.append(schema["/api/assessments/"]["GET"].Case(query={"include_drafts": "true"}))
    for case in cases:
        case.call_and_validate(headers=headers, excluded_checks=excluded_checks(case))
