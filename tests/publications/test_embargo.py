"""Scheduled publication (embargo): before its time an assessment leaves no trace for a
signed-out visitor or another country's user, in pages, API, exports and the comparison;
the task queue publishes it on time, once, and it can be cancelled. The clock is driven by
patching django.utils.timezone.now."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment, NotificationPreference, PendingNotification, Transition
from audit.models import AuditEvent
from publications import scheduling
from publications.models import ScheduledPublication
from publications.scheduling import (
    IN_THE_PAST,
    publication_cancel,
    publication_schedule,
    publish_due,
)
from publications.tasks import publish_scheduled
from tests.security.test_non_interference import VOLATILE, _xlsx_text

from .conftest import Status, make_assessment

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
TOMORROW = NOW + timedelta(days=1)


@pytest.fixture
def clock(monkeypatch):
    """The time as the application reads it; `clock.now = ...` moves it."""

    class Clock:
        now = NOW

    monkeypatch.setattr(timezone, "now", lambda: Clock.now)
    return Clock


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def embargoed(five_countries, pillar6, analyst, clock, django_capture_on_commit_callbacks):
    """Ecuador 2024, validated, scheduled for publication tomorrow."""
    ecuador = make_assessment(pillar6, "ECU", "2024", Status.VALIDATED,
                              {"6.1": 4, "6.2": 4, "6.3": 4})  # fmt: skip
    ecuador.responses.update(justification="Embargoed justification of Ecuador")
    with django_capture_on_commit_callbacks(execute=True):
        publication_schedule(user=analyst, assessment=ecuador, publish_at=TOMORROW)
    return ecuador


def observed_urls(assessment) -> list[str]:
    pk, iso3, round_ = assessment.pk, assessment.country.iso3, assessment.round
    return [
        reverse("publications:landing"),
        reverse("publications:country", args=[iso3]),
        reverse("publications:assessment", args=[iso3, round_]),
        reverse("publications:dashboard", args=[iso3, round_]),
        reverse("publications:editions", args=[iso3, round_]),
        reverse("countries:list"),
        reverse("countries:detail", args=[iso3]),
        reverse("countries:list") + "?q=ecu",
        reverse("scores:compare") + "?round=2024",
        reverse("scores:compare_csv") + "?round=2024",
        reverse("scores:compare_xlsx") + "?round=2024",
        reverse("scores:dashboard", args=[pk]),
        reverse("scores:dashboard_csv", args=[pk]),
        f"/api/assessments/{pk}/scores/",
        "/api/assessments/?country=ECU",
        "/api/comparison/?framework=mpf-pillar-6&round=2024&group=m49",
        reverse("publications:open_data_csv", args=["2024"]),
        reverse("publications:open_data_xlsx", args=["2024"]),
        "/api/open-data/2024/",
        reverse("publications:feed"),
    ]


def readings(client, urls) -> dict[str, tuple[int, bytes]]:
    answers = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if url.split("?")[0].endswith(".xlsx") and response.status_code == 200:
            body = _xlsx_text(body).encode()  # the zip's own timestamps left out
        for pattern in VOLATILE:  # a signed-in page's CSRF token
            body = pattern.sub("", body.decode("utf-8", errors="replace")).encode()
        answers[url] = (response.status_code, body)
    return answers


def observers(focal_a) -> dict[str, Client]:
    other_country = Client()
    other_country.force_login(focal_a)  # Senegal's focal point, not Ecuador's
    return {"visitor": Client(), "another country's user": other_country}


def test_an_embargoed_assessment_leaves_no_trace_before_its_time(embargoed, focal_a, clock):
    """What a visitor and another country's user read is the same, to the byte, whether the
    embargoed assessment exists or not."""
    clients, urls = observers(focal_a), observed_urls(embargoed)
    with_it = {name: readings(client, urls) for name, client in clients.items()}
    assert with_it["visitor"][urls[2]][0] == 404
    assert any(status == 200 for status, _body in with_it["visitor"].values())
    ScheduledPublication.objects.all().delete()
    embargoed.delete()
    from scores.comparison import invalidate

    invalidate()
    for name, client in clients.items():
        assert readings(client, urls) == with_it[name], name


def test_nothing_read_by_others_differs_whatever_the_embargoed_data_say(embargoed, focal_a, clock):
    """The idea of tests/security/test_non_interference.py: change every figure and text of
    the embargoed assessment; nobody outside its team and IGF reads a different byte."""
    clients, urls = observers(focal_a), observed_urls(embargoed)
    before = {name: readings(client, urls) for name, client in clients.items()}
    embargoed.responses.update(level=None, justification="Changed under embargo")
    from scores.comparison import invalidate

    invalidate()
    for name, client in clients.items():
        assert readings(client, urls) == before[name], name


def test_it_becomes_public_after_the_task_runs_at_its_time(embargoed, analyst, clock):
    schedule = ScheduledPublication.objects.get(assessment=embargoed)
    url = reverse("publications:assessment", args=["ECU", "2024"])
    visitor = Client()
    assert not publish_scheduled.call(schedule.pk)  # too early: nothing happens
    assert visitor.get(url).status_code == 404

    clock.now = TOMORROW + timedelta(seconds=5)
    assert visitor.get(url).status_code == 404  # the time alone publishes nothing
    publish_scheduled.call(schedule.pk)
    assert visitor.get(url).status_code == 200
    embargoed.refresh_from_db()
    assert embargoed.status == Assessment.Status.PUBLISHED
    transition = Transition.objects.get(assessment=embargoed, action="publish")
    assert transition.user == analyst and transition.comment == scheduling.SCHEDULED_COMMENT
    assert embargoed.history.first().history_change_reason == "publish"
    assert AuditEvent.objects.filter(event="workflow_transition",
                                     data__to_status="published").exists()  # fmt: skip


def test_publishing_twice_changes_nothing(embargoed, clock):
    schedule = ScheduledPublication.objects.get(assessment=embargoed)
    clock.now = TOMORROW
    assert publish_due() == 1
    assert publish_due() == 0
    assert not scheduling.scheduled_publish(schedule_id=schedule.pk)
    assert Transition.objects.filter(assessment=embargoed, action="publish").count() == 1


def test_the_team_is_told_of_a_scheduled_publication_as_of_one_made_by_hand(
    embargoed, focal_b, clock
):
    focal_b.email = "ecuador@example.org"
    focal_b.save(update_fields=["email"])
    NotificationPreference.objects.create(user=focal_b, daily_digest=True)  # kept, not sent
    clock.now = TOMORROW
    assert publish_due() == 1
    told = PendingNotification.objects.get(user=focal_b)
    assert (told.kind, told.assessment) == ("published", embargoed)


def test_the_schedule_is_queued_for_its_time(embargoed):
    from django_tasks import default_task_backend

    queued = [r for r in default_task_backend.results if r.task.name == "publish_scheduled"]
    assert queued and queued[-1].task.run_after == TOMORROW


def test_a_cancelled_publication_never_happens(embargoed, analyst, clock):
    schedule = ScheduledPublication.objects.get(assessment=embargoed)
    publication_cancel(user=analyst, schedule=schedule)
    clock.now = TOMORROW + timedelta(hours=1)
    publish_scheduled.call(schedule.pk)
    embargoed.refresh_from_db()
    assert embargoed.status == Assessment.Status.VALIDATED
    assert AuditEvent.objects.filter(event="publication_cancelled").exists()


def test_only_an_analyst_schedules_and_only_in_the_future(embargoed, pillar6, focal_b, analyst):
    with pytest.raises(PermissionDenied):
        publication_schedule(user=focal_b, assessment=embargoed, publish_at=TOMORROW)
    other = make_assessment(pillar6, "HND", "2026", Status.VALIDATED, {"6.1": 1})
    with pytest.raises(ValueError, match=str(IN_THE_PAST)):
        publication_schedule(user=analyst, assessment=other, publish_at=NOW - timedelta(hours=1))


def test_the_team_sees_the_banner_and_a_preview_as_readers_will_see_it(
    embargoed, focal_b, analyst, clock
):
    client = Client()
    client.force_login(focal_b)  # Ecuador's focal point
    preview = client.get(reverse("publications:preview", args=[embargoed.pk]))
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Publishes on" in text and 'datetime="2026-12-07T09:00:00+00:00"' in text
    assert "Embargoed justification of Ecuador" in text
    assert preview["Cache-Control"] == "private, no-store"
    detail = client.get(reverse("assessment:detail", args=[embargoed.pk])).content.decode()
    assert "Publishes on" in detail


def test_nobody_else_may_preview(embargoed, focal_a):
    client = Client()
    assert client.get(reverse("publications:preview", args=[embargoed.pk])).status_code == 302
    client.force_login(focal_a)
    assert client.get(reverse("publications:preview", args=[embargoed.pk])).status_code == 404


def test_an_analyst_schedules_and_cancels_from_the_preview(pillar6, analyst, client, clock):
    ecuador = make_assessment(pillar6, "ECU", "2024", Status.VALIDATED, {"6.1": 2})
    client.force_login(analyst)
    url = reverse("publications:schedule", args=[ecuador.pk])
    response = client.post(url, {"publish_at": "2026-12-07T09:00"})
    assert response.status_code == 302
    schedule = ScheduledPublication.objects.pending().get(assessment=ecuador)
    assert schedule.publish_at == TOMORROW
    client.post(reverse("publications:schedule_cancel", args=[schedule.pk]))
    assert not ScheduledPublication.objects.pending().exists()


def test_the_preview_runs_a_bounded_number_of_queries(
    embargoed, focal_b, client, django_assert_max_num_queries
):
    client.force_login(focal_b)
    with django_assert_max_num_queries(30):
        client.get(reverse("publications:preview", args=[embargoed.pk]))


def test_the_publish_due_command_publishes_what_is_due(embargoed, clock):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("publish_due", stdout=out)
    assert out.getvalue().startswith("0 publication")
    clock.now = TOMORROW
    call_command("publish_due", stdout=out)
    embargoed.refresh_from_db()
    assert embargoed.status == Assessment.Status.PUBLISHED
