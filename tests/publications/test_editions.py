"""Frozen PDF editions: publishing issues edition 1 in the four languages; a correction by an
analyst, with a reason, issues edition 2 and keeps edition 1, marked superseded."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assessment.services import assessment_transition
from publications import editions
from publications.editions import REASON_REQUIRED, edition_correct
from publications.models import Edition

from .conftest import LEVELS_2024, Status, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path, monkeypatch):
    """Tasks run at once; the PDF is a stand-in that names what it was made from."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path

    def stand_in(kind, context):
        edition = context["edition"]
        return f"%PDF-1.7 {kind} {context['language']} edition {edition.number}".encode()

    monkeypatch.setattr(editions, "report_pdf", stand_in)


@pytest.fixture
def validated(pillar6):
    return make_assessment(pillar6, "SEN", "2024", Status.VALIDATED, LEVELS_2024["SEN"])


def publish(assessment, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(assessment=assessment, action_name="publish", user=user)


def test_publishing_issues_edition_one_in_the_four_languages(
    validated, analyst, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    issued = Edition.objects.filter(assessment=validated)
    assert sorted(issued.values_list("language", flat=True)) == ["en", "es", "fr", "pt"]
    for edition in issued:
        content = edition.file.read()
        assert content == f"%PDF-1.7 country {edition.language} edition 1".encode()
        assert edition.sha256 == hashlib.sha256(content).hexdigest()
        assert edition.number == 1 and edition.size == len(content)
        assert edition.framework == validated.framework
        assert [level[0] for level in edition.scale] == [0, 1, 2, 3, 4]
        assert len(edition.fingerprint) == 64


def test_a_correction_makes_edition_two_and_keeps_edition_one_marked_superseded(
    validated, analyst, client, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    first = {e.language: e for e in Edition.objects.filter(assessment=validated)}
    client.force_login(analyst)
    url = reverse("publications:assessment_correct", args=["SEN", "2024"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Indicator 6.2.1 was misquoted."})
    assert response.status_code == 302
    second = Edition.objects.filter(assessment=validated, number=2)
    assert second.count() == 4
    assert set(second.values_list("correction_reason", flat=True)) == {
        "Indicator 6.2.1 was misquoted."
    }
    for old in Edition.objects.filter(assessment=validated, number=1):
        assert old.is_superseded
        assert old.superseded_reason == "Indicator 6.2.1 was misquoted."
        assert old.sha256 == first[old.language].sha256
    page = client.get(reverse("publications:editions", args=["SEN", "2024"])).content.decode()
    assert "Superseded" in page and "Indicator 6.2.1 was misquoted." in page
    client.logout()
    old_file = client.get(first["fr"].get_absolute_url())
    assert old_file.status_code == 200
    assert b"".join(old_file.streaming_content) == b"%PDF-1.7 country fr edition 1"


def test_a_correction_needs_a_reason_and_an_analyst(
    validated, analyst, focal_a, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    with pytest.raises(ValueError, match=str(REASON_REQUIRED)[:20]):
        edition_correct(user=analyst, reason="  ", assessment=validated)
    with pytest.raises(PermissionDenied):
        edition_correct(user=focal_a, reason="Typo", assessment=validated)
    assert not Edition.objects.filter(number=2).exists()


def test_the_correction_form_is_refused_to_the_countrys_focal_point(
    validated, analyst, focal_a, client, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    client.force_login(focal_a)
    url = reverse("publications:assessment_correct", args=["SEN", "2024"])
    assert client.post(url, {"reason": "Typo"}).status_code == 403
    assert client.get(url).status_code == 405


def test_issuing_an_edition_twice_changes_nothing(
    validated, analyst, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    before = list(Edition.objects.values_list("pk", "sha256"))
    editions.editions_issue(number=1, assessment=validated)
    assert list(Edition.objects.values_list("pk", "sha256")) == before


def test_an_edition_never_changes_once_issued(
    validated, analyst, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    edition = Edition.objects.first()
    edition.sha256 = "0" * 64
    with pytest.raises(Exception, match="never changes"):
        edition.save()


def test_the_download_page_shows_the_edition_number_and_each_files_checksum(
    validated, analyst, client, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    response = client.get(reverse("publications:editions", args=["SEN", "2024"]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=600"
    text = response.content.decode()
    assert "Edition 1" in text
    for edition in Edition.objects.all():
        assert edition.sha256 in text


def test_a_visitor_downloads_an_edition_that_any_cache_may_keep(
    validated, analyst, client, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    edition = Edition.objects.get(language="fr")
    response = client.get(edition.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == f"public, max-age={365 * 24 * 3600}"
    assert response["ETag"] == f'"{edition.sha256}"'
    assert not response.cookies


def test_an_edition_of_an_assessment_no_longer_public_is_not_served(
    validated, analyst, client, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    assessment_transition(assessment=validated, action_name="keep_confidential", user=analyst)
    edition = Edition.objects.get(language="en")
    assert client.get(edition.get_absolute_url()).status_code == 404


def test_the_public_page_links_the_current_edition_in_each_language(
    validated, analyst, client, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    text = client.get(reverse("publications:assessment", args=["SEN", "2024"])).content.decode()
    for edition in Edition.objects.all():
        assert edition.get_absolute_url() in text


def test_the_editions_page_runs_a_fixed_number_of_queries(
    validated, analyst, client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(8):
        client.get(reverse("publications:editions", args=["SEN", "2024"]))


def test_only_an_analyst_is_offered_the_correction_form_on_the_editions_page(
    validated, analyst, client, django_capture_on_commit_callbacks
):
    publish(validated, analyst, django_capture_on_commit_callbacks)
    url = reverse("publications:editions", args=["SEN", "2024"])
    action = reverse("publications:assessment_correct", args=["SEN", "2024"])
    assert f'action="{action}"' not in client.get(url).content.decode()
    client.force_login(analyst)
    html = client.get(url).content.decode()
    assert f'action="{action}"' in html and 'name="reason"' in html
