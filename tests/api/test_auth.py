"""Signing in to the API (token or session), throttling, and how administrators make tokens."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken, key_hash

CONFIDENTIAL = ("ECU", "2024")


def listed(client) -> set[tuple[str, str]]:
    return {(a["country"], a["round"]) for a in client.get("/api/assessments/").json()}


def test_a_token_signs_the_caller_in(world, analyst, token_of):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_of(analyst)}")
    assert CONFIDENTIAL in listed(client)
    pk = world[CONFIDENTIAL].pk
    assert client.get(f"/api/assessments/{pk}/scores/").status_code == 200


def test_a_ministry_token_opens_its_own_country_only(world, focal_b, token_of):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_of(focal_b)}")
    assert CONFIDENTIAL in listed(client)
    assert ("RWA", "2024") not in listed(client)


def test_a_wrong_token_is_a_401_not_an_anonymous_answer(world, api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = api.get("/api/assessments/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_signed_in_browser_session_works_too(world, client, focal_b):
    client.force_login(focal_b)
    response = client.get("/api/assessments/")
    assert CONFIDENTIAL in {(a["country"], a["round"]) for a in response.json()}


def test_anonymous_callers_are_throttled(db, api, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "3/min")
    statuses = [api.get("/api/frameworks/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/frameworks/")
    assert "Retry-After" in response and "detail" in response.json()


def test_signed_in_callers_have_their_own_larger_allowance(db, analyst, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "1/min")
    client = APIClient()
    client.force_authenticate(analyst)
    assert [client.get("/api/frameworks/").status_code for _ in range(3)] == [200] * 3


def test_an_administrator_creates_a_token_with_the_management_command(world, analyst, capsys):
    call_command("create_api_token", analyst.username, "--name", "Notebook", "--days", "7")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=analyst)
    assert token.name == "Notebook"
    assert token.expires_on == timezone.localdate() + timedelta(days=7)
    assert token.key_hash == key_hash(key) and key.startswith(token.key_start)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert CONFIDENTIAL in listed(client)


def test_administrators_see_and_revoke_tokens_in_the_admin_but_cannot_type_one(
    client, administrator, analyst, token_of
):
    token_of(analyst)
    client.force_login(administrator)
    assert client.get("/en/admin/api/apitoken/").status_code == 200
    assert client.get("/en/admin/api/apitoken/add/").status_code == 403
    token = ApiToken.objects.get()
    client.post(
        "/en/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
