"""Personal API tokens: made on the API tokens page (shown once, stored hashed), used with
`Authorization: Token …`, expired or revoked, and their use on unpublished data audited."""

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from api.authentication import EXPIRED_TOKEN, INVALID_TOKEN
from api.forms import EXPIRY_IN_THE_PAST, EXPIRY_TOO_LATE
from api.models import ApiToken, key_hash
from api.services import NAME_TAKEN
from tests.conftest import make_user

TOKENS = "/en/api/tokens/"
COMPARISON = "/api/comparison/?framework=mpf-pillar-6&round=2024&include_drafts=true"
CONFIDENTIAL = ("ECU", "2024")


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def create(client, name="Notebook", days=30):
    return client.post(TOKENS, {"name": name, "expires_on": in_days(days)})


def new_key_of(response) -> str:
    return response.context["new_key"]


def api_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(TOKENS)
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_a_token_is_shown_once_and_only_its_hash_is_stored(client, analyst):
    client.force_login(analyst)
    response = create(client)
    key = new_key_of(response)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # the key is on this page
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=analyst)
    assert token.name == "Notebook" and token.expires_on.isoformat() == in_days(30)
    assert token.key_hash == key_hash(key) and key.startswith(token.key_start)
    assert key not in {token.key_start, token.key_hash, token.name}
    again = client.get(TOKENS).content.decode()
    assert key not in again and f"{token.key_start}…" in again


