"""The audit trail: every config.security.audit() event is a JSON log line and a database
row; administrators read every event on the audit page, a focal point those about their
country; events older than the retention period are pruned."""

import json
import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import Invitation, Membership
from api.services import api_token_create
from assessment.models import Assessment
from assessment.services import assessment_create, assessment_transition
from audit.models import AuditEvent
from audit.views import ONLY_ADMINS_AND_FOCAL_POINTS
from config.logging import JsonFormatter
from config.security import audit
from reports.models import ReportFile
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/accounts/sign-in/"
PAGE = "/en/audit/"


@pytest.fixture
def draft(senegal, pillar6):
    return assessment_create(country=senegal, round="2026", framework=pillar6)


def events(name: str):
    return list(AuditEvent.objects.filter(event=name).order_by("pk"))


# Recording.


def test_one_call_writes_the_log_line_and_the_database_row(rf, contributor_a, senegal, caplog):
    caplog.set_level(logging.INFO, logger="audit")
    request = rf.post("/en/somewhere/", REMOTE_ADDR="203.0.113.5")
    request.user = contributor_a
    audit("invitation_sent", request, country_id=senegal.pk, email="x@example.org")
    [record] = [r for r in caplog.records if r.name == "audit"]
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "invitation_sent" and line["ip"] == "203.0.113.5"
    [event] = events("invitation_sent")
    assert (event.user, event.username, event.ip) == (contributor_a, "alice", "203.0.113.5")
    assert (event.method, event.path, event.country) == ("POST", "/en/somewhere/", senegal)
    assert event.data == {"email": "x@example.org"}
    assert event.level == "INFO"


def test_text_the_database_would_refuse_is_cleaned(rf):
    request = rf.get("/en/" + "x" * 600)
    audit("access_refused", request, reason="a\x00b" * 2000, nested={"k\x00": ["\x00"]})
    [event] = events("access_refused")
    assert len(event.path) == 500
    assert event.data["reason"] == ("ab" * 2000)[:2000]
    assert event.data["nested"] == {"k": [""]}


def test_sign_ins_failed_sign_ins_and_lockouts_are_recorded(client, contributor_a):
    client.post(SIGN_IN, {"username": "alice", "password": "password"})
    client.logout()
    for _ in range(5):
        client.post(SIGN_IN, {"username": "alice", "password": "wrong"})
    assert [e.username for e in events("sign_in")] == ["alice"]
    failed = events("sign_in_failed")
    assert len(failed) == 5 and failed[0].data == {"username": "alice", "reason": "password"}
    assert failed[0].level == "WARNING"
    assert len(events("sign_in_locked_out")) == 1


def test_a_workflow_transition_is_recorded_as_its_countrys(analyst, draft, senegal):
    Assessment.objects.filter(pk=draft.pk).update(status=Assessment.Status.SUBMITTED)
    assessment_transition(assessment=draft, action_name="start_review", user=analyst)
    [event] = events("workflow_transition")
    assert event.country == senegal and event.user == analyst
    assert event.data["from_status"] == "submitted" and event.data["to_status"] == "in_review"


def test_team_changes_are_recorded_as_the_countrys(client, senegal, focal_a, contributor_a):
    client.force_login(focal_a)
    client.post(reverse("accounts:invite", args=["SEN"]),
                {"email": "new@example.org", "role": "contributor"})  # fmt: skip
    invitation = Invitation.objects.get()
    client.post(reverse("accounts:invitation_revoke", args=["SEN", invitation.pk]))
    membership = Membership.objects.get(user=contributor_a)
    client.post(reverse("accounts:membership_role", args=["SEN", membership.pk]),
                {"role": "focal_point"})  # fmt: skip
    recorded = AuditEvent.objects.filter(country=senegal).values_list("event", flat=True)
    assert set(recorded) == {"invitation_sent", "invitation_revoked", "role_changed"}
    [change] = events("role_changed")
    assert change.data == {"member": "alice", "from_role": "contributor", "to_role": "focal_point"}


