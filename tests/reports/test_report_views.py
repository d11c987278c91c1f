"""Asking for a report, following its build, downloading it: who may, and when it is reused."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from assessment.models import Response
from reports import tasks
from reports.models import ReportFile
from reports.tasks import BUILD_FAILED

from .conftest import Status, make_assessment

LEVELS = {"6.1": 3, "6.2": 2, "6.3": 1}


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    """Reports are built inside the request, and kept in a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs rendered, with a tiny stand-in PDF to keep the tests fast."""
    calls = []

    def fake_pdf(kind, context):
        calls.append((kind, context["language"]))
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr(tasks, "report_pdf", fake_pdf)
    return calls


@pytest.fixture
def senegal_2024(pillar6):
    return make_assessment(pillar6, "SEN", "2024", Status.VALIDATED, LEVELS)


def ask_for(client, assessment, language="en"):
    return client.post(reverse("reports:country_pdf", args=[assessment.pk]), {"language": language})


def test_a_focal_point_gets_their_country_report_as_a_pdf(client, focal_a, senegal_2024):
    client.force_login(focal_a)
    response = ask_for(client, senegal_2024, "es")
    report = ReportFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:status", args=[report.pk])
    assert report.status == ReportFile.Status.DONE and report.language == "es"
    download = client.get(reverse("reports:download", args=[report.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="mpf-pillar6-sen-2024-es.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_report_built_before_is_served_at_once_and_not_built_again(
    client, focal_a, senegal_2024, renders
):
    client.force_login(focal_a)
    ask_for(client, senegal_2024)
    again = ask_for(client, senegal_2024)
    report = ReportFile.objects.get()
    assert again["Location"] == reverse("reports:download", args=[report.pk])
    assert renders == [("country", "en")]


def test_the_report_is_rebuilt_after_a_response_changes(client, focal_a, senegal_2024, renders):
    client.force_login(focal_a)
    ask_for(client, senegal_2024)
    first = ReportFile.objects.get()
    response = senegal_2024.responses.order_by(*Response._meta.ordering).first()
    response.justification = "A new decree was adopted."
    response.save()
    ask_for(client, senegal_2024)
    second = ReportFile.objects.get()  # the older file is gone
    assert second.pk != first.pk and second.fingerprint != first.fingerprint
    assert len(renders) == 2


def test_each_language_is_a_report_of_its_own(client, focal_a, senegal_2024, renders):
    client.force_login(focal_a)
    ask_for(client, senegal_2024, "en")
    ask_for(client, senegal_2024, "pt")
    assert sorted(ReportFile.objects.values_list("language", flat=True)) == ["en", "pt"]


def test_a_member_of_another_country_cannot_ask_for_preview_or_fetch_the_report(
    client, focal_a, focal_b, senegal_2024
):
    client.force_login(focal_a)
    ask_for(client, senegal_2024)
    report = ReportFile.objects.get()
    client.force_login(focal_b)
    assert ask_for(client, senegal_2024).status_code == 404
    assert client.get(reverse("reports:country_preview", args=[senegal_2024.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:status", args=[report.pk])).status_code == 404


def test_a_report_built_for_igf_is_not_served_to_a_ministry_reader(
    client, analyst, contributor_a, senegal_2024, renders
):
    client.force_login(analyst)
    ask_for(client, senegal_2024)
    report = ReportFile.objects.get()
    client.force_login(contributor_a)  # may read the assessment, but sees less of the region
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    ask_for(client, senegal_2024)
    assert ReportFile.objects.count() == 2


def test_anybody_signed_in_may_have_the_report_of_a_published_assessment(
    client, focal_b, pillar6, renders
):
    published = make_assessment(pillar6, "SEN", "2024", Status.PUBLISHED, LEVELS)
    client.force_login(focal_b)
    assert ask_for(client, published).status_code == 302
    assert ReportFile.objects.get().is_done


def test_anonymous_visitors_are_sent_to_sign_in(client, senegal_2024):
    response = ask_for(client, senegal_2024)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_asking_for_a_report_needs_a_post(client, focal_a, senegal_2024):
    client.force_login(focal_a)
    url = reverse("reports:country_pdf", args=[senegal_2024.pk])
    assert client.get(url).status_code == 405


def test_the_status_page_polls_until_the_report_is_ready(
    client, focal_a, senegal_2024, django_assert_max_num_queries
):
    client.force_login(focal_a)
    report = ReportFile.objects.create(
        kind="country", assessment=senegal_2024, language="en", visibility=f"ministry:{senegal_2024.country_id}",
        subject="s", fingerprint="f", filename="x.pdf", created_by=focal_a,
    )  # fmt: skip
    url = reverse("reports:status", args=[report.pk])
    with django_assert_max_num_queries(8):
        page = client.get(url)
    assert 'hx-trigger="every 2s"' in page.content.decode()
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="report-status"')
    assert "<html" not in partial.content.decode()


def test_a_failed_build_says_so_and_offers_to_try_again(
    client, focal_a, senegal_2024, monkeypatch, renders
):
    def broken(kind, context):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(tasks, "report_pdf", broken)
    client.force_login(focal_a)
    response = ask_for(client, senegal_2024)
    report = ReportFile.objects.get()
    assert report.status == ReportFile.Status.FAILED and "fonts missing" in report.error
    page = client.get(response["Location"])
    assert str(BUILD_FAILED) in page.content.decode()
    assert "hx-trigger" not in page.content.decode()
    monkeypatch.undo()
    monkeypatch.setattr(tasks, "report_pdf", lambda kind, context: b"%PDF-1.7")
    client.post(reverse("reports:retry", args=[report.pk]))
    assert ReportFile.objects.filter(status=ReportFile.Status.DONE).count() == 1


def test_a_report_no_worker_finished_is_queued_again(client, focal_a, senegal_2024, renders):
    client.force_login(focal_a)
    ask_for(client, senegal_2024)
    report = ReportFile.objects.get()
    ReportFile.objects.filter(pk=report.pk).update(
        status=ReportFile.Status.QUEUED, created_at=timezone.now() - timedelta(hours=1)
    )
    ask_for(client, senegal_2024)
    assert ReportFile.objects.filter(status=ReportFile.Status.DONE).count() == 1
    assert len(renders) == 2


def test_the_preview_shows_the_report_on_screen_in_few_queries(
    client, focal_a, senegal_2024, django_assert_max_num_queries
):
    client.force_login(focal_a)
    url = reverse("reports:country_preview", args=[senegal_2024.pk])
    # 11 once the comparison is cached (+ the profile), + the summary's legal references and
    # plan, + the scale's level names for the displayed changes
    with django_assert_max_num_queries(18):
        page = client.get(url, {"language": "fr"})
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="fr">' in html
    assert "<svg" in html and "Sénégal" in html


# The regional report


def test_an_analyst_gets_the_regional_report(client, analyst, five_countries, renders):
    client.force_login(analyst)
    response = client.post(
        reverse("reports:regional_pdf"), {"round": "2024", "grouping": "igf", "language": "en"}
    )
    report = ReportFile.objects.get()
    assert response["Location"] == reverse("reports:status", args=[report.pk])
    assert report.kind == "regional" and report.is_done
    assert report.parameters["rounds"] == ["2024"] and report.parameters["grouping"] == "igf"
    assert renders == [("regional", "en")]


def test_the_regional_report_of_someone_elses_saved_group_is_refused(client, analyst, pillar6):
    client.force_login(analyst)
    response = client.post(reverse("reports:regional_pdf"), {"grouping": "group:999999"})
    assert response.status_code == 400
    assert not ReportFile.objects.exists()


def test_the_regional_preview_hides_small_group_averages_from_ministry_readers(
    client, focal_b, pillar6
):
    for iso3 in ("JAM", "HND"):
        make_assessment(pillar6, iso3, "2024", Status.PUBLISHED, LEVELS)
    client.force_login(focal_b)
    page = client.get(reverse("reports:regional_preview"), {"round": "2024"})
    assert page.status_code == 200
    assert "—*" in page.content.decode()


def test_the_report_link_offers_a_preview_and_the_pdf_in_each_language(rf, focal_a, senegal_2024):
    request = rf.get("/")
    request.user = focal_a
    html = render_to_string(
        "reports/includes/country_report_link.html", {"assessment": senegal_2024}, request=request
    )
    assert f'action="{reverse("reports:country_pdf", args=[senegal_2024.pk])}"' in html
    assert reverse("reports:country_preview", args=[senegal_2024.pk]) in html
    assert all(f'value="{code}"' in html for code in ("en", "fr", "es", "pt"))
