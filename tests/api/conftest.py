"""A small world for the API: published, validated, confidential and draft assessments of
a few countries, with levels chosen so that every figure is hand-checkable and a leaked
confidential or draft figure changes a mean visibly.

Levels per area 6.1/6.2/6.3 (0..4 = 0/25/50/75/100 %); the pillar is the mean of the areas.
2024: JAM 25/0/50 (25), HND 50/25/0 (25), PAN 75/50/25 (50): published, Latin America.
      SEN 100/50/75 (75): published. RWA 25/25/25 (25): confidential. Africa.
      ECU 0/100/100 (66.67): confidential. Latin America.
2022: SEN 50/50/50 (50): validated (countable, not published).
2026: SEN and ECU drafts, 6.1 rated 100 only (the rest missing).
"""

import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import api_token_create
from assessment.models import Assessment, Response
from assessment.scores import clear_framework_indexes
from assessment.services import assessment_create
from countries.models import Country
from scores.comparison import invalidate

Status = Assessment.Status
LAC, AFRICA = "419", "002"

WORLD = [
    ("SEN", "2022", Status.VALIDATED, {"6.1": 2, "6.2": 2, "6.3": 2}),
    ("JAM", "2024", Status.PUBLISHED, {"6.1": 1, "6.2": 0, "6.3": 2}),
    ("HND", "2024", Status.PUBLISHED, {"6.1": 2, "6.2": 1, "6.3": 0}),
    ("PAN", "2024", Status.PUBLISHED, {"6.1": 3, "6.2": 2, "6.3": 1}),
    ("SEN", "2024", Status.PUBLISHED, {"6.1": 4, "6.2": 2, "6.3": 3}),
    ("RWA", "2024", Status.CONFIDENTIAL, {"6.1": 1, "6.2": 1, "6.3": 1}),
    ("ECU", "2024", Status.CONFIDENTIAL, {"6.1": 0, "6.2": 4, "6.3": 4}),
    ("SEN", "2026", Status.DRAFT, {"6.1": 4}),
    ("ECU", "2026", Status.DRAFT, {"6.1": 4}),
]


@pytest.fixture(autouse=True)
def fresh_caches():
    """No comparison or throttle count survives from an earlier test."""
    cache.clear()
    clear_framework_indexes()
    yield
    cache.clear()


def make_assessment(framework, iso3: str, round_: str, status: str, levels: dict) -> Assessment:
    """An assessment whose indicators are all at one level per area; an area left out
    stays unrated (missing)."""
    country = Country.objects.get(iso3=iso3)
    assessment = assessment_create(country=country, round=round_, framework=framework)
    responses = Response.objects.filter(assessment=assessment)
    responses.update(level=None, not_applicable=False, target_level=None)
    for area_code, level_code in levels.items():
        responses.filter(indicator__recommendation__area__code=area_code).update(
            level=framework.levels.get(code=level_code)
        )
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    invalidate()
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def world(pillar6) -> dict[tuple[str, str], Assessment]:
    """(iso3, round) -> assessment, for the assessments described above."""
    return {
        (iso3, round_): make_assessment(pillar6, iso3, round_, status, levels)
        for iso3, round_, status, levels in WORLD
    }


@pytest.fixture
def api():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def token_of():
    def token(user) -> str:
        """A new personal API token of `user`, valid for 30 days."""
        expires_on = timezone.localdate() + timedelta(days=30)
        return api_token_create(user=user, name=f"test {uuid.uuid4()}", expires_on=expires_on)[1]

    return token
