"""The public pages of published results: no account needed, published data only, no
discussion, cacheable for anonymous visitors, and a shared link shows what it is."""

import pytest
from django.urls import reverse

from assessment.models import Comment, Evidence, Response

from .conftest import LEVELS_2024, Status, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(five_countries):
    senegal = five_countries["SEN"]
    response = Response.objects.filter(assessment=senegal).order_by("pk").first()
    response.justification = "The Mining Code of 2016 covers ASM permits."
    response.save()
    Evidence.objects.create(response=response, kind=Evidence.Kind.LEGAL, title="Mining Code",
                            instrument="Law No. 2016-32", article="12")  # fmt: skip
    Comment.objects.create(response=response, body="Internal remark of the analyst")
    return senegal


def public_url(name, assessment):
    return reverse(f"publications:{name}", args=[assessment.country.iso3, assessment.round])


def test_a_visitor_reads_a_published_assessment_with_justifications_and_evidence(client, published):
    response = client.get(public_url("assessment", published))
    assert response.status_code == 200
    text = response.content.decode()
    assert "The Mining Code of 2016 covers ASM permits." in text
    assert "Law No. 2016-32" in text
    assert "art. 12" in text


def test_the_public_page_shows_no_comment_and_no_history(client, published, analyst):
    for user in (None, analyst):
        if user:
            client.force_login(user)
        text = client.get(public_url("assessment", published)).content.decode()
        assert "Internal remark of the analyst" not in text
        assert "history" not in text.lower()


def test_an_unpublished_round_has_no_public_page(client, pillar6, analyst, focal_a):
    validated = make_assessment(pillar6, "SEN", "2026", Status.VALIDATED, LEVELS_2024["SEN"])
    for user in (None, focal_a, analyst):
        if user:
            client.force_login(user)
        assert client.get(public_url("assessment", validated)).status_code == 404
        assert client.get(public_url("dashboard", validated)).status_code == 404


def test_the_country_page_lists_only_published_rounds_and_links_to_their_public_pages(
    client, published, pillar6
):
    make_assessment(pillar6, "SEN", "2026", Status.VALIDATED, LEVELS_2024["SEN"])
    response = client.get(reverse("publications:country", args=["sen"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert public_url("assessment", published) in text
    assert "2026" not in text


def test_the_signed_in_country_page_links_a_published_round_to_its_public_page(
    client, published, focal_b
):
    client.force_login(focal_b)
    text = client.get(reverse("countries:detail", args=["SEN"])).content.decode()
    assert public_url("assessment", published) in text


def test_the_public_dashboard_keeps_every_charts_data_table(client, published):
    response = client.get(public_url("dashboard", published))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count('class="chart-figure"') == text.count("chart-table")
    assert text.count('class="chart-figure"') >= 3


@pytest.mark.parametrize("name", ["assessment", "dashboard"])
def test_public_pages_are_cacheable_for_visitors_and_set_no_cookie(client, published, name):
    response = client.get(public_url(name, published))
    assert response["Cache-Control"] == "public, max-age=600"
    assert "Cookie" in response["Vary"]
    assert "Set-Cookie" not in response.serialize_headers().decode()
    assert not response.cookies
    assert response["ETag"]
    assert response["Last-Modified"]


def test_a_visitor_whose_copy_is_current_gets_304(client, published):
    url = public_url("assessment", published)
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_the_same_pages_are_private_for_a_signed_in_user(client, published, contributor_a):
    client.force_login(contributor_a)
    for name in ("assessment", "dashboard"):
        response = client.get(public_url(name, published))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "url",
    [
        reverse("publications:landing"),
        reverse("scores:compare"),
        reverse("frameworks:list"),
        "/en/frameworks/mpf-pillar-6/v1/",
        reverse("publications:country", args=["SEN"]),
    ],
)
def test_the_landing_comparison_framework_and_country_pages_are_public(client, published, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=600"
    assert not response.cookies


def test_a_public_page_has_a_title_a_description_and_open_graph_tags(client, published):
    text = client.get(public_url("assessment", published)).content.decode()
    assert "<title>Senegal: published results 2024" in text
    assert '<meta name="description" content="Senegal' in text
    assert '<meta property="og:title" content="Senegal: published results 2024"' in text
    assert 'property="og:url" content="http://testserver/en/results/SEN/2024/"' in text


def test_the_language_switch_links_to_the_same_page_in_each_language(client, published):
    text = client.get(public_url("assessment", published)).content.decode()
    for code in ("fr", "es", "pt"):
        assert f'href="/{code}/results/SEN/2024/"' in text
    assert "set_language" not in text and "/i18n/setlang/" not in text


def test_the_page_reads_in_french_at_its_french_address(client, published):
    response = client.get("/fr/results/SEN/2024/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert "Sénégal" in response.content.decode()


def test_the_public_assessment_page_runs_a_fixed_number_of_queries(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        client.get(public_url("assessment", published))
    with django_assert_max_num_queries(40):
        client.get(public_url("dashboard", published))


def test_the_home_page_links_to_published_results(client, pillar6):
    assert reverse("publications:landing") in client.get(reverse("home")).content.decode()
