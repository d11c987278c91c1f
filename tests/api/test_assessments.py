"""/api/assessments/ and /api/assessments/<id>/scores/: what each role may list and read.

The world (conftest.py): published JAM, HND, PAN, SEN 2024; confidential RWA and ECU 2024;
validated SEN 2022; drafts SEN and ECU 2026.
"""

import pytest

from api.permissions import NO_SUCH_ASSESSMENT
from assessment.models import AsmProfile

from .conftest import AFRICA, LAC, client_for

PUBLISHED = {("HND", "2024"), ("JAM", "2024"), ("PAN", "2024"), ("SEN", "2024")}


def listed(client, query: str = "") -> set[tuple[str, str]]:
    response = client.get(f"/api/assessments/{query}")
    assert response.status_code == 200
    return {(item["country"], item["round"]) for item in response.json()}


def scores(client, assessment) -> dict:
    response = client.get(f"/api/assessments/{assessment.pk}/scores/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("person", "extra", "drafts"),
    [
        (None, set(), set()),
        ("focal_a", {("SEN", "2022")}, {("SEN", "2026")}),
        ("contributor_a", {("SEN", "2022")}, {("SEN", "2026")}),
        ("focal_b", {("ECU", "2024")}, {("ECU", "2026")}),
        ("analyst", {("SEN", "2022"), ("ECU", "2024"), ("RWA", "2024")},
         {("SEN", "2026"), ("ECU", "2026")}),
    ],
)  # fmt: skip
def test_each_role_lists_published_assessments_its_own_and_drafts_only_on_request(
    world, request, person, extra, drafts
):
    client = client_for(request.getfixturevalue(person) if person else None)
    assert listed(client) == PUBLISHED | extra
    assert listed(client, "?include_drafts=true") == PUBLISHED | extra | drafts


def test_a_listed_assessment_says_what_it_is_and_where_its_scores_are(world, api):
    senegal = world["SEN", "2024"]
    [item] = api.get("/api/assessments/?country=sen").json()
    assert item == {
        "id": senegal.pk, "country": "SEN", "country_name": "Senegal", "round": "2024",
        "status": "published", "status_label": "Published", "is_draft": False,
        "framework": "mpf-pillar-6", "framework_version": senegal.framework.version,
        "scores_url": f"/api/assessments/{senegal.pk}/scores/",
    }  # fmt: skip


def test_the_list_filters_by_country_round_status_and_framework(world, analyst):
    client = client_for(analyst)
    assert listed(client, "?round=2022") == {("SEN", "2022")}
    assert listed(client, "?country=ECU&include_drafts=true") == {("ECU", "2024"), ("ECU", "2026")}
    assert listed(client, "?status=confidential") == {("ECU", "2024"), ("RWA", "2024")}
    assert listed(client, "?status=draft&status=validated") == {
        ("SEN", "2022"), ("SEN", "2026"), ("ECU", "2026"),
    }  # fmt: skip
    assert listed(client, "?framework=another") == set()


def test_naming_a_draft_status_lists_only_the_drafts_the_user_may_read(world, focal_a, api):
    assert listed(client_for(focal_a), "?status=draft") == {("SEN", "2026")}
    assert listed(api, "?status=draft") == set()


def test_a_bad_filter_is_a_400_naming_it(world, api):
    response = api.get("/api/assessments/?status=secret&country=SENEGAL")
    assert response.status_code == 400
    body = response.json()
    assert set(body["parameters"]) == {"status", "country"}
    assert "status" in body["detail"] and "country" in body["detail"]


def test_the_list_costs_a_fixed_number_of_queries(world, analyst, django_assert_num_queries):
    client = client_for(analyst)
    with django_assert_num_queries(1):
        client.get("/api/assessments/?include_drafts=true")


# Scores.


def test_the_scores_hold_the_pillar_areas_recommendations_and_indicators(world, api):
    body = scores(api, world["SEN", "2024"])
    assert body["assessment"]["country"] == "SEN"
    assert body["pillar"]["score"] == 75
    assert body["pillar"]["rated"] == 51 and body["pillar"]["missing"] == 0
    assert [(a["area"], a["score"]) for a in body["areas"]] == [
        ("6.1", 100), ("6.2", 50), ("6.3", 75),
    ]  # fmt: skip
    assert len(body["recommendations"]) == 12 and len(body["indicators"]) == 51
    indicator = body["indicators"][0]
    assert (indicator["indicator"], indicator["level"], indicator["level_label"]) == (
        "6.1.1.a", 4, "Fully in place",
    )  # fmt: skip
    assert [h["score"] for h in body["strengths"]] == [100, 100, 100]
    assert (body["region"], body["region_name"]) == (AFRICA, "Africa")


