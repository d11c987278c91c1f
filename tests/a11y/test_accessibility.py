"""Every main page of every role passes axe-core's WCAG 2.1 A and AA rules in Chromium,
charts included (see conftest.py for how the pages are visited)."""

import pytest

from .conftest import describe_violations
from .pages import PAGES, AuditedPage

# Run with the browser tests, last; the pages are visited once for the session (conftest).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("audited", PAGES, ids=lambda page: page.test_id)
def test_the_page_has_no_wcag_2_1_aa_violation(audited: AuditedPage, axe_results):
    visit = axe_results.visits[audited.id]
    assert not visit.error, f"{audited.id} ({visit.url}): {visit.error}"
    assert visit.status == audited.status, f"{audited.id}: {visit.url} answered {visit.status}"
    assert visit.violations == [], f"{audited.id} ({visit.url}):" + describe_violations(
        visit.violations
    )
