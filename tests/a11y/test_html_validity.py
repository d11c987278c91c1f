"""The HTML the server sends for every main page of every role is valid for the Nu Html
Checker (errors only; see conftest.py for how the pages are fetched and checked)."""

import pytest

from .conftest import describe_html_errors
from .pages import PAGES, AuditedPage

# Run with the browser tests, last; the pages are visited once for the session (conftest).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("audited", PAGES, ids=lambda page: page.test_id)
def test_the_page_is_valid_html(audited: AuditedPage, audit, html_errors):
    visit = audit.visits[audited.id]
    assert visit.html_file, f"{audited.id} ({visit.url}) was not fetched: {visit.error}"
    assert visit.status == audited.status, f"{audited.id}: {visit.url} answered {visit.status}"
    errors = html_errors.get(audited.id, [])
    assert errors == [], f"{audited.id} ({visit.url}):" + describe_html_errors(
        visit.html_file, errors
    )


def test_the_checker_reports_on_no_other_file(html_errors):
    assert html_errors.get("(no page)", []) == []
