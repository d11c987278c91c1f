"""A round started on version 2 of the framework from a round on version 1: what is carried
over (the indicators the crosswalk calls the same or reworded), and how the filling page
marks the rest as new."""

import pytest
from django.urls import reverse

from assessment.models import Assessment, Response
from assessment.services import assessment_create
from frameworks.models import Indicator

pytestmark = pytest.mark.django_db

PUBLISHED = Assessment.Status.PUBLISHED


@pytest.fixture
def senegal_2024(senegal, pillar6, focal_a) -> Assessment:
    """Version 1, every indicator at level 3 with a justification, published."""
    assessment = assessment_create(country=senegal, round="2024", framework=pillar6, user=focal_a)
    Response.objects.filter(assessment=assessment).update(
        level=pillar6.levels.get(code=3), justification="As in 2024."
    )
    Assessment.objects.filter(pk=assessment.pk).update(status=PUBLISHED)
    return assessment


@pytest.fixture
def senegal_2026(senegal, pillar6_v2, focal_a, senegal_2024) -> Assessment:
    return assessment_create(country=senegal, round="2026", framework=pillar6_v2, user=focal_a)


def answers(assessment: Assessment) -> dict[str, Response]:
    rows = assessment.responses.select_related("indicator", "level__framework")
    return {response.indicator.code: response for response in rows}


def test_a_round_on_version_2_carries_over_only_the_same_and_reworded_answers(
    pillar6, pillar6_v2, senegal_2024, senegal_2026
):
    responses = answers(senegal_2026)
    carried = {code for code, response in responses.items() if response.level_id}

    assert senegal_2026.copied_from == senegal_2024
    assert len(responses) == 59
    assert carried == set(pillar6_v2.comparable_codes(pillar6))
    assert len(carried) == 43
    assert responses["6.2.3.a"].level.framework == pillar6_v2  # reworded: on v2's own scale
    assert (responses["6.2.3.a"].level.code, responses["6.2.3.a"].justification) == (
        3,
        "As in 2024.",
    )
    for code in ("6.1.1.f", "6.3.1.f", "6.3.5.a", "6.3.4.f", "6.2.2.e"):
        assert (responses[code].level, responses[code].justification) == (None, ""), code


def test_the_filling_page_marks_new_and_reworded_indicators_and_compares_the_rest(
    client, focal_a, pillar6_v2, senegal_2026
):
    client.force_login(focal_a)

    page = client.get(reverse("assessment:area", args=[senegal_2026.pk, "6.3"])).content.decode()

    in_area = Indicator.objects.filter(
        recommendation__area__framework=pillar6_v2, recommendation__area__code="6.3"
    )
    new = {"6.3.1.f", "6.3.3.e", "6.3.3.f", "6.3.4.e", "6.3.4.f", *(f"6.3.5.{x}" for x in "abcde")}
    assert page.count("New in version 2: nothing carried over from 2024") == len(new)
    assert page.count("Reworded in version 2: check the answer carried over from 2024") == 1
    assert page.count("Unchanged since 2024") == in_area.count() - len(new)
    assert "Changed since 2024" not in page


def test_a_round_on_the_same_version_marks_nothing_as_new(client, focal_a, senegal, pillar6):
    earlier = assessment_create(country=senegal, round="2024", framework=pillar6, user=focal_a)
    Assessment.objects.filter(pk=earlier.pk).update(status=PUBLISHED)
    later = assessment_create(country=senegal, round="2026", framework=pillar6, user=focal_a)
    client.force_login(focal_a)

    page = client.get(reverse("assessment:area", args=[later.pk, "6.1"])).content.decode()

    assert later.copied_from == earlier
    assert "New in version" not in page and "Reworded in version" not in page
