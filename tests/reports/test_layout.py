"""The demo reports laid out for print: no page mostly empty, measured from the PDFs' own
text and drawings (tests/reports/page_fill.py), except the cover and a chapter's last page."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from reports.pdf import html_to_pdf

from .page_fill import mostly_empty_pages, page_fills

# The demo is loaded into the test database, never the developer's (pytest-django sets
# the test database up only when a test says it needs one).
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["country", "regional"])
def test_no_page_but_the_cover_and_a_chapters_last_is_less_than_40_percent_full(demo_reports, kind):
    assert mostly_empty_pages(demo_reports[kind]) == []


def test_the_country_report_opens_on_its_executive_summary_after_the_cover(demo_reports):
    fills = page_fills(demo_reports["country"])
    assert fills[1].chapter_start


def test_the_regional_report_of_demo_data_says_so_on_its_cover(demo_reports):
    cover = PdfReader(BytesIO(demo_reports["regional"])).pages[0].extract_text()
    assert "Demo data" in " ".join(cover.split())


def test_the_measure_finds_a_short_page_that_is_not_the_end_of_its_chapter():
    body = "".join(f"<p>Line {n}</p>" for n in range(30))
    html = (
        '<html lang="en"><head><title>Pages</title></head><body><h1 style="bookmark-level: none">Cover</h1>'
        '<h2 style="break-before: page">Chapter</h2><p>Short.</p>'
        f'<div style="break-before: page">{body}</div>'
        '<h2 style="break-before: page">Next chapter</h2><p>Its only page.</p></body></html>'
    )
    pdf = html_to_pdf(html)
    assert [fill.number for fill in mostly_empty_pages(pdf)] == [2]
    fills = page_fills(pdf)
    assert fills[1].chapter_start and fills[-1].chapter_start
    assert fills[2].fill > 0.4


def test_the_plan_chapter_draws_its_timeline_as_vector_graphics(demo_reports):
    reader = PdfReader(BytesIO(demo_reports["country"]))
    plan_pages = [page for page in reader.pages if "Calendrier des actions" in page.extract_text()]
    assert plan_pages
    text = plan_pages[0].extract_text()
    assert "1.1 " in text  # the actions are named beside their bars, as text
    objects = plan_pages[0]["/Resources"].get("/XObject", {}).values()
    assert all(o.get_object()["/Subtype"] != "/Image" for o in objects)  # drawn, not a picture


def test_the_regional_report_opens_on_a_summary_with_the_map(demo_reports):
    reader = PdfReader(BytesIO(demo_reports["regional"]))
    summary = " ".join(reader.pages[1].extract_text().split())
    assert summary.startswith("Summary") or "Summary This report compares" in summary
    assert "Pillar implementation by country" in summary
    assert "No data" in summary  # the map's legend


def test_the_heatmap_names_the_recommendations_its_columns_only_code(demo_reports):
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(BytesIO(demo_reports["regional"])).pages
    )
    assert "Recommendation · 6.1.1 " in text


def test_a_table_running_over_pages_repeats_its_header_row(demo_reports):
    pages = [
        " ".join(page.extract_text().split())
        for page in PdfReader(BytesIO(demo_reports["country"])).pages
    ]
    # Senegal's indicators whose rating changed since 2022: more than a page.
    with_header = [number for number, text in enumerate(pages) if "Indicateur 2022 2024" in text]
    assert len(with_header) >= 2
    assert pages[with_header[1]].startswith("Indicateur 2022 2024")
