"""Each assessment's roll-up scores, stored (assessment/rollups.py): the same figures as the
scoring engine, kept up to date by the service that saves a rating, rebuilt and verified by
management commands, and read by comparisons in place of the responses."""

import io

import pandas as pd
import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from assessment.models import Response, StoredScores
from assessment.rollups import (
    engine_score,
    stored_fields,
    stored_scores_problems,
    stored_scores_rebuild,
    stored_scores_refresh,
)
from assessment.services import ResponseChange, response_save
from bench.synthetic import generate
from scores.comparison import invalidate, load_comparison, restricted_to_rounds
from scores.country import country_scores
from scores.query import ComparisonQuery

from .conftest import Status, make_assessment

pytestmark = pytest.mark.django_db

FRAMES = ["assessments", "areas", "recommendations", "group_areas", "ranking", "trends"]


def rate(response: Response, level, user) -> None:
    change = ResponseChange(
        level_id=level.pk, not_applicable=False, not_applicable_reason="",
        justification="Decree 2024-12.", target_level_id=None, assignee_id=None,
    )  # fmt: skip
    response_save(response=response, change=change, base_version=response.version, user=user)


def assert_same_comparisons(first, second) -> None:
    for name in FRAMES:
        pd.testing.assert_frame_equal(
            getattr(first, name).reset_index(drop=True),
            getattr(second, name).reset_index(drop=True),
            check_dtype=False,
            check_categorical=False,
            obj=name,
        )


def from_responses(query, user):
    """The comparison computed with no stored scores at all."""
    StoredScores.objects.all().delete()
    invalidate()
    return load_comparison(query, user)


def test_saving_a_rating_stores_the_engines_scores(five_countries, pillar6, contributor_a):
    senegal = five_countries["SEN"]
    response = senegal.responses.order_by("pk").first()
    rate(response, pillar6.levels.get(code=0), contributor_a)
    stored = StoredScores.objects.get(assessment=senegal)
    expected = stored_fields(engine_score(senegal))
    assert stored.pillar == pytest.approx(expected["pillar"])
    assert stored.areas == expected["areas"]
    assert stored.recommendations["score"] == pytest.approx(expected["recommendations"]["score"])
    assert stored.framework_hash == pillar6.content_hash
    assert stored_scores_problems() == []


def test_a_change_of_justification_alone_leaves_the_stored_scores_alone(
    five_countries, contributor_a
):
    senegal = five_countries["SEN"]
    response = senegal.responses.order_by("pk").first()
    change = ResponseChange(
        level_id=response.level_id, not_applicable=False, not_applicable_reason="",
        justification="A new justification.", target_level_id=None, assignee_id=None,
    )  # fmt: skip
    response_save(response=response, change=change, base_version=0, user=contributor_a)
    assert not StoredScores.objects.filter(assessment=senegal).exists()


def test_rebuilt_scores_match_the_engine_on_random_data_and_verify_says_so(pillar6):
    generate(countries=12, rounds=3, seed=7, framework=pillar6, store_scores=False)
    assert StoredScores.objects.count() == 0
    out = io.StringIO()
    call_command("rebuild_scores", stdout=out)
    assert "Stored the scores of 36 assessments" in out.getvalue()
    assert stored_scores_problems() == []
    out = io.StringIO()
    call_command("verify_scores", stdout=out)
    assert "The stored scores of 36 assessments match." in out.getvalue()


def test_verify_scores_fails_and_names_an_assessment_whose_stored_scores_are_wrong(
    five_countries,
):
    stored_scores_rebuild()
    senegal = five_countries["SEN"]
    StoredScores.objects.filter(assessment=senegal).update(pillar=12.5)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 assessment"):
        call_command("verify_scores", stderr=err)
    assert f"{senegal.pk} " in err.getvalue() and "pillar differs" in err.getvalue()


def test_a_comparison_from_stored_scores_equals_the_one_from_responses(pillar6, analyst):
    generate(countries=15, rounds=3, seed=3, framework=pillar6)
    query = ComparisonQuery(framework=pillar6, grouping="igf")
    stored = load_comparison(query, analyst)
    assert_same_comparisons(stored, from_responses(query, analyst))


def test_assessments_with_and_without_stored_scores_mix_in_one_comparison(
    five_countries, pillar6, focal_a
):
    stored_scores_refresh(assessment=five_countries["SEN"])
    stored_scores_refresh(assessment=five_countries["PAN"])
    query = ComparisonQuery(framework=pillar6)
    mixed = load_comparison(query, focal_a)
    assert_same_comparisons(mixed, from_responses(query, focal_a))
    assert mixed.assessments.set_index("iso3").loc["SEN", "pillar"] == pytest.approx(75)


def test_scores_stored_for_another_content_of_the_framework_are_not_used(
    five_countries, pillar6, analyst
):
    stored_scores_rebuild()
    StoredScores.objects.update(framework_hash="an older content", pillar=1.0)
    invalidate()
    comparison = load_comparison(ComparisonQuery(framework=pillar6), analyst)
    assert comparison.assessments.set_index("iso3").loc["SEN", "pillar"] == pytest.approx(75)


def test_the_round_shown_cut_from_the_trends_equals_its_own_comparison(pillar6, analyst):
    make_assessment(pillar6, "SEN", "2022", Status.PUBLISHED, {"6.1": 2, "6.2": 2, "6.3": 2})
    generate(countries=10, rounds=3, seed=5, framework=pillar6)
    everything = load_comparison(ComparisonQuery(framework=pillar6), analyst)
    one_round = load_comparison(ComparisonQuery(framework=pillar6, rounds=("2001",)), analyst)
    assert_same_comparisons(restricted_to_rounds(everything, ("2001",)), one_round)


def test_a_dashboards_region_average_reads_only_its_region_and_equals_the_full_comparison(
    five_countries, pillar6, analyst
):
    stored_scores_rebuild()
    senegal = five_countries["SEN"]
    full = load_comparison(ComparisonQuery(framework=pillar6, rounds=("2024",)), analyst)
    africa = full.group_areas[full.group_areas["group"] == senegal.country.analysis_region]
    cache.clear()  # else the whole comparison, cached, is used
    region = load_comparison(
        ComparisonQuery(framework=pillar6, rounds=("2024",)), analyst,
        region=senegal.country.analysis_region,
    )  # fmt: skip
    assert set(region.assessments["iso3"]) == {"SEN", "RWA"}
    pd.testing.assert_frame_equal(
        africa.reset_index(drop=True), region.group_areas.reset_index(drop=True)
    )
    cache.clear()
    figures = country_scores(senegal, analyst)
    assert figures.region_pillar == pytest.approx((75 + 41.6667) / 2, abs=0.01)
