"""ORM to scoring inputs (assessment/scores.py) and a country's dashboard figures."""

import pytest
from django.utils import translation

from accounts.models import Membership
from assessment.models import Assessment, Response
from assessment.scores import framework_index, framework_tree, ratings_of, scale_of, score_of
from assessment.scoring import Rating, score_assessment
from countries.models import Country
from demo.assessments import framework_tree as tree_by_prefetch
from scores.country import country_scores

from .conftest import LEVELS_2024, Status, make_assessment


def test_the_tree_has_the_frameworks_areas_recommendations_and_weights(pillar6):
    tree = framework_tree(pillar6)
    assert [area.code for area in tree.areas] == ["6.1", "6.2", "6.3"]
    assert sum(1 for _ in tree.indicators()) == 51
    assert tree.areas == tree_by_prefetch(pillar6).areas
    assert scale_of(pillar6) == {0: 0, 1: 25, 2: 50, 3: 75, 4: 100}


def test_the_framework_is_read_once_and_then_served_from_memory(pillar6, django_assert_num_queries):
    with django_assert_num_queries(2):
        framework_index(pillar6)
    with django_assert_num_queries(0):
        framework_tree(pillar6)
        scale_of(pillar6)


def test_titles_follow_the_active_language(pillar6):
    index = framework_index(pillar6)
    assert index.titles("en").areas["6.1"] == "ASM activities in the legal system"
    with translation.override("fr"):
        assert index.titles().areas["6.1"].startswith("Les activités d'EMAPE")
    assert index.titles("en").levels[2] == "Partially in place"


def test_ratings_take_one_query_and_score_as_the_engine_does(pillar6, django_assert_num_queries):
    assessment = make_assessment(pillar6, "SEN", "2024", Status.PUBLISHED, {"6.1": 4, "6.2": None})
    response = Response.objects.filter(assessment=assessment, indicator__code="6.3.1.a").get()
    response.level = pillar6.levels.get(code=1)
    response.target_level = pillar6.levels.get(code=3)
    response.save()
    assessment = Assessment.objects.select_related("framework").get(pk=assessment.pk)
    framework_index(pillar6)
    with django_assert_num_queries(1):
        ratings = ratings_of(assessment)
    assert ratings["6.1.1.a"] == Rating(4)
    assert ratings["6.2.1.a"] == Rating(None, not_applicable=True)
    assert ratings["6.3.1.a"] == Rating(1, target=3)
    assert ratings["6.3.2.a"] == Rating(None)
    score = score_of(assessment)
    assert score == score_assessment(framework_tree(pillar6), scale_of(pillar6), ratings)
    # 6.1 at 100 %, 6.2 all N/A (no score), 6.3 one indicator at 25 %: (100 + 25) / 2.
    assert score.score == pytest.approx(62.5)
    assert score.area("6.2").score is None


@pytest.fixture
def senegal_two_rounds(pillar6, five_countries):
    """SEN 2022 published at 50/25/50, then 2024 (100/50/75); UGA 2024 makes Africa 3."""
    make_assessment(pillar6, "SEN", "2022", Status.PUBLISHED, {"6.1": 2, "6.2": 1, "6.3": 2})
    make_assessment(pillar6, "UGA", "2024", Status.PUBLISHED, {"6.1": 0, "6.2": 0, "6.3": 0})
    return five_countries["SEN"]


def test_the_dashboard_shows_each_area_beside_the_region_and_the_previous_round(
    senegal_two_rounds, focal_a
):
    scores = country_scores(senegal_two_rounds, focal_a)
    assert (scores.iso3, scores.round, scores.region) == ("SEN", "2024", "002")
    assert scores.pillar == pytest.approx(75)
    areas = scores.areas.set_index("area_code")
    assert areas["score"].tolist() == [100, 50, 75]
    # Africa 2024: SEN 100/50/75, RWA 50/50/25, UGA 0/0/0.
    assert areas["region_mean"].tolist() == pytest.approx([50, 100 / 3, 100 / 3])
    assert areas["region_n"].tolist() == [3, 3, 3]
    assert scores.region_pillar == pytest.approx((75 + 125 / 3 + 0) / 3)
    # 2022: 50/25/50 (pillar 41.67) -> change +50/+25/+25, pillar +33.33.
    assert scores.previous_round == "2022"
    assert areas["previous_score"].tolist() == [50, 25, 50]
    assert areas["change"].tolist() == [50, 25, 25]
    assert scores.pillar_change == pytest.approx(75 - 125 / 3)
    indicator = scores.indicators.set_index("indicator_code").loc["6.1.1.a"]
    assert (indicator["previous_level"], indicator["level"], indicator["level_change"]) == (2, 4, 2)
    recommendation = scores.recommendations.set_index("recommendation_code").loc["6.2.1"]
    assert recommendation["change"] == 25


def test_strengths_are_the_highest_indicators_and_gaps_the_lowest(senegal_two_rounds):
    scores = country_scores(senegal_two_rounds)
    assert [i.code for i in scores.strengths] == ["6.1.1.a", "6.1.1.b", "6.1.1.c"]
    assert {i.score for i in scores.strengths} == {100}
    assert {i.score for i in scores.gaps} == {50}
    assert all(i.code.startswith("6.2") for i in scores.gaps)


def test_a_region_of_fewer_than_three_countries_shows_no_average_to_a_ministry_user(
    pillar6, five_countries, focal_a, analyst
):
    for_focal = country_scores(five_countries["SEN"], focal_a)
    assert for_focal.region_pillar is None
    assert for_focal.region_pillar_suppressed
    assert for_focal.areas["region_mean"].isna().all()
    assert for_focal.areas["region_n"].tolist() == [2, 2, 2]
    for_analyst = country_scores(five_countries["SEN"], analyst)
    assert for_analyst.region_pillar == pytest.approx((75 + 125 / 3) / 2)


def test_the_previous_round_is_one_the_user_may_see(pillar6, five_countries, focal_b, analyst):
    make_assessment(pillar6, "SEN", "2022", Status.CONFIDENTIAL, {"6.1": 0})
    senegal = five_countries["SEN"]
    assert (
        Assessment.objects.previous_round_of(senegal, focal_b) is None
    )  # another country's confidential
    assert Assessment.objects.previous_round_of(senegal, None) is None  # anonymous
    assert Assessment.objects.previous_round_of(senegal, analyst).round == "2022"
    assert country_scores(senegal, focal_b).pillar_change is None


def test_region_averages_of_a_ministry_user_include_their_own_confidential_round(
    pillar6, five_countries, focal_a
):
    Assessment.objects.filter(country__iso3="SEN").update(status=Status.CONFIDENTIAL)
    make_assessment(pillar6, "UGA", "2024", Status.CONFIDENTIAL, {"6.1": 0, "6.2": 0, "6.3": 0})
    make_assessment(pillar6, "NAM", "2024", Status.PUBLISHED, {"6.1": 4, "6.2": 4, "6.3": 4})
    Membership.objects.create(
        user=focal_a, country=Country.objects.get(iso3="RWA"), role="contributor"
    )
    scores = country_scores(five_countries["SEN"], focal_a)
    # SEN (own, confidential), RWA (own) and NAM (published); never UGA (confidential).
    assert scores.region_pillar_n == 3
    assert scores.region_pillar == pytest.approx((75 + 125 / 3 + 100) / 3)
    assert LEVELS_2024["SEN"]["6.1"] == 4