def test_a_token_made_on_the_page_reads_the_comparison_as_its_owner(client, analyst, world):
    client.force_login(analyst)
    key = new_key_of(create(client))
    anonymous = APIClient().get(COMPARISON)
    response = api_with(key).get(COMPARISON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() != anonymous.json()  # the analyst sees more than the public
    assert api_with(key).get("/api/assessments/").status_code == 200


def test_the_time_of_last_use_is_kept_with_at_most_one_write_a_minute(
    client, analyst, world, django_assert_max_num_queries
):
    client.force_login(analyst)
    key = new_key_of(create(client))
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    api_with(key).get("/api/frameworks/")
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    api_with(key).get("/api/frameworks/")
    token.refresh_from_db()
    assert token.last_used_at == first_use
    ApiToken.objects.update(last_used_at=first_use - timedelta(minutes=5))
    api_with(key).get("/api/frameworks/")
    token.refresh_from_db()
    assert token.last_used_at > first_use - timedelta(minutes=5)


@pytest.mark.parametrize(
    ("days", "message"),
    [(0, EXPIRY_IN_THE_PAST), (-3, EXPIRY_IN_THE_PAST), (366, EXPIRY_TOO_LATE)],
)
def test_an_expiry_date_outside_a_year_from_tomorrow_is_refused(client, analyst, days, message):
    client.force_login(analyst)
    response = create(client, days=days)
    assert response.status_code == 400
    expected = str(message).split("%")[0]
    assert expected in response.content.decode()
    assert response.context["new_key"] is None
    assert not ApiToken.objects.exists()


def test_two_active_tokens_of_one_user_never_share_a_name(client, analyst):
    client.force_login(analyst)
    create(client, name="Notebook")
    response = create(client, name="Notebook")
    assert response.status_code == 400
    assert str(NAME_TAKEN % {"name": "Notebook"}).replace("“", "&#8220;")[:20] in (
        response.content.decode().replace("“", "&#8220;")
    )
    assert ApiToken.objects.count() == 1


def test_a_revoked_token_stops_working_and_stays_listed(client, analyst, world):
    client.force_login(analyst)
    key = new_key_of(create(client))
    token = ApiToken.objects.get()
    response = client.post(reverse("api_pages:revoke", args=[token.pk]))
    assert response.status_code == 302 and response["Location"] == TOKENS
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = api_with(key).get("/api/assessments/")
    assert refused.status_code == 401
    assert refused.json()["detail"] == str(EXPIRED_TOKEN)
    assert "Revoked" in client.get(TOKENS).content.decode()
    assert create(client, name="Notebook").status_code == 200  # the name is free again


def test_an_expired_token_is_refused_not_read_as_anonymous(client, analyst, world):
    client.force_login(analyst)
    key = new_key_of(create(client))
    ApiToken.objects.update(expires_on=timezone.localdate() - timedelta(days=1))
    response = api_with(key).get("/api/assessments/")
    assert response.status_code == 401
    assert response.json()["detail"] == str(EXPIRED_TOKEN)


def test_a_mistyped_token_says_so_in_the_callers_language(db):
    response = api_with("mpf_not-a-real-key").get("/api/frameworks/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 401
    with translation.override("fr"):
        assert response.json()["detail"] == str(INVALID_TOKEN)
    english = api_with("mpf_x").get("/api/frameworks/", HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        assert english.json()["detail"] == str(INVALID_TOKEN) != response.json()["detail"]


def test_nobody_revokes_another_users_token(client, analyst, focal_a):
    client.force_login(analyst)
    create(client)
    token = ApiToken.objects.get()
    client.force_login(focal_a)
    assert client.post(reverse("api_pages:revoke", args=[token.pk])).status_code == 404
    assert client.get(reverse("api_pages:revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_each_user_sees_only_their_own_tokens(client, analyst, focal_a):
    client.force_login(analyst)
    create(client, name="Analyst's notebook")
    client.force_login(focal_a)
    page = client.get(TOKENS).content.decode()
    assert "Analyst&#x27;s notebook" not in page and "Analyst's notebook" not in page


def test_the_tokens_page_costs_a_fixed_number_of_queries(
    client, analyst, django_assert_max_num_queries
):
    client.force_login(analyst)
    for number in range(5):
        create(client, name=f"Script {number}")
    with django_assert_max_num_queries(8):
        assert client.get(TOKENS).status_code == 200


def test_the_page_is_translated(client, analyst):
    client.force_login(analyst)
    page = client.get("/fr/api/tokens/").content.decode()
    assert "Vos jetons" in page and "Nouveau jeton" in page


# -- the audit trail --------------------------------------------------------------------


def audit_events(caplog) -> list:
    return [r for r in caplog.records if getattr(r, "event", "") == "api_token_read_unpublished"]


def test_reading_unpublished_assessments_with_a_token_is_audited(client, analyst, world, caplog):
    client.force_login(analyst)
    key = new_key_of(create(client))
    token = ApiToken.objects.get()
    with caplog.at_level(logging.INFO, logger="audit"):
        api_with(key).get(f"/api/assessments/{world[CONFIDENTIAL].pk}/scores/")
        api_with(key).get(COMPARISON)
    scores, comparison = audit_events(caplog)
    assert scores.assessment_ids == [world[CONFIDENTIAL].pk]
    assert scores.token == token.key_start and scores.token_id == token.pk
    assert scores.user == analyst.username
    assert world[CONFIDENTIAL].pk in comparison.assessment_ids
    published = {a.pk for a in world.values() if a.status == "published"}
    assert not published & set(comparison.assessment_ids)


def test_published_data_and_browser_sessions_are_not_audited_as_token_use(
    client, analyst, world, caplog
):
    client.force_login(analyst)
    key = new_key_of(create(client))
    with caplog.at_level(logging.INFO, logger="audit"):
        published = next(a for a in world.values() if a.status == "published")
        api_with(key).get(f"/api/assessments/{published.pk}/scores/")
        client.get(f"/api/assessments/{world[CONFIDENTIAL].pk}/scores/")  # session, no token
    assert audit_events(caplog) == []


def test_a_token_of_a_disabled_account_is_refused(client, world):
    user = make_user("leaver", is_analyst=True)
    client.force_login(user)
    key = new_key_of(create(client))
    user.is_active = False
    user.save()
    assert api_with(key).get("/api/assessments/").status_code == 401
