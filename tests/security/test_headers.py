"""Security headers on every page, the production cookies and `check --deploy`."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_every_page_sends_a_content_security_policy_without_unsafe_inline(client, pillar6):
    response = client.get(reverse("home"))
    policy = csp_directives(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_error_pages_and_the_sign_in_page_carry_the_policy_too(client, pillar6):
    for url in [reverse("accounts:login"), "/en/no-such-page/"]:
        assert "frame-ancestors 'none'" in client.get(url)["Content-Security-Policy"]


def test_pages_forbid_framing_sniffing_and_cross_site_referrers(client, pillar6):
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_session_cookie_is_http_only_and_idle_sessions_end_after_an_hour():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_IDLE_TIMEOUT == 60 * 60


def test_passwords_need_twelve_characters_and_must_not_be_common():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["Short-pw-1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Granite-river-42")


def _production_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DEMO_MODE"}}
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="assess.example.org",
        SOURCE_CODE_URL="https://code.example.org/mpf-assess",
        DATABASE_URL=f"sqlite:///{tmp_path}/production.sqlite3",
        STATIC_ROOT=str(tmp_path / "static"),
        **extra,
    )
    return env


def test_check_deploy_passes_with_the_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# Asks for the sign-in page through the proxy (HTTPS) with the production settings (static
# files unhashed: there is no collectstatic manifest here, and it is not what is tested).
SIGN_IN_THROUGH_THE_PROXY = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
plain = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    client = Client(HTTP_HOST="assess.example.org")
    response = client.get("/en/accounts/sign-in/", secure=True)
    language = client.post("/i18n/setlang/", {"language": "fr"}, secure=True)
cookies = {name: dict(morsel) for name, morsel in response.cookies.items()}
cookies.update({name: dict(morsel) for name, morsel in language.cookies.items()})
print(json.dumps({"status": response.status_code, "headers": dict(response.headers),
                  "cookies": cookies}))
"""


def test_production_sends_hsts_and_secure_host_prefixed_cookies(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SIGN_IN_THROUGH_THE_PROXY],
        cwd=settings.BASE_DIR,
        env=_production_env(tmp_path, DJANGO_SETTINGS_MODULE="config.settings"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200
    hsts = answer["headers"]["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    # A __Host- cookie is only kept by browsers when Secure, with Path=/ and no Domain.
    for name in ["__Host-csrftoken", "__Host-language"]:
        cookie = answer["cookies"][name]
        assert cookie["secure"] is True
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""
        assert cookie["samesite"] == "Lax"


def test_production_redirects_plain_http_to_https_unless_told_otherwise(tmp_path):
    code = (
        "import django; django.setup(); from django.test import Client; "
        "print(Client().get('/health/', HTTP_HOST='assess.example.org').status_code)"
    )
    statuses = []
    for redirect in ["1", "0"]:
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env=_production_env(
                tmp_path, DJANGO_SETTINGS_MODULE="config.settings", SECURE_SSL_REDIRECT=redirect
            ),
            capture_output=True,
            text=True,
        )
        statuses.append(result.stdout.strip().splitlines()[-1])
    assert statuses[0] == "301"
    assert statuses[1] != "301"


def test_pages_switch_off_camera_microphone_geolocation_and_payment(client, pillar6):
    for url in [reverse("home"), reverse("accounts:login"), "/health/", "/api/"]:
        policy = client.get(url)["Permissions-Policy"]
        assert policy == "camera=(), microphone=(), geolocation=(), payment=()", url


def test_the_policy_asks_browsers_to_report_violations(client, pillar6):
    response = client.get(reverse("home"))
    policy = csp_directives(response)
    assert policy["report-uri"] == ["/csp-report/"]
    assert policy["report-to"] == ["csp"]
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'


REPORT = {
    "csp-report": {
        "document-uri": "https://assess.example.org/en/",
        "violated-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "https://assess.example.org/static/js/app.js",
        "line-number": 12,
        "script-sample": "alert(1)" * 100,
    }
}


@pytest.fixture
def csp_log(caplog):
    caplog.set_level("INFO", logger="csp")
    return lambda: [r for r in caplog.records if r.name == "csp"]


def test_a_violation_report_is_logged_with_its_fields_cut_short(client, csp_log):
    response = client.post(
        "/csp-report/", json.dumps(REPORT), content_type="application/csp-report"
    )
    assert response.status_code == 204
    [record] = csp_log()
    assert record.event == "csp_violation"
    assert record.directive == "script-src-elem" and record.blocked == "inline"
    assert record.document == "https://assess.example.org/en/" and record.line == "12"
    assert len(record.sample) == 300


def test_reports_of_the_reporting_api_are_logged_too(client, csp_log):
    reports = [{"type": "csp-violation", "body": {"documentURL": "https://a.example/en/",
                                                  "effectiveDirective": "img-src",
                                                  "blockedURL": "https://evil.example/x.png"}}]  # fmt: skip
    response = client.post("/csp-report/", json.dumps(reports),
                           content_type="application/reports+json")  # fmt: skip
    assert response.status_code == 204
    [record] = csp_log()
    assert (record.directive, record.blocked) == ("img-src", "https://evil.example/x.png")


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"csp-report": 3}', "\udcff"])
def test_a_malformed_report_is_refused_and_not_logged(client, csp_log, body):
    response = client.post("/csp-report/", body.encode("utf-8", "surrogateescape"),
                           content_type="application/csp-report")  # fmt: skip
    assert response.status_code in (204, 400)
    assert not [r for r in csp_log() if getattr(r, "blocked", None)]


def test_a_report_larger_than_16_kb_is_refused(client, csp_log):
    big = {"csp-report": {"blocked-uri": "x" * 20_000}}
    response = client.post("/csp-report/", json.dumps(big), content_type="application/csp-report")
    assert response.status_code == 413
    assert csp_log() == []


def test_reports_are_rate_limited_per_address(client, csp_log, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "csp_report": "3/min"}
    answers = [
        client.post("/csp-report/", json.dumps(REPORT), content_type="application/csp-report")
        for _ in range(5)
    ]
    assert [a.status_code for a in answers] == [204, 204, 204, 429, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert len(csp_log()) == 3


def test_the_report_endpoint_takes_only_post(client):
    assert client.get("/csp-report/").status_code == 405
