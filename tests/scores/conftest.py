"""Assessments with simple, hand-checkable ratings, and a clean comparison cache per test."""

import pytest
from django.core.cache import cache

from assessment.models import Assessment, Response
from assessment.scores import clear_framework_indexes
from assessment.services import assessment_create
from countries.models import Country
from scores.comparison import invalidate
from scores.versions import clear_version_chains

Status = Assessment.Status


@pytest.fixture(autouse=True)
def fresh_caches():
    """A comparison cached by an earlier test (whose data was rolled back) is never reused."""
    cache.clear()
    clear_framework_indexes()
    clear_version_chains()
    yield
    cache.clear()


def make_assessment(
    framework, iso3: str, round_: str, status: str, levels: dict[str, int | None]
) -> Assessment:
    """An assessment whose indicators are all at one level per area ({"6.1": 2, ...});
    None rates an area not applicable, an area left out stays unrated (missing)."""
    country = Country.objects.get(iso3=iso3)
    assessment = assessment_create(country=country, round=round_, framework=framework)
    responses = Response.objects.filter(assessment=assessment)
    responses.update(level=None, not_applicable=False)
    for area_code, level_code in levels.items():
        in_area = responses.filter(indicator__recommendation__area__code=area_code)
        if level_code is None:
            in_area.update(not_applicable=True, not_applicable_reason="Does not apply.")
        else:
            in_area.update(level=framework.levels.get(code=level_code))
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    invalidate()
    assessment.refresh_from_db()
    return assessment


# Levels per area (0..4 = 0/25/50/75/100 %) and the resulting pillar score (mean of areas):
# LAC: JAM 25/0/50 -> 25; HND 50/25/0 -> 25; PAN 75/50/25 -> 50
# Africa: SEN 100/50/75 -> 75; RWA 50/50/25 -> 41.67
LEVELS_2024 = {
    "JAM": {"6.1": 1, "6.2": 0, "6.3": 2},
    "HND": {"6.1": 2, "6.2": 1, "6.3": 0},
    "PAN": {"6.1": 3, "6.2": 2, "6.3": 1},
    "SEN": {"6.1": 4, "6.2": 2, "6.3": 3},
    "RWA": {"6.1": 2, "6.2": 2, "6.3": 1},
}


@pytest.fixture
def five_countries(pillar6) -> dict[str, Assessment]:
    """Round 2024, every assessment published."""
    return {
        iso3: make_assessment(pillar6, iso3, "2024", Status.PUBLISHED, levels)
        for iso3, levels in LEVELS_2024.items()
    }
