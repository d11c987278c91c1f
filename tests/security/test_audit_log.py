"""Structured logs: who signed in or failed to, who was refused what, which workflow step."""

import json
import logging

import pytest
from django.urls import reverse

from assessment.models import Assessment
from assessment.services import assessment_create, assessment_transition
from config.logging import JsonFormatter

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/accounts/sign-in/"


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="audit")

    def events(name):
        return [r for r in caplog.records if r.name == "audit" and r.event == name]

    return events


def test_a_sign_in_is_logged_with_the_user_and_address(client, contributor_a, audit_log):
    client.post(SIGN_IN, {"username": "alice", "password": "password"})
    [record] = audit_log("sign_in")
    assert record.user == "alice"
    assert record.user_id == contributor_a.pk
    assert record.ip == "127.0.0.1"
    assert record.levelno == logging.INFO


def test_a_failed_sign_in_is_logged_as_a_warning_without_the_password(
    client, contributor_a, audit_log
):
    client.post(SIGN_IN, {"username": "alice", "password": "s3cret-guess"})
    [record] = audit_log("sign_in_failed")
    assert record.username == "alice"
    assert record.reason == "password"
    assert record.levelno == logging.WARNING
    assert "s3cret-guess" not in JsonFormatter().format(record)


def test_a_lockout_is_logged(client, contributor_a, audit_log):
    for _ in range(5):
        client.post(SIGN_IN, {"username": "alice", "password": "wrong"})
    [record] = audit_log("sign_in_locked_out")
    assert record.username == "alice"


def test_a_sign_out_is_logged(client, contributor_a, audit_log):
    client.force_login(contributor_a)
    client.post(reverse("accounts:logout"))
    [record] = audit_log("sign_out")
    assert record.user == "alice"
    assert record.reason == "user"


def test_a_refused_action_is_logged_with_its_reason(client, contributor_a, senegal, audit_log):
    client.force_login(contributor_a)
    response = client.get(reverse("accounts:invite", args=["SEN"]))
    assert response.status_code == 403
    [record] = audit_log("access_refused")
    assert record.user == "alice"
    assert record.status == 403
    assert record.path == "/en/accounts/team/SEN/invite/"
    assert "focal point" in record.reason
    assert record.levelno == logging.WARNING


def test_another_countrys_assessment_is_logged_as_not_found(
    client, focal_b, senegal, pillar6, audit_log
):
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6)
    client.force_login(focal_b)
    assert client.get(assessment.get_absolute_url()).status_code == 404
    [record] = audit_log("access_not_found")
    assert record.user == "beatriz"
    assert record.path == assessment.get_absolute_url()


def test_a_workflow_transition_is_logged(analyst, senegal, pillar6, audit_log):
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    assessment_transition(assessment=assessment, action_name="start_review", user=analyst)
    [record] = audit_log("workflow_transition")
    assert (record.assessment_id, record.action) == (assessment.pk, "start_review")
    assert (record.from_status, record.to_status) == ("submitted", "in_review")
    assert record.user == "ana"


def test_records_are_written_as_one_json_object_per_line():
    record = logging.LogRecord("audit", logging.WARNING, __file__, 1, "sign in failed", (), None)
    record.event, record.username = "sign_in_failed", "alice"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "audit"
    assert entry["message"] == "sign in failed"
    assert (entry["event"], entry["username"]) == ("sign_in_failed", "alice")
    assert entry["time"].endswith("+00:00")


def test_gunicorn_access_lines_become_named_json_fields():
    atoms = {"h": "127.0.0.1", "m": "GET", "U": "/en/compare/", "q": "round=2024",
             "s": "200", "B": 5120, "M": 42, "a": 'Mozilla \\"5\\"', "f": "-"}  # fmt: skip
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(r)s"', (atoms,), None
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "request"
    assert entry["method"] == "GET"
    assert entry["path"] == "/en/compare/"
    assert entry["status"] == 200
    assert entry["duration_ms"] == 42
    assert entry["user_agent"] == 'Mozilla "5"'
    assert "referer" not in entry


def test_exceptions_keep_their_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]
