"""Nothing confidential or unfinished of another country reaches a comparison."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import visibility_class
from scores.comparison import comparison_assessments, load_comparison
from scores.query import ComparisonQuery

from .conftest import Status, make_assessment

LEVELS = {"6.1": 2, "6.2": 2, "6.3": 2}


@pytest.fixture
def every_state(pillar6):
    """SEN (country A) validated 2022, confidential 2024, draft 2026; ECU (country B)
    confidential 2024 and submitted 2026; JAM published 2024 and draft 2026."""
    rounds = [
        ("SEN", "2022", Status.VALIDATED), ("SEN", "2024", Status.CONFIDENTIAL),
        ("SEN", "2026", Status.DRAFT), ("ECU", "2024", Status.CONFIDENTIAL),
        ("ECU", "2026", Status.SUBMITTED), ("JAM", "2024", Status.PUBLISHED),
        ("JAM", "2026", Status.DRAFT),
    ]  # fmt: skip
    return {
        (iso3, round_): make_assessment(pillar6, iso3, round_, status, LEVELS)
        for iso3, round_, status in rounds
    }


def visible(user, pillar6, **query) -> set[tuple[str, str]]:
    comparison = load_comparison(ComparisonQuery(framework=pillar6, **query), user)
    return set(comparison.assessments[["iso3", "round"]].itertuples(index=False, name=None))


def test_a_ministry_user_sees_their_own_countable_rounds_and_others_published_ones(
    every_state, pillar6, focal_a
):
    assert visible(focal_a, pillar6) == {("SEN", "2022"), ("SEN", "2024"), ("JAM", "2024")}


def test_a_ministry_user_never_sees_drafts_even_when_asking_for_them(every_state, pillar6, focal_a):
    statuses = list(Status)
    assert visible(focal_a, pillar6, include_drafts=True, statuses=statuses) == {
        ("SEN", "2022"), ("SEN", "2024"), ("JAM", "2024"),
    }  # fmt: skip


def test_a_contributor_of_the_other_country_sees_none_of_senegals_unpublished_rounds(
    every_state, pillar6, focal_b
):
    assert visible(focal_b, pillar6) == {("ECU", "2024"), ("JAM", "2024")}


def test_an_anonymous_reader_sees_published_assessments_only(every_state, pillar6):
    assert visible(AnonymousUser(), pillar6) == {("JAM", "2024")}
    assert visible(None, pillar6) == {("JAM", "2024")}


def test_an_analyst_sees_every_countable_round_and_drafts_only_on_request(
    every_state, pillar6, analyst
):
    countable = {("SEN", "2022"), ("SEN", "2024"), ("ECU", "2024"), ("JAM", "2024")}
    assert visible(analyst, pillar6) == countable
    drafts = {("SEN", "2026"), ("ECU", "2026"), ("JAM", "2026")}
    assert visible(analyst, pillar6, include_drafts=True) == countable | drafts
    comparison = load_comparison(ComparisonQuery(framework=pillar6, include_drafts=True), analyst)
    flagged = comparison.assessments.set_index(["iso3", "round"])["is_draft"]
    assert flagged[flagged].index.tolist() == sorted(drafts)


def test_an_administrator_sees_what_an_analyst_sees(every_state, pillar6, administrator):
    assert len(visible(administrator, pillar6, include_drafts=True)) == 7


def test_statuses_narrow_the_selection_for_everyone(every_state, pillar6, analyst, focal_a):
    published = [Status.PUBLISHED]
    assert visible(analyst, pillar6, statuses=published) == {("JAM", "2024")}
    assert visible(focal_a, pillar6, statuses=published) == {("JAM", "2024")}


def test_users_of_one_visibility_class_share_cached_comparisons(
    contributor_a, focal_a, focal_b, analyst, administrator
):
    assert visibility_class(contributor_a) == visibility_class(focal_a)
    assert visibility_class(focal_a) != visibility_class(focal_b)
    assert visibility_class(analyst) == visibility_class(administrator) == "igf"
    assert visibility_class(AnonymousUser()) == "public"


def test_rounds_are_restricted_in_sql(every_state, pillar6, analyst):
    query = ComparisonQuery(framework=pillar6, rounds=("2024",))
    sql = str(comparison_assessments(analyst, query).query)
    assert "2024" in sql
    assert {a.round for a in comparison_assessments(analyst, query)} == {"2024"}
