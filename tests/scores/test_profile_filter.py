"""Comparisons narrowed by a fact of the countries' ASM profiles ("countries with a national
action plan on artisanal gold mining"), through the one comparison parser, on the page and
in the API, and never beyond what the reader may see."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessment.models import AsmProfile
from scores.comparison import invalidate, load_comparison
from scores.query import UNKNOWN_FACT, ComparisonQuery

from .conftest import Status, make_assessment

pytestmark = pytest.mark.django_db

PLAN = {"minamata_status": "party", "minamata_plan": datetime.date(2021, 5, 1)}


@pytest.fixture
def plans(five_countries, pillar6):
    """SEN, PAN and JAM have a national action plan; HND is a party without one; RWA has no
    profile. ECU's confidential 2024 round has a plan too."""
    for iso3, facts in [
        ("SEN", PLAN),
        ("PAN", PLAN),
        ("JAM", PLAN),
        ("HND", {"minamata_status": "party"}),
    ]:
        AsmProfile.objects.create(assessment=five_countries[iso3], **facts)
    ecuador = make_assessment(
        pillar6, "ECU", "2024", Status.CONFIDENTIAL, {"6.1": 4, "6.2": 4, "6.3": 4}
    )
    AsmProfile.objects.create(assessment=ecuador, **PLAN)
    invalidate()
    return five_countries


def countries(comparison) -> set[str]:
    return set(comparison.assessments["iso3"])


def test_a_comparison_keeps_the_countries_whose_profile_states_every_fact(plans, pillar6, analyst):
    with_plan = ComparisonQuery(framework=pillar6, profile=("national_action_plan",))
    parties = ComparisonQuery(framework=pillar6, profile=("minamata_party",))
    both = ComparisonQuery(framework=pillar6, profile=("minamata_party", "national_action_plan"))

    assert countries(load_comparison(with_plan, analyst)) == {"SEN", "PAN", "JAM", "ECU"}
    assert countries(load_comparison(parties, analyst)) == {"SEN", "PAN", "JAM", "HND", "ECU"}
    assert countries(load_comparison(both, analyst)) == {"SEN", "PAN", "JAM", "ECU"}


def test_the_filter_never_reaches_beyond_what_the_reader_may_see(plans, pillar6, focal_a):
    query = ComparisonQuery(framework=pillar6, profile=("national_action_plan",))

    assert countries(load_comparison(query, None)) == {"SEN", "PAN", "JAM"}
    assert countries(load_comparison(query, focal_a)) == {"SEN", "PAN", "JAM"}


def test_an_unknown_fact_is_refused_by_the_parser(pillar6):
    with pytest.raises(ValueError) as refused:
        ComparisonQuery(framework=pillar6, profile=("gold_rush",))

    assert str(refused.value) == UNKNOWN_FACT % {"fact": "gold_rush"}


def test_the_comparison_page_filters_and_says_so(client, analyst, plans, pillar6):
    client.force_login(analyst)

    response = client.get(reverse("scores:compare"), {"profile": "national_action_plan"})

    assert response.context["country_count"] == 4
    html = response.content.decode()
    assert "Only countries whose ASM profile says:" in html
    assert "Has a national action plan on artisanal gold mining" in html
    assert "profile=national_action_plan" in response.context["export_query"]


def test_an_unknown_fact_on_the_page_is_a_clear_400(client, plans):
    response = client.get(reverse("scores:compare"), {"profile": "gold_rush"})

    assert response.status_code == 400
    assert "gold_rush" in response.content.decode()


def test_the_api_filters_by_profile_facts(plans, pillar6):
    api = APIClient()

    answer = api.get(
        "/api/comparison/?framework=mpf-pillar-6&round=2024&profile=national_action_plan"
    )
    unknown = api.get("/api/comparison/?framework=mpf-pillar-6&profile=gold_rush")

    body = answer.json()
    assert body["profile"] == ["national_action_plan"]
    counted = sum(group["pillar"]["n_countries"] for group in body["groups"])
    assert counted == 3  # SEN, PAN and JAM: ECU's round is confidential
    assert unknown.status_code == 400
    assert "gold_rush" in unknown.json()["parameters"]["profile"][0]
