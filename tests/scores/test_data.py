"""The comparison: hand-computed group averages, suppression, groupings, query counts and
the cache.

Fixture (conftest.LEVELS_2024), all 2024 and published, percentages per area 6.1/6.2/6.3:
LAC: JAM 25/0/50, HND 50/25/0, PAN 75/50/25 -> means 50/25/25, pillar (25+25+50)/3
Africa: SEN 100/50/75, RWA 50/50/25 -> means 75/50/50, pillar (75+41.67)/2
"""

import math

import pytest

from accounts.models import User
from assessment.models import Response
from assessment.scores import framework_index
from assessment.services import ResponseChange, response_save
from bench.synthetic import generate
from countries.models import Country
from scores.aggregate import PILLAR
from scores.comparison import frame_records, invalidate, load_comparison
from scores.models import CountryGroup
from scores.query import ComparisonQuery

from .conftest import Status, make_assessment

LAC, AFRICA = "419", "002"


def averages(comparison, group: str) -> dict[str, tuple[float, int]]:
    rows = comparison.group_areas[comparison.group_areas["group"] == group]
    return {row.area_code: (row.mean, row.n_countries) for row in rows.itertuples()}


def test_group_averages_per_area_match_the_hand_computed_values(five_countries, analyst, pillar6):
    comparison = load_comparison(ComparisonQuery(framework=pillar6), analyst)
    lac = averages(comparison, LAC)
    assert lac == {
        PILLAR: (pytest.approx(100 / 3), 3), "6.1": (50, 3), "6.2": (25, 3), "6.3": (25, 3),
    }  # fmt: skip
    africa = averages(comparison, AFRICA)
    assert africa == {
        PILLAR: (pytest.approx((75 + 125 / 3) / 2), 2), "6.1": (75, 2), "6.2": (50, 2),
        "6.3": (50, 2),
    }  # fmt: skip
    names = comparison.group_areas.drop_duplicates("group").set_index("group")["group_name"]
    assert names.to_dict() == {AFRICA: "Africa", LAC: "Latin America and the Caribbean"}


def test_the_lac_average_is_shown_and_the_african_one_suppressed_for_a_ministry_user(
    five_countries, focal_a, pillar6
):
    comparison = load_comparison(ComparisonQuery(framework=pillar6), focal_a)
    assert averages(comparison, LAC)["6.1"] == (50, 3)
    mean, n_countries = averages(comparison, AFRICA)["6.1"]
    assert math.isnan(mean) and n_countries == 2
    africa = comparison.group_areas[comparison.group_areas["group"] == AFRICA]
    assert africa["suppressed"].all()
    trend = comparison.trends.set_index("group")
    assert math.isnan(trend.loc[AFRICA, PILLAR]) and trend.loc[AFRICA, "suppressed"]
    assert trend.loc[LAC, "6.1"] == 50


def test_each_assessment_carries_its_scores_and_counts(five_countries, analyst, pillar6):
    comparison = load_comparison(ComparisonQuery(framework=pillar6), analyst)
    jamaica = comparison.assessments.set_index("iso3").loc["JAM"]
    assert (jamaica["pillar"], jamaica["rated"], jamaica["missing"]) == (25, 51, 0)
    assert (jamaica["group"], jamaica["status_label"], jamaica["is_draft"]) == (
        LAC, "Published", False,
    )  # fmt: skip
    areas = comparison.areas[comparison.areas["assessment_id"] == jamaica["assessment_id"]]
    assert areas["score"].tolist() == [25, 0, 50]
    assert len(comparison.recommendations) == 5 * 12
    assert list(comparison.area_labels) == ["6.1", "6.2", "6.3"]
    assert len(comparison.recommendation_labels) == 12


def test_the_ranking_orders_countries_by_pillar_score(five_countries, analyst, pillar6):
    ranking = load_comparison(ComparisonQuery(framework=pillar6), analyst).ranking
    assert ranking["iso3"].tolist() == ["SEN", "PAN", "RWA", "HND", "JAM"]
    assert ranking["rank"].tolist() == [1, 2, 3, 4, 4]


def test_the_heatmap_matrix_is_country_by_recommendation(five_countries, analyst, pillar6):
    matrix = load_comparison(ComparisonQuery(framework=pillar6), analyst).matrix()
    assert matrix.shape == (5, 12)
    assert matrix.loc["Senegal", "6.1.1"] == 100
    assert matrix.loc["Jamaica", "6.2.5"] == 0


