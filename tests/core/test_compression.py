"""Answers travel compressed when the browser accepts it (config/compression.py): pages,
htmx fragments, JSON and CSV; never the pages that show a secret once, nor files that are
compressed already."""

import gzip
import json

import pytest
from django.conf import settings
from django.urls import reverse

from assessment.services import assessment_create

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def draft(senegal, pillar6):
    return assessment_create(country=senegal, round="2026", framework=pillar6)


def test_the_compression_middleware_comes_first_in_every_setup():
    """First, so that it compresses what every other middleware has finished; in the one
    settings module, so the demo (make run), make serve and production all have it."""
    assert settings.MIDDLEWARE[0] == "config.compression.CompressionMiddleware"


def test_a_page_is_sent_gzip_compressed_when_the_browser_accepts_it(client, contributor_a, draft):
    client.force_login(contributor_a)
    response = client.get(reverse("assessment:area", args=[draft.pk, "6.1"]), **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "</html>" in html
    assert len(response.content) < len(html) / 4


def test_a_page_is_sent_plain_to_a_client_that_does_not_accept_gzip(client, contributor_a, draft):
    client.force_login(contributor_a)
    response = client.get(reverse("assessment:area", args=[draft.pk, "6.1"]))
    assert not response.has_header("Content-Encoding")
    assert b"</html>" in response.content


def test_the_sign_in_page_and_json_answers_are_compressed(client, draft):
    page = client.get(reverse("accounts:login"), **GZIP)
    assert page["Content-Encoding"] == "gzip"
    api = client.get("/api/countries/", **GZIP)
    assert api.status_code == 200
    assert api["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(api.content))


def test_two_compressed_answers_of_one_page_differ_in_length_or_bytes(client):
    """The CSRF token is masked afresh and the gzip header padded at random (BREACH)."""
    first = client.get(reverse("accounts:login"), **GZIP).content
    second = client.get(reverse("accounts:login"), **GZIP).content
    assert first != second


def test_the_page_that_shows_a_new_api_token_is_never_compressed(client, contributor_a):
    client.force_login(contributor_a)
    response = client.post(
        reverse("api_pages:tokens"), {"name": "notebook", "expires": "2099-01-01"}, **GZIP
    )
    assert not response.has_header("Content-Encoding")
    listing = client.get(reverse("api_pages:tokens"), **GZIP)
    assert not listing.has_header("Content-Encoding")


def test_the_two_factor_page_with_its_key_is_never_compressed(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("accounts:two_factor"), **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_an_excel_workbook_is_not_compressed_again(client, contributor_a, draft):
    client.force_login(contributor_a)
    response = client.get(reverse("assessment:workbook_download", args=[draft.pk]), **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:2] == b"PK"


def test_a_csv_export_is_compressed(client, contributor_a, draft):
    client.force_login(contributor_a)
    response = client.get(reverse("scores:dashboard_csv", args=[draft.pk]), **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