def test_an_anonymous_reader_sees_no_confidential_average_nor_unpublished_past(world, api):
    body = scores(api, world["SEN", "2024"])
    # Africa's other 2024 assessment (Rwanda) is confidential: only Senegal is left.
    assert body["pillar"]["region_mean"] is None and body["pillar"]["region_suppressed"]
    assert body["pillar"]["region_n"] == 1
    # Senegal 2022 is validated, not published.
    assert body["previous_round"] is None and body["pillar"]["change"] is None


def test_the_country_team_sees_its_own_past_round_and_the_change(world, focal_a):
    body = scores(client_for(focal_a), world["SEN", "2024"])
    assert (body["previous_round"], body["pillar"]["previous_score"]) == ("2022", 50)
    assert body["pillar"]["change"] == 25
    assert body["areas"][0]["change"] == 50
    assert body["indicators"][0]["level_change"] == 2
    assert body["pillar"]["region_mean"] is None  # Rwanda stays confidential


def test_an_analyst_sees_the_regional_average_of_every_country(world, analyst):
    body = scores(client_for(analyst), world["SEN", "2024"])
    assert body["pillar"]["region_mean"] == pytest.approx((75 + 25) / 2)
    assert (body["pillar"]["region_n"], body["pillar"]["region_suppressed"]) == (2, False)
    assert [a["region_mean"] for a in body["areas"]] == [62.5, 37.5, 50]


def test_a_ministry_sees_its_confidential_assessment_beside_the_published_region(world, focal_b):
    body = scores(client_for(focal_b), world["ECU", "2024"])
    assert body["pillar"]["score"] == pytest.approx(200 / 3)
    assert (body["region"], body["pillar"]["region_n"]) == (LAC, 4)
    assert body["pillar"]["region_mean"] == pytest.approx((25 + 25 + 50 + 200 / 3) / 4)


def test_a_draft_counts_unrated_indicators_as_missing(world, focal_a):
    body = scores(client_for(focal_a), world["SEN", "2026"])
    assert body["assessment"]["is_draft"] is True
    assert body["pillar"]["score"] == 100
    assert (body["pillar"]["rated"], body["pillar"]["missing"]) == (13, 38)
    assert [a["score"] for a in body["areas"]] == [100, None, None]
    assert body["previous_round"] == "2024"


@pytest.mark.parametrize(
    ("person", "key"),
    [
        (None, ("ECU", "2024")),
        (None, ("SEN", "2022")),
        (None, ("SEN", "2026")),
        ("focal_a", ("ECU", "2024")),
        ("focal_a", ("RWA", "2024")),
        ("focal_a", ("ECU", "2026")),
        ("focal_b", ("SEN", "2022")),
        ("focal_b", ("SEN", "2026")),
    ],
)
def test_scores_the_caller_may_not_read_are_a_404(world, request, person, key):
    client = client_for(request.getfixturevalue(person) if person else None)
    pk = world[key].pk
    response = client.get(f"/api/assessments/{pk}/scores/")
    assert response.status_code == 404
    assert response.json() == {"detail": str(NO_SUCH_ASSESSMENT % {"pk": pk})}


def test_an_unknown_or_malformed_assessment_number_is_a_404(world, api):
    for pk in ["999999", "abc", "-1", "1e3", "99999999999999999999999"]:
        assert api.get(f"/api/assessments/{pk}/scores/").status_code == 404


def test_the_scores_cost_a_fixed_number_of_queries(world, analyst, django_assert_max_num_queries):
    client = client_for(analyst)
    client.get(f"/api/assessments/{world['SEN', '2024'].pk}/scores/")  # warms the framework
    # The assessment, its rounds' ratings, and its own region's averages (not cached yet:
    # the region's assessments, their stored scores, the responses of those without).
    with django_assert_max_num_queries(6):
        client.get(f"/api/assessments/{world['ECU', '2024'].pk}/scores/")


def test_the_scores_say_the_method_the_trend_and_the_profile(world, focal_a):
    senegal = world["SEN", "2024"]
    AsmProfile.objects.create(
        assessment=senegal, minerals="Gold", minerals_source="Cadastre", minerals_year=2024,
        workforce_total=30000, workforce_women=9000, workforce_source="Census",
        workforce_year=2023, minamata_status="party",
    )  # fmt: skip

    body = client_for(focal_a).get(f"/api/assessments/{senegal.pk}/scores/").json()

    assert body["scoring_method"] == "nested_means"
    assert body["trend"]["compared_on"] == 51
    assert [(p["round"], p["version"], p["pillar"]) for p in body["trend"]["rounds"]] == [
        ("2022", 1, 50.0), ("2024", 1, 75.0),
    ]  # fmt: skip
    profile = body["profile"]
    assert (profile["minerals"], profile["workforce_men"], profile["minamata_status"]) == (
        "Gold", 21000, "party",
    )  # fmt: skip
    assert profile["minamata_status_label"] == "Party"


def test_a_round_without_a_profile_says_null(world, api):
    body = api.get(f"/api/assessments/{world['JAM', '2024'].pk}/scores/").json()

    assert body["profile"] is None
    assert [p["round"] for p in body["trend"]["rounds"]] == ["2024"]