def test_igf_regions_and_saved_groups_are_groupings_too(five_countries, analyst, pillar6):
    by_igf = load_comparison(ComparisonQuery(framework=pillar6, grouping="igf"), analyst)
    assert averages(by_igf, "americas")["6.1"] == (50, 3)
    group = CountryGroup.objects.create(name="Pilot countries", owner=analyst)
    group.countries.set(Country.objects.filter(iso3__in=["JAM", "SEN", "HND"]))
    saved = load_comparison(ComparisonQuery(framework=pillar6, grouping=group.grouping), analyst)
    assert set(saved.assessments["iso3"]) == {"JAM", "SEN", "HND"}
    assert set(saved.group_areas["group_name"]) == {"Pilot countries"}
    # 6.1: JAM 25, SEN 100, HND 50.
    assert averages(saved, str(group.pk))["6.1"] == (pytest.approx(175 / 3), 3)


def test_a_changed_group_membership_changes_the_comparison(five_countries, analyst, pillar6):
    group = CountryGroup.objects.create(name="Pilot", owner=analyst)
    group.countries.set(Country.objects.filter(iso3__in=["JAM", "SEN"]))
    query = ComparisonQuery(framework=pillar6, grouping=group.grouping)
    assert len(load_comparison(query, analyst).assessments) == 2
    group.countries.add(Country.objects.get(iso3="PAN"))
    assert len(load_comparison(query, analyst).assessments) == 3


def test_an_unknown_grouping_or_status_is_refused(pillar6):
    with pytest.raises(ValueError):
        ComparisonQuery(framework=pillar6, grouping="continent")
    with pytest.raises(ValueError):
        ComparisonQuery(framework=pillar6, statuses=("lost",))
    assert ComparisonQuery(framework=pillar6, grouping="group:12").saved_group_id == 12


def test_trends_follow_each_group_across_rounds(five_countries, analyst, pillar6):
    for iso3 in ["JAM", "HND", "PAN"]:
        make_assessment(pillar6, iso3, "2026", Status.VALIDATED, {"6.1": 4, "6.2": 4, "6.3": 4})
    comparison = load_comparison(ComparisonQuery(framework=pillar6), analyst)
    lac = comparison.trends[comparison.trends["group"] == LAC]
    assert lac["round"].tolist() == ["2024", "2026"]
    assert lac[PILLAR].tolist() == [pytest.approx(100 / 3), 100]
    assert lac["n_countries"].tolist() == [3, 3]
    only_2026 = load_comparison(ComparisonQuery(framework=pillar6, rounds=("2026",)), analyst)
    assert set(only_2026.assessments["iso3"]) == {"JAM", "HND", "PAN"}
    assert only_2026.ranking["round"].unique().tolist() == ["2026"]


def test_an_empty_selection_gives_empty_tables(pillar6, analyst):
    comparison = load_comparison(ComparisonQuery(framework=pillar6, rounds=("1999",)), analyst)
    assert comparison.assessments.empty and comparison.group_areas.empty
    assert comparison.ranking.empty and comparison.trends.empty


@pytest.mark.parametrize("user_fixture, queries", [("analyst", 2), ("focal_a", 3)])
def test_a_comparison_takes_the_same_number_of_queries_whatever_its_size(
    request, pillar6, django_assert_num_queries, user_fixture, queries
):
    user = request.getfixturevalue(user_fixture)
    framework_index(pillar6)  # static, read once per process
    generate(countries=3, rounds=1, seed=1, framework=pillar6)
    fresh_user = User.objects.get(pk=user.pk)  # memberships not yet read
    with django_assert_num_queries(queries):
        small = load_comparison(ComparisonQuery(framework=pillar6), fresh_user)
    generate(countries=12, rounds=4, seed=2, framework=pillar6)
    fresh_user = User.objects.get(pk=user.pk)
    with django_assert_num_queries(queries):
        large = load_comparison(ComparisonQuery(framework=pillar6), fresh_user)
    if user_fixture == "analyst":
        assert len(large.assessments) > 4 * len(small.assessments) > 0


def test_a_second_call_is_served_from_the_cache(
    five_countries, analyst, pillar6, django_assert_num_queries
):
    query = ComparisonQuery(framework=pillar6)
    first = load_comparison(query, analyst)
    with django_assert_num_queries(0):
        second = load_comparison(query, analyst)
    assert second.group_areas.equals(first.group_areas)


