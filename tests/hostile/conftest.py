"""Hostile input: the world the property tests attack, a snapshot of the data, and the
checks every answer must pass (no 500, a clear message in the user's language, nothing
changed when the input was refused)."""

import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import translation

from assessment.services import assessment_create
from frameworks.models import Indicator
from plans import services as plan_services
from plans.models import Institution

# Tables whose content a refused request must leave as it was: everything the application
# keeps, history included (not the sessions, which hold a workbook preview by design).
SNAPSHOT_APPS = {"accounts", "countries", "frameworks", "assessment", "plans", "reports",
                 "api"}  # fmt: skip
ERROR_MARKERS = re.compile(
    r'invalid-feedback|alert-danger|errorlist|is-invalid|class="[^"]*text-danger|role="alert"|'
    r'"errors?"\s*:|"detail"\s*:'
)
# Script payloads are stored as text: they must never come back as markup.
RAW_SCRIPT = re.compile(r"<script>alert\(1\)|<img src=x onerror|<svg onload", re.IGNORECASE)


def snapshot() -> dict[str, list]:
    """Every row of every table the application keeps, by model."""
    tables = {}
    # modeltranslation's values() follow the active language: read them in one language.
    with translation.override("en"):
        for model in apps.get_models():
            if model._meta.app_label in SNAPSHOT_APPS:
                rows = model._default_manager.order_by("pk").values()
                tables[model._meta.label] = list(rows)
    return tables


def changed_tables(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after.get(label)]


def messages_of(response, level_tag: str | None = None) -> list[str]:
    """The messages this request added (not those left over from an earlier request)."""
    queued = getattr(get_messages(response.wsgi_request), "_queued_messages", [])
    return [str(m) for m in queued if level_tag is None or m.level_tag == level_tag]


def error_text(response) -> str:
    """What tells the user the input was refused: an error in the page, or a message."""
    found = messages_of(response, "error")
    content = response.content.decode("utf-8", "replace") if _is_text(response) else ""
    if ERROR_MARKERS.search(content):
        found.append(ERROR_MARKERS.search(content).group(0))
    elif response.status_code in (400, 409, 410) and content.strip():
        found.append(content[:200])
    return " ".join(found)


def _is_text(response) -> bool:
    content_type = response.get("Content-Type", "")
    return content_type.startswith(("text/", "application/json"))


def check_answer(response, *, language: str | None = None) -> None:
    """Never a server error, never raw markup from the input, and the user's language."""
    assert response.status_code < 500, response.content[:2000]
    if response.get("Content-Type", "").startswith("text/html"):
        # JSON may echo the input (a JSON string is no markup); HTML must escape it.
        assert not RAW_SCRIPT.search(response.content.decode("utf-8", "replace"))
    if language and response.status_code != 302:
        assert response.get("Content-Language") == language


def check_refusal(response, before: dict, *, language: str | None = None) -> bool:
    """When the answer refuses the input (a 4xx, or a form or message with an error): a
    message says so and no data changed. Returns whether it was a refusal."""
    check_answer(response, language=language)
    message = error_text(response)
    refused = response.status_code >= 400 or bool(message)
    if refused:
        assert message or response.status_code in (403, 404, 405), response.content[:500]
        assert changed_tables(before, snapshot()) == []
    return refused


def send(client, method: str, url: str, data=None, **extra):
    """A request with the data as a hostile client would send it (multipart, any value).
    A POST carries a CSRF field as a browser's does (the test client does not check it),
    so that a form is bound even when every other field is left out."""
    if method == "get":
        return client.get(url, data or {}, **extra)
    return client.post(url, {"csrfmiddlewaretoken": "x", **(data or {})}, **extra)


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """The property tests send far more requests than a person may: the limits themselves
    are tested in tests/security/test_rate_limits.py."""
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "1000000/min")


@pytest.fixture(autouse=True)
def quiet_tasks(settings):
    """Report builds are queued, not run: the tests look at the requests only."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    mail.outbox = []


@pytest.fixture
def draft(senegal, pillar6, focal_a, contributor_a):
    """Senegal's 2026 draft, with one answer saved."""
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6, user=focal_a)
    return assessment


@pytest.fixture
def institution(senegal) -> Institution:
    return Institution.objects.create(
        country=senegal, name="Ministère des Mines", acronym="MM", kind=Institution.Kind.MINISTRY
    )


@pytest.fixture
def plan_action(draft, focal_a, institution):
    """A plan with one action on one indicator."""
    indicator = Indicator.objects.filter(recommendation__area__framework=draft.framework).order_by(
        "code"
    )[0]
    data = plan_services.ActionData(
        problem="Weak cooperatives", description="Diagnose", impact="high",
        expected_result="", duration_months=6, start_semester="2027-1",
        budget_amount=Decimal("1000"), budget_currency="XOF", status="planned",
        stakeholder_ids=frozenset({institution.pk}), indicator_ids=frozenset({indicator.pk}),
        recommendation_ids=frozenset(),
    )  # fmt: skip
    return plan_services.action_create(assessment=draft, data=data, user=focal_a)


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
