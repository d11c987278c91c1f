"""In Chromium: what the Content-Security-Policy blocks is reported to /csp-report/, which
logs it. Chromium sends `report-to` reports in batches, up to a minute later; this test asks
for `report-uri` alone (what browsers without the Reporting API use), sent at once."""

import logging

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKED_SCRIPT = """
const script = document.createElement("script");
script.textContent = "window.injected = true";
document.body.appendChild(script);
"""


def test_a_blocked_inline_script_is_reported_and_logged(page, pillar6, caplog, settings):
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    del directives["report-to"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    caplog.set_level(logging.INFO, logger="csp")
    page.goto("/en/")
    with page.context.expect_event("request", lambda r: r.url.endswith("/csp-report/")) as request:
        page.evaluate(BLOCKED_SCRIPT)
    assert request.value.response().status == 204
    assert page.evaluate("window.injected === undefined")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    [record] = [r for r in caplog.records if r.name == "csp"]
    assert record.directive.startswith("script-src")
    assert record.document.endswith("/en/")
