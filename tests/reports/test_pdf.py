"""The PDF reports: content in the reader's language, tagged and self-contained, and safe."""

import socket
from io import BytesIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from pypdf import PdfReader

from assessment.models import Evidence, Response
from assessment.scores import clear_framework_indexes
from frameworks.models import Framework, Indicator
from reports.pdf import (
    ResourceRefused,
    html_to_pdf,
    render_report_html,
    report_pdf,
    static_path,
)
from reports.pdf_engine import StaticOnlyFetcher
from reports.report_context import country_report_context, regional_report_context
from scores.query import ComparisonQuery
from tests.conftest import make_user

from .conftest import LEVELS_2024, Status, make_assessment

SPANISH_JUSTIFICATION = "El Código Minero de 2016 regula la minería artesanal en todo el país."
HOSTILE_JUSTIFICATION = '<script>alert("x")</script><img src="http://evil.example/x.png">'
# 6.1 at level 4 (100%), 6.2 at level 2 (50%), 6.3 at level 0 (0%): the pillar is 50%.
LEVELS = {"6.1": 4, "6.2": 2, "6.3": 0}


def first_response(assessment) -> Response:
    return assessment.responses.order_by(*Response._meta.ordering).first()


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    """Two PDFs rendered once for the module (their data rolled back afterwards): Senegal's
    2026 draft in Spanish, for its focal point, and its published 2024 round in English."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        clear_framework_indexes()
        framework = Framework.objects.get(slug="mpf-pillar-6")
        published = make_assessment(framework, "SEN", "2024", Status.PUBLISHED, LEVELS)
        draft = make_assessment(framework, "SEN", "2026", Status.DRAFT, LEVELS)
        response = first_response(draft)
        response.justification = SPANISH_JUSTIFICATION
        response.save()
        Evidence.objects.create(
            response=response, kind="legal", title="Código Minero", instrument="Ley 2016-32"
        )
        focal = make_user("report-focal")
        focal.memberships.create(country=draft.country, role="focal_point")
        spanish = report_pdf("country", country_report_context(draft, user=focal, language="es"))
        context = country_report_context(published, user=focal, language="en")
        english = report_pdf("country", context)
        statement = Indicator.objects.get(pk=response.indicator_id).statement_es
        transaction.set_rollback(True)
    cache.clear()
    return {"es": spanish, "en": english, "statement_es": statement, "title_en": context["title"]}


def test_the_spanish_report_shows_the_country_the_scores_and_the_indicators_in_spanish(reports):
    text = pdf_text(reports["es"])
    assert "Senegal" in text
    assert "50%" in text and "100%" in text
    assert " ".join(reports["statement_es"].split()) in text
    assert SPANISH_JUSTIFICATION in text
    assert "Código Minero" in text


def test_only_the_report_of_an_unvalidated_assessment_carries_the_draft_watermark(reports):
    assert "BORRADOR" in pdf_text(reports["es"])
    assert "DRAFT" not in pdf_text(reports["en"])


def test_the_pdf_is_tagged_with_its_language_and_title(reports):
    reader = PdfReader(BytesIO(reports["es"]))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "es"
    english = PdfReader(BytesIO(reports["en"]))
    assert english.metadata.title == reports["title_en"]
    assert english.trailer["/Root"]["/Lang"] == "en"


def test_the_fonts_are_embedded(reports):
    reader = PdfReader(BytesIO(reports["es"]))
    descriptors = [
        font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    ]
    assert descriptors
    assert all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)


def test_the_report_has_several_pages_and_bookmarks(reports):
    reader = PdfReader(BytesIO(reports["en"]))
    assert len(reader.pages) > 1
    titles = [item.title for item in _flatten(reader.outline)]
    assert "Executive summary" in titles and "Key figures" in titles
    assert any(title.startswith("6.1 ") for title in titles)


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_the_table_of_contents_gives_the_page_of_each_chapter(reports):
    text = pdf_text(reports["en"])
    assert "Contents" in text
    assert "Annex: methodology" in text


# Safety


def test_user_text_is_escaped_in_the_report(five_countries, focal_a):
    assessment = five_countries["SEN"]
    response = first_response(assessment)
    response.justification = HOSTILE_JUSTIFICATION
    response.save()
    context = country_report_context(assessment, user=focal_a, language="en")
    html = render_report_html("country", context)
    assert "<script>" not in html
    assert '<img src="http://evil.example' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file:///static/../config/settings.py",
        "file:///static/%2e%2e/config/settings.py",
        f"file://{settings.BASE_DIR / 'manage.py'}",
        "file:///static/no-such-file.css",
    ],
)
def test_the_fetcher_refuses_anything_outside_static(url):
    with pytest.raises(ResourceRefused):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_static_files_from_disk_and_data_urls():
    response = StaticOnlyFetcher().fetch("file:///static/fonts/OFL.txt")
    assert b"SIL Open Font License" in response.read()
    response.close()
    assert StaticOnlyFetcher().fetch("data:text/plain,hello").read() == b"hello"


def test_a_static_file_is_found_by_its_absolute_path_too():
    path = settings.BASE_DIR / "static" / "css" / "report.css"
    assert static_path(f"file://{path}") == path


def test_an_external_image_is_left_out_without_any_network_access(monkeypatch):
    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in reports")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    html = (
        '<!doctype html><html lang="en"><head><title>External</title></head><body>'
        '<p>Before</p><img alt="remote" src="http://example.com/logo.png">'
        '<img alt="local" src="file:///etc/hostname"><p>After</p></body></html>'
    )
    reader = PdfReader(BytesIO(html_to_pdf(html)))
    assert attempts == []
    assert "Before" in reader.pages[0].extract_text()
    assert not reader.pages[0]["/Resources"].get("/XObject")  # no image drawn


# The regional report


@pytest.fixture
def two_lac_countries(pillar6):
    """Only two LAC countries published: their average is not for everybody's eyes."""
    return [
        make_assessment(pillar6, iso3, "2024", Status.PUBLISHED, LEVELS_2024[iso3])
        for iso3 in ("JAM", "HND")
    ]


