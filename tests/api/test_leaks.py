"""Nothing confidential or unfinished of another country reaches a ministry user or an
anonymous caller through any endpoint, however the parameters are set.

A caller outside IGF may count: published assessments, and their own countries' validated,
published and confidential ones. Everything the API answers them is checked against that.
"""

import pytest

from assessment.models import Assessment

from .conftest import WORLD, client_for

ALL_STATUSES = "&".join(f"status={status}" for status in Assessment.Status.values)
ANALYSIS_REGION = {"JAM": "419", "HND": "419", "PAN": "419", "ECU": "419", "SEN": "002",
                   "RWA": "002"}  # fmt: skip
OWN = {None: set(), "focal_a": {"SEN"}, "contributor_a": {"SEN"}, "focal_b": {"ECU"}}


def countable_for(person) -> set[tuple[str, str]]:
    """(iso3, round) whose figures the person may count."""
    return {
        (iso3, round_)
        for iso3, round_, status, _levels in WORLD
        if status == Assessment.Status.PUBLISHED
        or (iso3 in OWN[person] and status in Assessment.COUNTABLE_STATUSES)
    }


def readable_by(person) -> set[tuple[str, str]]:
    """(iso3, round) the person may open: countable ones and their own drafts."""
    return countable_for(person) | {
        (iso3, round_) for iso3, round_, _s, _l in WORLD if iso3 in OWN[person]
    }


@pytest.fixture(params=list(OWN))
def person(request):
    return request.param


@pytest.fixture
def caller(request, person):
    return client_for(request.getfixturevalue(person) if person else None)


def test_the_list_never_shows_what_the_caller_may_not_open(world, person, caller):
    listed = caller.get(f"/api/assessments/?include_drafts=true&{ALL_STATUSES}").json()
    assert {(a["country"], a["round"]) for a in listed} == readable_by(person)


def test_no_scores_of_another_countrys_unpublished_assessment(world, person, caller):
    for key, assessment in world.items():
        status = caller.get(f"/api/assessments/{assessment.pk}/scores/").status_code
        assert status == (200 if key in readable_by(person) else 404), key


@pytest.mark.parametrize("rounds", ["", "&round=2022", "&round=2024", "&round=2026"])
def test_comparison_counts_only_what_the_caller_may_count(world, person, caller, rounds):
    for grouping in ["m49", "igf", "subregion"]:
        query = f"?framework=mpf-pillar-6&group={grouping}&include_drafts=true{rounds}"
        body = caller.get("/api/comparison/" + query).json()
        counted: dict[str, int] = {}
        for group in body["groups"]:
            pillar = group["pillar"]
            counted[group["round"]] = counted.get(group["round"], 0) + pillar["n_countries"]
            assert group["n_drafts"] == 0
            if pillar["n_countries"] < body["min_group_size"]:
                assert pillar["mean"] is None and pillar["suppressed"]
        expected: dict[str, int] = {}
        for _iso3, round_ in countable_for(person):
            if not rounds or rounds.endswith(round_):
                expected[round_] = expected.get(round_, 0) + 1
        assert counted == expected, grouping


def test_region_averages_beside_scores_count_only_what_the_caller_may_count(world, person, caller):
    countable = countable_for(person)
    for iso3, round_ in readable_by(person):
        body = caller.get(f"/api/assessments/{world[iso3, round_].pk}/scores/").json()
        region = ANALYSIS_REGION[iso3]
        expected = sum(1 for i, r in countable if r == round_ and ANALYSIS_REGION[i] == region)
        assert body["pillar"]["region_n"] == expected, (iso3, round_)
        if body["previous_round"] is not None:
            assert (iso3, body["previous_round"]) in countable
