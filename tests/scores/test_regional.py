"""What the regional report says beyond its charts: summary, countries per group, gaps,
changes in the set of countries behind a trend."""

from django.utils import translation

from scores.comparison import load_comparison
from scores.query import ComparisonQuery
from scores.regional import (
    countries_by_group,
    membership_changes,
    recommendation_gaps,
    regional_summary,
)

from .conftest import LEVELS_2024, Status, make_assessment

# LAC: JAM 25, HND 25, PAN 50 (mean 33.33, n=3); Africa: SEN 75, RWA 41.67 (n=2, suppressed).


def comparison_for(user, pillar6, rounds=("2024",)):
    return load_comparison(ComparisonQuery(framework=pillar6, rounds=rounds), user)


def test_the_summary_gives_each_groups_average_with_its_n_and_names_the_hidden_ones(
    five_countries, pillar6, focal_b
):
    with translation.override("en"):
        summary = regional_summary(comparison_for(focal_b, pillar6), grouping_name="UN M49 region")
    text = " ".join(summary.paragraphs)
    assert "compares 5 countries' implementation of Pillar 6 in round 2024" in text
    assert "Latin America and the Caribbean 33% (3 countries)" in text
    assert "Not shown, as fewer countries stand behind them than the minimum: Africa." in text
    assert "42%" not in text and "75%" not in text  # Africa's figures stay hidden


def test_recommendations_are_ranked_by_their_gap_to_full_implementation(
    five_countries, pillar6, analyst
):
    gaps = recommendation_gaps(comparison_for(analyst, pillar6))
    # 6.2 is the lowest area on average (0, 25, 50, 50, 50 -> 35%): its gap is 65%.
    assert gaps[0]["code"].startswith("6.2.") and gaps[0]["gap"] == "65%"
    assert gaps[0]["n"] == 5 and gaps[0]["rank"] == 1
    assert [row["gap_value"] for row in gaps] == sorted(
        (row["gap_value"] for row in gaps), reverse=True
    )


def test_each_group_lists_its_countries_best_first(five_countries, pillar6, analyst):
    groups = {row["group"]: row["countries"] for row in countries_by_group(
        comparison_for(analyst, pillar6))}  # fmt: skip
    lac = [row["country"] for row in groups["Latin America and the Caribbean"]]
    assert lac[0] == "Panama" and set(lac[1:]) == {"Honduras", "Jamaica"}  # 50%, then 25% each
    assert [row["country"] for row in groups["Africa"]] == ["Senegal", "Rwanda"]


def test_a_country_joining_a_group_between_rounds_is_noted(five_countries, pillar6, analyst):
    for iso3 in ("JAM", "HND", "PAN", "SEN"):
        make_assessment(pillar6, iso3, "2026", Status.PUBLISHED, LEVELS_2024[iso3])
    make_assessment(pillar6, "MDG", "2026", Status.PUBLISHED, {"6.1": 1, "6.2": 1, "6.3": 1})
    history = comparison_for(analyst, pillar6, rounds=())
    with translation.override("en"):
        notes = membership_changes(history)
    assert "Africa, 2024 to 2026: Madagascar added; Rwanda not assessed." in notes
    assert not any(note.startswith("Latin America") for note in notes)