def lac_cells(context) -> list[dict]:
    rows = [row for row in context["group_rows"] if "Caribbean" in row["group"]]
    assert rows
    return rows[0]["cells"]


def test_the_regional_report_hides_an_average_of_fewer_than_three_countries(
    two_lac_countries, pillar6, focal_b
):
    query = ComparisonQuery(framework=pillar6, rounds=("2024",))
    context = regional_report_context(query, user=focal_b, language="en")
    pillar = lac_cells(context)[0]
    assert pillar["suppressed"] and pillar["mean"] == "—"
    html = render_report_html("regional", context)
    assert "—*" in html


def test_an_analyst_sees_the_average_of_a_small_group(two_lac_countries, pillar6, analyst):
    query = ComparisonQuery(framework=pillar6, rounds=("2024",))
    context = regional_report_context(query, user=analyst, language="en")
    pillar = lac_cells(context)[0]
    assert not pillar["suppressed"] and pillar["mean"] == "25%"
    assert pillar["n"] == 2


# The action plan's chapter


def test_the_country_report_includes_the_action_plan_when_the_country_has_one(
    five_countries, focal_a
):
    from plans.services import plan_vision_save

    assessment = five_countries["SEN"]
    vision = "Une orpaillage sûr, légal et sans mercure d'ici 2030."
    plan_vision_save(assessment=assessment, vision=vision, language="fr", user=focal_a)
    html = render_report_html(
        "country", country_report_context(assessment, user=focal_a, language="en")
    )
    assert 'id="plan-chapter-title"' in html and 'href="#plan-chapter-title"' in html
    assert "Une orpaillage sûr, légal et sans mercure d&#x27;ici 2030." in html


def test_without_a_plan_the_report_has_no_plan_chapter(five_countries, focal_a):
    context = country_report_context(five_countries["SEN"], user=focal_a, language="en")
    assert context["plan_chapter"] is None
    assert "plan-chapter-title" not in render_report_html("country", context)