def test_an_administrator_changing_an_igf_role_in_the_admin_is_recorded(client, administrator):
    analyst = make_user("nina")
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[analyst.pk])
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update({"username": "nina", "is_analyst": "on", "is_active": "on",
                 "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
                 "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})  # fmt: skip
    data.pop("groups", None), data.pop("user_permissions", None), data.pop("last_login", None)
    data.pop("date_joined", None), data.pop("password", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    [event] = events("staff_role_changed")
    assert event.data == {"member": "nina", "is_analyst": True}


def test_exports_of_unpublished_data_are_recorded_and_published_ones_are_not(
    client, contributor_a, draft, senegal, pillar6
):
    client.force_login(contributor_a)
    for name in ("assessment:workbook_download", "plans:export_csv", "scores:dashboard_csv"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 200
    recorded = events("export_unpublished")
    assert [e.data["what"] for e in recorded] == ["assessment workbook", "plan CSV", "scores CSV"]
    assert all(e.country == senegal and e.data["status"] == "draft" for e in recorded)
    published = assessment_create(country=senegal, round="2024", framework=pillar6)
    Assessment.objects.filter(pk=published.pk).update(status=Assessment.Status.PUBLISHED)
    client.get(reverse("plans:export_csv", args=[published.pk]))
    assert len(events("export_unpublished")) == 3


def test_a_comparison_export_with_unpublished_figures_is_recorded(
    client, analyst, senegal, pillar6
):
    validated = assessment_create(country=senegal, round="2024", framework=pillar6)
    Assessment.objects.filter(pk=validated.pk).update(status=Assessment.Status.VALIDATED)
    client.force_login(analyst)
    assert client.get(reverse("scores:compare_csv") + "?round=2024").status_code == 200
    [event] = events("export_unpublished")
    assert event.data["unpublished_assessments"] == 1


def test_downloading_a_report_of_an_unpublished_assessment_is_recorded(
    client, focal_a, draft, senegal, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = ReportFile.objects.create(
        kind=ReportFile.Kind.COUNTRY, assessment=draft, language="en", visibility="ministry:"
        f"{senegal.pk}", subject="s", fingerprint="f", status=ReportFile.Status.DONE,
        filename="report.pdf",
    )  # fmt: skip
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7"))
    client.force_login(focal_a)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 200
    [event] = events("report_downloaded")
    assert event.country == senegal and event.data["assessment_id"] == draft.pk


def test_api_refusals_are_recorded_once_a_minute_per_address_and_status(client, draft):
    for _ in range(3):
        response = client.get("/api/assessments/", HTTP_AUTHORIZATION="Token not-a-token")
        assert response.status_code == 401
    response = client.get(f"/api/assessments/{draft.pk}/scores/")
    assert response.status_code == 404
    recorded = events("api_refused")
    assert sorted(e.data["status"] for e in recorded) == [401, 404]
    assert all(e.level == "WARNING" for e in recorded)


def test_a_throttled_api_client_is_recorded(client, contributor_a, monkeypatch, pillar6):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "1/min")
    cache.clear()  # DRF's throttle counts
    _token, key = api_token_create(user=contributor_a, name="notebook",
                                   expires_on=timezone.localdate() + timedelta(days=30))  # fmt: skip
    statuses = [
        client.get("/api/frameworks/", HTTP_AUTHORIZATION=f"Token {key}").status_code
        for _ in range(3)
    ]
    assert statuses == [200, 429, 429]
    [event] = events("api_refused")
    assert event.data["status"] == 429 and event.username == "alice"


# The audit page.


def sample_events(senegal, ecuador, analyst):
    yesterday = timezone.now() - timedelta(days=1)
    rows = [
        ("sign_in", None, "ana", yesterday),
        ("workflow_transition", senegal, "ana", yesterday),
        ("invitation_sent", senegal, "amadou", timezone.now()),
        ("workflow_transition", ecuador, "ana", yesterday),
        ("sign_in", None, "ana", yesterday - timedelta(days=3)),
    ]
    for name, country, username, when in rows:
        AuditEvent.objects.create(event=name, level="INFO", username=username, country=country,
                                  created_at=when, ip="203.0.113.7")  # fmt: skip


def test_an_administrator_reads_yesterdays_sign_ins_and_workflow_transitions(
    client, administrator, senegal, ecuador, analyst, django_assert_max_num_queries
):
    sample_events(senegal, ecuador, analyst)
    yesterday = (timezone.now() - timedelta(days=1)).date().isoformat()
    client.force_login(administrator)
    query = f"?kinds=sign_in&kinds=workflow&since={yesterday}&until={yesterday}"
    with django_assert_max_num_queries(8):
        response = client.get(PAGE + query)
    assert response.status_code == 200
    shown = [(e.event, e.country_id) for e in response.context["page"]]
    assert sorted(shown, key=str) == sorted(
        [("sign_in", None), ("workflow_transition", senegal.pk),
         ("workflow_transition", ecuador.pk)], key=str)  # fmt: skip
    assert "203.0.113.7" in response.content.decode()


def test_a_focal_point_reads_the_events_of_their_country_only(
    client, focal_a, senegal, ecuador, analyst
):
    sample_events(senegal, ecuador, analyst)
    client.force_login(focal_a)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert {e.country_id for e in response.context["page"]} == {senegal.pk}
    assert len(response.context["page"]) == 2
    assert "203.0.113.7" not in response.content.decode()  # addresses: administrators only
    assert [c.pk for c in response.context["form"].fields["country"].queryset] == [senegal.pk]


@pytest.mark.parametrize("who", ["contributor_a", "analyst"])
def test_contributors_and_analysts_have_no_audit_page(client, request, who, senegal):
    client.force_login(request.getfixturevalue(who))
    response = client.get(PAGE)
    assert response.status_code == 403
    assert str(ONLY_ADMINS_AND_FOCAL_POINTS) in response.content.decode()


def test_the_page_is_for_signed_in_people_and_only_get(client, administrator):
    assert client.get(PAGE)["Location"].startswith(reverse("accounts:login"))
    client.force_login(administrator)
    assert client.post(PAGE).status_code == 405


def test_the_menu_shows_the_page_to_those_who_have_it(client, administrator, contributor_a):
    client.force_login(contributor_a)
    assert PAGE not in client.get(reverse("home")).content.decode()
    client.force_login(administrator)
    assert PAGE in client.get(reverse("home")).content.decode()


def test_a_reversed_date_range_is_explained(client, administrator):
    client.force_login(administrator)
    response = client.get(PAGE + "?since=2026-02-02&until=2026-01-01")
    assert "The first day must not come after the last day." in response.content.decode()
    assert len(response.context["page"]) == 0


def test_the_page_costs_the_same_queries_whatever_the_number_of_events(
    client, administrator, senegal, django_assert_max_num_queries
):
    for number in range(120):
        AuditEvent.objects.create(event="sign_in", level="INFO", username=f"u{number}",
                                  country=senegal)  # fmt: skip
    client.force_login(administrator)
    with django_assert_max_num_queries(8):
        response = client.get(PAGE + "?page=2")
    assert len(response.context["page"]) == 50


# Retention.


def test_events_older_than_two_years_are_pruned(senegal):
    old = AuditEvent.objects.create(event="sign_in", level="INFO",
                                    created_at=timezone.now() - timedelta(days=731))  # fmt: skip
    kept = AuditEvent.objects.create(event="sign_in", level="INFO",
                                     created_at=timezone.now() - timedelta(days=729))  # fmt: skip
    output = StringIO()
    call_command("prune_audit_events", stdout=output)
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert "Deleted 1 audit events older than 730 days." in output.getvalue()


def test_the_retention_is_a_setting_and_an_option(settings):
    AuditEvent.objects.create(event="sign_in", level="INFO",
                              created_at=timezone.now() - timedelta(days=40))  # fmt: skip
    settings.AUDIT_RETENTION_DAYS = 60
    call_command("prune_audit_events", stdout=StringIO())
    assert AuditEvent.objects.count() == 1
    call_command("prune_audit_events", "--days", "30", stdout=StringIO())
    assert AuditEvent.objects.count() == 0
