"""Rate limits on what costs the server work or sends e-mail (config/ratelimit.py): each
answers 429 with a translated message and Retry-After, and keeps counting when the shared
cache (Redis) is down."""

import logging

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.models import Invitation
from assessment.models import Assessment
from assessment.services import assessment_create
from audit.models import AuditEvent
from config.ratelimit import MESSAGES, Rate
from reports.models import ReportFile
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def limit(settings, **rates):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **rates}


def assert_limited(response, scope: str, language: str = "en"):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    with translation.override(language):
        assert escape(str(MESSAGES[scope])) in response.content.decode()


@pytest.mark.parametrize(
    "text, count, seconds",
    [("20/hour", 20, 3600), ("60/min", 60, 60), ("5/10min", 5, 600), (" 3 / day ", 3, 86400)],
)
def test_rates_are_read_from_the_settings(text, count, seconds):
    assert Rate.parse(text) == Rate(count, seconds)


def test_a_rate_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        Rate.parse("lots")


def test_invitations_are_limited_per_user(client, senegal, focal_a, settings):
    limit(settings, invitation="2/hour")
    client.force_login(focal_a)
    url = reverse("accounts:invite", args=["SEN"])
    for number in range(2):
        response = client.post(url, {"email": f"guest{number}@example.org", "role": "contributor"})
        assert response.status_code == 302
    response = client.post("/fr" + url[3:], {"email": "guest9@example.org", "role": "contributor"})
    assert_limited(response, "invitation", "fr")
    assert Invitation.objects.count() == 2
    assert client.get(url).status_code == 200  # showing the form costs nothing


@pytest.fixture
def published(senegal, pillar6):
    assessment = assessment_create(country=senegal, round="2024", framework=pillar6)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.PUBLISHED)
    return assessment


def test_pdf_reports_are_limited_per_user(client, contributor_a, published, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    limit(settings, pdf="2/hour")
    client.force_login(contributor_a)
    url = reverse("reports:country_pdf", args=[published.pk])
    for language in ("en", "fr"):
        assert client.post(url, {"language": language}).status_code == 302
    assert_limited(client.post(url, {"language": "es"}), "pdf")
    assert ReportFile.objects.count() == 2


def test_workbook_uploads_and_plan_imports_share_one_limit(
    client, contributor_a, senegal, pillar6, settings
):
    limit(settings, workbook_upload="2/hour")
    draft = assessment_create(country=senegal, round="2026", framework=pillar6)
    client.force_login(contributor_a)
    workbook = client.get(reverse("assessment:workbook_download", args=[draft.pk])).content
    upload = reverse("assessment:workbook_upload", args=[draft.pk])
    for _ in range(2):
        file = SimpleUploadedFile("filled.xlsx", workbook)
        assert client.post(upload, {"file": file}).status_code == 200
    file = SimpleUploadedFile("filled.xlsx", workbook)
    assert_limited(client.post(upload, {"file": file}), "workbook_upload")
    file = SimpleUploadedFile("plan.xlsx", workbook)
    assert_limited(client.post(reverse("plans:import", args=[draft.pk]), {"file": file}),
                   "workbook_upload")  # fmt: skip


def test_password_resets_are_limited_per_address_typed_whether_an_account_has_it_or_not(
    client, settings
):
    limit(settings, password_reset_email="2/hour")
    make_user("zoe", email="zoe@example.org")
    url = reverse("accounts:password_reset")
    for email in ("zoe@example.org", "nobody@example.org"):
        for _ in range(2):
            assert client.post(url, {"email": email}).status_code == 302
        # The same answer for an account and for no account: nothing is revealed.
        assert_limited(client.post(url, {"email": email.upper()}), "password_reset_email")


def test_password_resets_are_limited_per_client_address(client, settings):
    limit(settings, password_reset_address="3/hour")
    url = reverse("accounts:password_reset")
    for number in range(3):
        assert client.post(url, {"email": f"x{number}@example.org"}).status_code == 302
    assert_limited(client.post(url, {"email": "y@example.org"}), "password_reset_address")
    other = client.post(url, {"email": "y@example.org"}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


def test_the_first_refusal_of_a_period_goes_to_the_audit_trail(client, settings):
    limit(settings, password_reset_address="1/hour")
    url = reverse("accounts:password_reset")
    for number in range(4):
        client.post(url, {"email": f"x{number}@example.org"})
    [event] = AuditEvent.objects.filter(event="rate_limited")
    assert event.data == {"limit": "password_reset_address", "rate": "1/hour"}
    assert event.ip == "127.0.0.1"


def test_with_redis_down_the_limits_still_hold_and_an_error_is_logged(client, settings, caplog):
    """Not silently off: each process counts for itself and says the cache is down."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    }
    limit(settings, password_reset_address="2/hour")
    caplog.set_level(logging.ERROR, logger="config.ratelimit")
    url = reverse("accounts:password_reset")
    answers = [client.post(url, {"email": f"x{n}@example.org"}).status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert [r for r in caplog.records if "counted per process" in r.getMessage()]
    assert mail.outbox == []
