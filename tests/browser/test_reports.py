"""A focal point asks for their country's PDF report, waits for it and downloads it."""

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from assessment.models import Assessment, Response
from assessment.services import assessment_create
from reports.models import ReportFile
from reports.tasks import build_report
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_tasks(settings, tmp_path):
    """Tasks wait in a queue that the test works off itself, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def validated(pillar6, senegal):
    focal = make_user("moussa")
    Membership.objects.create(user=focal, country=senegal, role="focal_point")
    assessment = assessment_create(country=senegal, round="2024", framework=pillar6)
    assessment.responses.update(level=pillar6.levels.get(code=2), justification="In place.")
    Response.objects.filter(pk=assessment.responses.first().pk).update(
        justification="Décret n° 2016-32, article 12."
    )
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.VALIDATED)
    return assessment


def test_ask_for_the_report_wait_for_it_and_download_it(
    page, sign_in, validated, queued_tasks, tmp_path
):
    sign_in("moussa")
    page.goto(f"/reports/assessments/{validated.pk}/")
    expect(page.get_by_role("heading", name="Senegal", exact=True)).to_be_visible()
    page.get_by_role("button", name="Download the PDF").click()

    status = page.locator("#report-status")
    expect(status).to_have_attribute("data-status", "queued")
    build_report.call(ReportFile.objects.get().pk)  # what `manage.py db_worker` does

    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible()  # the page polled and learnt the report is ready
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "mpf-pillar6-sen-2024-en.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
