"""A signed-out reader on the demo: from the home page to Senegal's 2024 results in French,
the French PDF edition (its checksum checked against the one the site shows), and the
round's open data CSV."""

import csv
import hashlib
import io
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from assessment.models import Assessment
from publications.editions import editions_issue
from publications.open_data import DATA_DICTIONARY

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_with_editions(pillar6, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=StringIO())
    senegal = Assessment.objects.get(country__iso3="SEN", round="2024")
    editions_issue(number=1, assessment=senegal)  # what the task worker does after loading
    return senegal


def test_a_reader_reaches_senegal_2024_in_french_and_downloads_the_pdf_and_the_open_data(
    page, demo_with_editions, tmp_path
):
    page.goto("/en/")
    page.get_by_role("link", name="Published results").first.click()
    expect(page.get_by_role("heading", name="Published results", level=1)).to_be_visible()
    page.get_by_role("link", name="Senegal, round 2024").click()
    page.get_by_role("link", name="FR", exact=True).click()
    expect(page).to_have_url(f"{page.url.split('/fr/')[0]}/fr/results/SEN/2024/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sénégal")

    with page.expect_download() as info:
        page.locator(".current-editions a[hreflang='fr']").click()
    download = info.value
    assert download.suggested_filename == "mpf-pillar6-sen-2024-fr-edition-1.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    cover = PdfReader(pdf).pages[0].extract_text()
    edition = demo_with_editions.editions.get(language="fr")
    assert "Édition 1" in cover
    assert edition.fingerprint[:16] in cover.replace("\n", "")

    page.locator(".current-editions a[href$='/editions/']").click()
    shown = page.locator("code.sha256[data-language='fr']").inner_text()
    assert shown == hashlib.sha256(pdf.read_bytes()).hexdigest()

    page.get_by_role("link", name="Résultats publiés").first.click()
    page.get_by_role("link", name="Données ouvertes").first.click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Cycle 2024 (CSV)").click()
    data = tmp_path / "open-data.csv"
    info.value.save_as(data)
    rows = list(csv.DictReader(io.StringIO(data.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == list(DATA_DICTIONARY)
    published = set(
        Assessment.objects.published().filter(round="2024").values_list("country__iso3", flat=True)
    )
    assert {row["iso3"] for row in rows} == published
