"""One search box over indicators, published justifications, case studies and practices,
in the four languages (PostgreSQL full-text search, a simple fallback on SQLite)."""

import pytest
from django.db import connection
from django.urls import reverse

from assessment.models import Assessment, Response
from countries.models import Country
from plans.practices import PracticeData, practice_save
from plans.services import plan_get_or_create

from .conftest import rated
from .test_case_studies import make_case

pytestmark = pytest.mark.django_db

FRENCH = "Les permis d'orpaillage sont délivrés par les communes depuis 2019."


def justify(assessment, text, code="6.1.1.b"):
    Response.objects.filter(assessment=assessment, indicator__code=code).update(justification=text)


@pytest.fixture
def texts(pillar6, analyst, focal_a, senegal):
    published = rated(Country.objects.get(iso3="RWA"), "2024", pillar6, analyst,
                      status="published", level=3)  # fmt: skip
    justify(published, FRENCH)
    for iso3, status in (("UGA", "validated"), ("NAM", "confidential"), ("MNG", "draft")):
        hidden = rated(Country.objects.get(iso3=iso3), "2024", pillar6, analyst, status=status,
                       level=4)  # fmt: skip
        justify(hidden, f"SECRET-{iso3}: permis délivrés aux orpailleurs.")
    own = rated(senegal, "2026", pillar6, focal_a, status="draft", level=1)
    justify(own, "SECRET-SEN: permis délivrés aux orpailleurs.")
    plan = plan_get_or_create(assessment=own, user=focal_a)
    practice_save(plan=plan, user=focal_a, data=PracticeData(
        "Amalgamation du minerai entier", "not_accepted", "Code minier", "art. 80"))  # fmt: skip
    coop = make_case("Gold cooperative", codes=["6.1.1.a"])
    make_case("Cooperativa de garimpeiros no Tapajós", "ECU", language="pt", original=coop)
    return {"own": own}


def search(client, query, language="en"):
    url = reverse("practices:search").replace("/en/", f"/{language}/")
    return client.get(url, {"q": query})


@pytest.mark.parametrize("who", [None, "focal_a", "analyst", "administrator"])
def test_a_french_search_finds_the_french_justification_and_never_an_unpublished_one(
    request, client, texts, who
):
    if who:
        client.force_login(request.getfixturevalue(who))
    page = search(client, "permis délivré", "fr")
    found = page.context["results"].justifications
    assert [r.assessment.country.iso3 for r in found] == ["RWA"]
    text = page.content.decode()
    assert "Les permis d&#x27;orpaillage sont délivrés" in text and "SECRET" not in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_on_postgresql_words_are_matched_by_their_stem_in_each_language(client, texts):
    assert search(client, "délivrer commune", "fr").context["results"].justifications
    cases = search(client, "cooperativas garimpeiro", "pt").context["results"].case_studies
    assert [c.language for c in cases] == ["pt"]


def test_results_are_grouped_by_kind(client, focal_a, texts):
    client.force_login(focal_a)
    results = search(client, "amalgamation").context["results"]
    assert [p.name for p in results.practices] == ["Amalgamation du minerai entier"]
    assert results.indicators  # the framework speaks of amalgamation too
    page = search(client, "cooperativa garimpeiros", "pt")
    assert [c.title for c in page.context["results"].case_studies] == [
        "Cooperativa de garimpeiros no Tapajós"
    ]
    assert 'id="search-cases"' in page.content.decode()


def test_practices_of_a_plan_follow_its_assessment_for_signed_in_readers(client, focal_b, texts):
    Assessment.objects.filter(pk=texts["own"].pk).update(status="published")
    assert search(client, "amalgamation").context["results"].practices == []  # a visitor
    client.force_login(focal_b)
    assert search(client, "amalgamation").context["results"].practices
    Assessment.objects.filter(pk=texts["own"].pk).update(status="draft")
    assert search(client, "amalgamation").context["results"].practices == []


def test_indicators_are_found_in_the_readers_language_too(client, texts):
    results = search(client, "mercure", "fr").context["results"]
    assert results.indicators


def test_draft_case_studies_are_not_found_by_readers(client, pillar6):
    make_case("Hidden draft about retorts", status="draft")
    assert search(client, "retorts").context["results"].case_studies == []


def test_an_empty_or_huge_query_finds_nothing_and_fails_nothing(client, texts):
    assert search(client, "   ").context["results"].count == 0
    assert search(client, "x" * 5000).status_code == 200
    assert search(client, "\"'& | ! :*").status_code == 200


def test_the_search_reads_in_a_fixed_number_of_queries(
    client, focal_a, texts, django_assert_max_num_queries
):
    client.force_login(focal_a)
    with django_assert_max_num_queries(10):
        search(client, "permis")
