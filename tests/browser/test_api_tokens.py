"""An analyst makes an API token in Chromium and reads /api/comparison/ with it, as curl would;
the API documentation page draws every endpoint with no CSP violation."""

import json
import re
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessment.models import Assessment
from tests.conftest import make_user
from tests.reports.conftest import LEVELS_2024, make_assessment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(pillar6):
    make_user("ana", is_analyst=True)
    for iso3, levels in LEVELS_2024.items():
        make_assessment(pillar6, iso3, "2024", Assessment.Status.PUBLISHED, levels)


def test_a_token_made_on_the_page_reads_the_comparison_with_curls_header(
    page, sign_in, live_server, published, violations
):
    sign_in("ana")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Regional notebook")
    expiry = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Expires on").fill(expiry.isoformat())
    page.get_by_role("button", name="Create the token").click()
    key = page.locator("#new-token").inner_text().strip()
    assert re.fullmatch(r"mpf_[A-Za-z0-9_-]{40}", key)
    expect(page.get_by_role("row", name=re.compile("Regional notebook"))).to_contain_text("Never")

    # As curl would, outside the browser (no session cookie): the live server's own URL.
    request = urllib.request.Request(  # noqa: S310
        f"{live_server.url}/api/comparison/?framework=mpf-pillar-6&round=2024",
        headers={"Authorization": f"Token {key}"},
    )
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
        assert response.status == 200
        body = json.loads(response.read())
    assert body["groups"]

    page.reload()
    expect(page.get_by_role("row", name=re.compile("Regional notebook"))).not_to_contain_text(
        "Never"
    )
    assert key not in page.content()
    page.get_by_role("button", name="Revoke Regional notebook").click()
    expect(page.get_by_role("row", name=re.compile("Regional notebook"))).to_contain_text("Revoked")
    assert violations() == []


def test_the_api_documentation_draws_every_endpoint_from_our_own_files(
    page, live_server, published, violations
):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/en/api/docs/")
    expect(page.locator("#swagger-ui .opblock").first).to_be_visible()
    assert page.locator("#swagger-ui .opblock").count() >= 6
    expect(page.locator("#swagger-ui")).to_contain_text("/api/comparison/")
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested)
    assert violations() == []