def test_saving_a_response_makes_the_next_comparison_see_the_new_value(
    five_countries, analyst, focal_a, pillar6
):
    query = ComparisonQuery(framework=pillar6)
    before = load_comparison(query, analyst)
    assert averages(before, LAC)["6.1"] == (50, 3)
    # Jamaica's 6.1 indicators are at 25 %; its first one moves to 100 % (level 4).
    response = Response.objects.filter(
        assessment=five_countries["JAM"], indicator__code="6.1.1.a"
    ).get()
    change = ResponseChange(
        level_id=pillar6.levels.get(code=4).pk, not_applicable=False, not_applicable_reason="",
        justification="New law.", target_level_id=None, assignee_id=None,
    )  # fmt: skip
    response_save(response=response, change=change, base_version=response.version, user=focal_a)
    after = load_comparison(query, analyst)
    jamaica = after.recommendations.set_index(["assessment_id", "recommendation_code"])
    n_indicators = Response.objects.filter(
        assessment=five_countries["JAM"], indicator__recommendation__code="6.1.1"
    ).count()
    expected_6_1_1 = (100 + 25 * (n_indicators - 1)) / n_indicators
    assert jamaica.loc[(five_countries["JAM"].pk, "6.1.1"), "score"] == pytest.approx(
        expected_6_1_1
    )
    assert averages(after, LAC)["6.1"][0] > 50


def test_invalidate_makes_bulk_updates_visible(five_countries, analyst, pillar6):
    query = ComparisonQuery(framework=pillar6)
    assert len(load_comparison(query, analyst).assessments) == 5
    five_countries["PAN"].__class__.objects.filter(pk=five_countries["PAN"].pk).update(
        status=Status.DRAFT
    )
    assert len(load_comparison(query, analyst).assessments) == 5  # no signal: still cached
    invalidate()
    assert len(load_comparison(query, analyst).assessments) == 4


def test_an_empty_comparison_has_an_empty_matrix_and_no_records(pillar6, analyst):
    comparison = load_comparison(ComparisonQuery(framework=pillar6, rounds=("1999",)), analyst)
    assert comparison.matrix().empty
    assert frame_records(comparison.ranking) == []


def test_records_are_plain_python_values_with_none_for_missing_figures(
    five_countries, focal_a, pillar6
):
    comparison = load_comparison(ComparisonQuery(framework=pillar6), focal_a)
    records = frame_records(comparison.group_areas)
    africa = next(r for r in records if r["group"] == AFRICA and r["area_code"] == "6.1")
    assert africa == {
        "group": AFRICA, "group_name": "Africa", "round": "2024", "area_code": "6.1",
        "mean": None, "n_countries": 2, "suppressed": True,
    }  # fmt: skip
    assert type(africa["n_countries"]) is int and type(africa["suppressed"]) is bool


def test_synthetic_data_adds_countries_only_when_more_are_asked_for(pillar6, analyst):
    real = Country.objects.count()
    generated = generate(countries=real + 3, rounds=2, seed=3, framework=pillar6)
    assert (generated.countries, generated.countries_created) == (real + 3, 3)
    assert generated.assessments_created == 2 * (real + 3)
    assert generated.responses_created == 51 * generated.assessments_created
    synthetic = Country.objects.filter(iso3__startswith="X").order_by("iso3")
    assert [c.iso3 for c in synthetic] == ["XAA", "XAB", "XAC"]
    again = generate(countries=real + 3, rounds=2, seed=3, framework=pillar6)
    assert (again.countries_created, again.assessments_created) == (0, 0)
    comparison = load_comparison(ComparisonQuery(framework=pillar6, include_drafts=True), analyst)
    assert len(comparison.assessments) == 2 * (real + 3)
    assert "XAA" in set(comparison.assessments["country"])  # no name: shown by its code


def test_a_saved_group_costs_one_more_query_whatever_its_size(
    pillar6, analyst, django_assert_num_queries
):
    framework_index(pillar6)
    group = CountryGroup.objects.create(name="Mine", owner=analyst)
    query = ComparisonQuery(framework=pillar6, grouping=group.grouping, include_drafts=True)
    generate(countries=4, rounds=1, seed=1, framework=pillar6)
    group.countries.set(Country.objects.order_by("iso3")[:2])
    with django_assert_num_queries(3):
        small = load_comparison(query, analyst)
    generate(countries=4, rounds=5, seed=1, framework=pillar6)
    group.countries.set(Country.objects.order_by("iso3")[:4])
    with django_assert_num_queries(3):
        large = load_comparison(query, analyst)
    assert (len(small.assessments), len(large.assessments)) == (2, 20)
