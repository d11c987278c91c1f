"""A server without Pango: the application runs, and every report page and request says, in
the reader's language, that PDFs are not available and what the administrator must install.

The missing library is simulated: loading WeasyPrint raises what it raises without Pango.
"""

import importlib
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.roles import visibility_class
from config import system
from reports.models import ReportFile
from reports.pdf import PDF_UNAVAILABLE, PdfEngineMissing, html_to_pdf

from .conftest import Status, make_assessment

LEVELS = {"6.1": 3, "6.2": 2, "6.3": 1}
PANGO_ERROR = (
    "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: "
    "No such file or directory"
)
INSTALL = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


@pytest.fixture
def no_pango(monkeypatch):
    """WeasyPrint fails to load as it does without Pango (after printing its banner)."""
    real_import = importlib.import_module

    def import_module(name, *args):
        if name == "weasyprint":
            print("WeasyPrint could not import some external libraries.")
            raise OSError(PANGO_ERROR)
        return real_import(name, *args)

    system.pdf_engine_problem.cache_clear()
    monkeypatch.setattr(system.importlib, "import_module", import_module)
    yield
    system.pdf_engine_problem.cache_clear()


@pytest.fixture
def senegal_2024(pillar6):
    return make_assessment(pillar6, "SEN", "2024", Status.VALIDATED, LEVELS)


def unavailable_in(language: str) -> str:
    with translation.override(language):
        return str(PDF_UNAVAILABLE % {"command": INSTALL})


def shown_in(language: str) -> str:
    """The message as a page shows it (HTML-escaped)."""
    return escape(unavailable_in(language))


def test_loading_the_url_configuration_and_the_worker_never_imports_weasyprint():
    code = (
        "import django, sys; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import reports.tasks, reports.views; print('weasyprint' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_the_message_names_the_exact_packages_and_is_translated():
    assert INSTALL in unavailable_in("en")
    french = unavailable_in("fr")
    assert INSTALL in french and french != unavailable_in("en")
    assert "Pango" in french


def test_without_pango_writing_a_pdf_raises_a_clear_error_and_prints_nothing(no_pango, capsys):
    with pytest.raises(PdfEngineMissing, match="libpango-1.0-0"):
        html_to_pdf("<p>Hello</p>")
    assert capsys.readouterr().out == ""


def test_the_assessment_page_says_so_in_the_readers_language(
    client, focal_a, senegal_2024, no_pango
):
    client.force_login(focal_a)
    page = client.get(f"/fr/assessments/{senegal_2024.pk}/").content.decode()
    assert shown_in("fr") in page
    assert reverse("reports:country_pdf", args=[senegal_2024.pk]) not in page
    assert reverse("reports:country_preview", args=[senegal_2024.pk]) in page


def test_asking_for_a_country_pdf_answers_503_with_what_to_install(
    client, focal_a, senegal_2024, no_pango
):
    client.force_login(focal_a)
    response = client.post(
        reverse("reports:country_pdf", args=[senegal_2024.pk]), {"language": "es"}
    )
    assert response.status_code == 503
    assert shown_in("en") in response.content.decode()
    assert not ReportFile.objects.exists()


def test_asking_for_a_regional_pdf_answers_503_too(client, analyst, senegal_2024, no_pango):
    client.force_login(analyst)
    response = client.post(
        "/pt/reports/regional/pdf/", {"round": "2024", "grouping": "igf", "language": "pt"}
    )
    assert response.status_code == 503
    assert shown_in("pt") in response.content.decode()
    assert not ReportFile.objects.exists()


def test_the_preview_still_shows_the_report_and_says_why_there_is_no_pdf(
    client, focal_a, senegal_2024, no_pango
):
    client.force_login(focal_a)
    response = client.get(f"/es/reports/assessments/{senegal_2024.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert shown_in("es") in page
    assert reverse("reports:country_pdf", args=[senegal_2024.pk]) not in page


def test_a_report_queued_before_says_so_instead_of_waiting_forever(
    client, focal_a, senegal_2024, no_pango
):
    report = ReportFile.objects.create(
        kind=ReportFile.Kind.COUNTRY, assessment=senegal_2024, language="en",
        fingerprint="f" * 64, subject="s" * 64, visibility=visibility_class(focal_a),
        parameters={}, filename="report.pdf",
    )  # fmt: skip
    client.force_login(focal_a)
    html = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert shown_in("en") in html
    assert "data-hx-trigger" not in html  # no polling for a build that cannot happen


def test_doctor_prints_the_apt_get_line_and_fails_without_pango(no_pango, capsys):
    with pytest.raises(CommandError):
        call_command("doctor")
    out = capsys.readouterr().out
    assert "MISSING  Pango (WeasyPrint)" in out
    assert f"  {INSTALL}" in out
    assert PANGO_ERROR in out
