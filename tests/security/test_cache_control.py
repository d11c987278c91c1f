"""Nothing shown to a signed-in person is kept by a cache: every response to them says
`Cache-Control: private, no-store` (config/caching.py). Public pages may say otherwise, for
anonymous visitors only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from api.services import api_token_create
from assessment.services import assessment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(senegal, pillar6):
    return assessment_create(country=senegal, round="2026", framework=pillar6)


def signed_in_pages(draft) -> dict[str, str]:
    pk = draft.pk
    return {
        "assessment page": reverse("assessment:detail", args=[pk]),
        "area page": reverse("assessment:area", args=[pk, "6.1"]),
        "workbook": reverse("assessment:workbook_download", args=[pk]),
        "plan CSV": reverse("plans:export_csv", args=[pk]),
        "plan workbook": reverse("plans:export_xlsx", args=[pk]),
        "score CSV": reverse("scores:dashboard_csv", args=[pk]),
        "score workbook": reverse("scores:dashboard_xlsx", args=[pk]),
        "API scores": f"/api/assessments/{pk}/scores/",
        "team page": reverse("accounts:team", args=["SEN"]),
        "home page": reverse("home"),
        "framework page": reverse("frameworks:list"),
        "a 404 page": "/en/no-such-page/",
    }


def test_every_response_to_a_signed_in_user_is_private_and_not_stored(client, contributor_a, draft):
    """The finding: assessment and area pages, workbooks and exports, score CSVs, API
    scores and team pages came without Cache-Control."""
    client.force_login(contributor_a)
    for name, url in signed_in_pages(draft).items():
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", (name, response.status_code)
        assert "Expires" not in response, name


def test_an_api_client_signed_in_with_a_token_gets_private_answers_too(
    client, contributor_a, draft
):
    _token, key = api_token_create(user=contributor_a, name="notebook",
                                   expires_on=timezone.localdate() + timedelta(days=30))  # fmt: skip
    response = client.get(f"/api/assessments/{draft.pk}/scores/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.fixture
def public_urls(settings):
    settings.ROOT_URLCONF = "tests.core.public_urls"


def test_a_public_page_may_be_cached_for_anonymous_visitors_only(
    client, contributor_a, public_urls
):
    response = client.get("/public/")
    assert response["Cache-Control"] == "public, max-age=600"
    assert "Cookie" in response["Vary"]
    client.force_login(contributor_a)
    assert client.get("/public/")["Cache-Control"] == "private, no-store"


def test_a_public_response_that_sets_a_cookie_is_not_public(client, public_urls):
    response = client.get("/public-with-cookie/")
    assert response.cookies
    assert "Cache-Control" not in response


def test_a_page_with_a_csrf_token_is_never_public(client, pillar6):
    """Django renews the CSRF cookie on every page whose form uses it (the sign-in form)."""
    client.get(reverse("accounts:login"))
    assert client.get(reverse("accounts:login")).cookies


def test_an_anonymous_page_without_a_form_sets_no_cookie(client, pillar6):
    """The language switch of anonymous visitors is made of links, not a form with a token."""
    client.get(reverse("home"))
    assert not client.get(reverse("home")).cookies


def test_anonymous_pages_that_did_not_ask_are_left_as_their_view_made_them(client, pillar6):
    assert "Cache-Control" not in client.get(reverse("countries:list"))
    assert "no-cache" in client.get("/health/")["Cache-Control"]  # never_cache stays
