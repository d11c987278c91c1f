"""The "Published results" landing page, its filters, the Atom feed and the regional
reports an analyst publishes for a round."""

import pytest
from django.urls import reverse

from assessment.services import assessment_transition
from publications import editions
from publications.models import Edition, RegionalReport

from .conftest import LEVELS_2024, Status, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(editions, "report_pdf", lambda kind, context: f"%PDF {kind}".encode())


@pytest.fixture
def published(pillar6, analyst, django_capture_on_commit_callbacks):
    """Senegal 2024 and Panama 2024 published through the workflow; Jamaica 2022 too."""
    published = {}
    for iso3, round_ in [("SEN", "2024"), ("PAN", "2024"), ("JAM", "2022")]:
        assessment = make_assessment(pillar6, iso3, round_, Status.VALIDATED, LEVELS_2024["SEN"])
        with django_capture_on_commit_callbacks(execute=True):
            assessment_transition(assessment=assessment, action_name="publish", user=analyst)
        published[iso3] = assessment
    make_assessment(pillar6, "HND", "2024", Status.VALIDATED, LEVELS_2024["HND"])
    return published


def test_the_landing_page_lists_the_latest_publications_and_their_editions(client, published):
    response = client.get(reverse("publications:landing"))
    text = response.content.decode()
    for assessment in published.values():
        assert reverse("publications:assessment", args=[assessment.country.iso3,
                                                        assessment.round]) in text  # fmt: skip
    assert "/results/HND/" not in text
    for edition in Edition.objects.filter(language="en"):
        assert edition.get_absolute_url() in text
    assert reverse("publications:feed") in text
    assert reverse("publications:open_data") in text


def test_the_landing_page_filters_by_region_and_round(client, published):
    url = reverse("publications:landing")
    by_round = client.get(url, {"round": "2022"}).content.decode()
    assert "/results/JAM/2022/" in by_round and "/results/SEN/2024/" not in by_round
    africa = client.get(url, {"region": "002"}).content.decode()
    assert "/results/SEN/2024/" in africa and "/results/PAN/2024/" not in africa


def test_the_atom_feed_announces_each_publication(client, published):
    response = client.get(reverse("publications:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["Cache-Control"] == "public, max-age=600"
    text = response.content.decode()
    assert text.count("<entry>") == 3
    assert "http://testserver/en/results/SEN/2024/" in text
    assert "/results/HND/" not in text


def test_the_landing_page_runs_a_fixed_number_of_queries(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get(reverse("publications:landing"))


def test_an_analyst_publishes_a_regional_report_with_its_first_edition(
    client, published, analyst, pillar6, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publications:regional_reports"), {
            "framework": pillar6.pk, "round": "2024", "grouping": "m49", "when": "now",
        })  # fmt: skip
    assert response.status_code == 302
    report = RegionalReport.objects.get()
    assert report.is_published
    assert report.editions.count() == 4
    client.logout()
    page = client.get(reverse("publications:regional", args=[report.pk]))
    assert page.status_code == 200
    for edition in report.editions.all():
        assert edition.sha256 in page.content.decode()
        assert client.get(edition.get_absolute_url()).status_code == 200


def test_a_regional_report_correction_makes_edition_two(
    client, published, analyst, pillar6, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publications:regional_reports"), {
            "framework": pillar6.pk, "round": "2024", "grouping": "m49", "when": "now",
        })  # fmt: skip
    report = RegionalReport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publications:regional_correct", args=[report.pk]),
                    {"reason": "Panama's figures were corrected."})  # fmt: skip
    assert report.editions.filter(number=2).count() == 4
    assert set(report.editions.filter(number=1).values_list("superseded_reason", flat=True)) == {
        "Panama's figures were corrected."
    }


def test_a_scheduled_regional_report_is_not_public_before_its_time(
    client, published, analyst, pillar6
):
    client.force_login(analyst)
    client.post(reverse("publications:regional_reports"), {
        "framework": pillar6.pk, "round": "2024", "grouping": "m49", "when": "later",
        "publish_at": "2999-01-01T09:00",
    })  # fmt: skip
    report = RegionalReport.objects.get()
    assert not report.is_published and report.scheduled_publications.get().publish_at.year == 2999
    client.logout()
    assert client.get(reverse("publications:regional", args=[report.pk])).status_code == 404
    assert (
        f"/results/regional/{report.pk}/"
        not in client.get(reverse("publications:landing")).content.decode()
    )


def test_only_igf_staff_publish_regional_reports(client, focal_a):
    client.force_login(focal_a)
    assert client.get(reverse("publications:regional_reports")).status_code == 403
