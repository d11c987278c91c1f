"""The comparison page, its exports and the saved groups, per role.

Fixture (conftest.LEVELS_2024, all 2024 and published): LAC = JAM, HND, PAN (pillar 33%,
3 countries: shown to everybody); Africa = SEN, RWA (58%, 2 countries: shown to IGF staff
only). `unpublished` adds Ecuador's confidential 2024 and Namibia's 2024 draft, whose
figures (all 100%) must never reach a ministry user of another country or the public.
"""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from bench.synthetic import generate
from scores.comparison import MIN_GROUP_SIZE, invalidate
from scores.comparison_views import NOT_SHOWN, SHOWN_COUNTRIES
from scores.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from scores.forms import DUPLICATE_GROUP_NAME
from scores.models import CountryGroup
from tests.conftest import make_user

from .conftest import Status, make_assessment

pytestmark = pytest.mark.django_db

COMPARE = "scores:compare"
TOP = {"6.1": 4, "6.2": 4, "6.3": 4}
NOT_SHOWN_TEXT = str(NOT_SHOWN % {"count": MIN_GROUP_SIZE})


def url(name: str = COMPARE, **params) -> str:
    from urllib.parse import urlencode

    query = urlencode(params, doseq=True)
    return reverse(name) + (f"?{query}" if query else "")


def csv_text(response) -> str:
    return response.content.decode("utf-8-sig")


@pytest.fixture
def unpublished(pillar6):
    return {
        "ECU": make_assessment(pillar6, "ECU", "2024", Status.CONFIDENTIAL, TOP),
        "NAM": make_assessment(pillar6, "NAM", "2024", Status.DRAFT, TOP),
    }


# The page for each role


def test_an_analyst_sees_averages_heatmap_ranking_trends_and_map(
    client, analyst, five_countries, pillar6
):
    make_assessment(pillar6, "SEN", "2022", Status.PUBLISHED, {"6.1": 2, "6.2": 2, "6.3": 2})
    client.force_login(analyst)
    response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    for chart_id in ["group-averages", "heatmap", "trends", "world-map"]:
        assert f'id="{chart_id}-figure"' in html
    assert 'data-topojson-url="/static/vendor/plotly/topojson/world_110m.json"' in html
    assert [row["iso3"] for row in response.context["ranking"]][:2] == ["SEN", "PAN"]
    assert "n=2" in html and "n=3" in html  # the countries behind each bar
    table = response.context["group_chart"]["table"]
    assert table["headers"] == [
        "Area", "Africa", "Countries (Africa)", "Latin America and the Caribbean",
        "Countries (Latin America and the Caribbean)",
    ]  # fmt: skip
    assert table["rows"][-1] == ["Pillar", "58%", "2", "33%", "3"]


def test_the_default_is_the_round_with_the_most_assessments_and_trends_cover_every_round(
    client, analyst, five_countries, pillar6
):
    make_assessment(pillar6, "SEN", "2026", Status.PUBLISHED, TOP)
    client.force_login(analyst)
    response = client.get(url())
    assert response.context["rounds"] == ("2024",)
    assert response.context["trend_rounds"] == ("2024", "2026")
    assert response.context["form"].cleaned_data["grouping"] == "m49"
    assert "2026" in response.context["form"].fields["round"].choices[0]


def test_ticked_rounds_are_compared_and_their_trend_drawn(client, analyst, five_countries, pillar6):
    make_assessment(pillar6, "SEN", "2026", Status.PUBLISHED, TOP)
    client.force_login(analyst)
    response = client.get(url(round=["2026"]))
    assert response.context["rounds"] == ("2026",)
    assert [row["iso3"] for row in response.context["ranking"]] == ["SEN"]
    response = client.get(url(round=["2024", "2026"]))
    assert response.context["trend_rounds"] == ("2024", "2026")


def test_a_ministry_user_sees_no_average_of_fewer_than_three_countries_said_in_words(
    client, focal_b, five_countries
):
    client.force_login(focal_b)
    response = client.get(url())
    rows = response.context["group_chart"]["table"]["rows"]
    assert rows[-1] == ["Pillar", NOT_SHOWN_TEXT, "2", "33%", "3"]
    assert response.context["suppressed_groups"] == ["Africa"]
    html = response.content.decode()
    assert NOT_SHOWN_TEXT in html
    assert "58%" not in html and "58.33" not in html


def test_a_focal_point_never_sees_another_countrys_confidential_or_draft_figures(
    client, focal_a, five_countries, unpublished
):
    client.force_login(focal_a)
    for params in [{}, {"include_drafts": "on"}, {"round": ["2024"]}, {"grouping": "igf"}]:
        response = client.get(url(**params))
        html = response.content.decode()
        assert "Ecuador" not in html and "Namibia" not in html
        assert "ECU" not in html and "NAM" not in html
        assert "Draft" not in html
        assert len(response.context["ranking"]) == len(five_countries)
        for name in ["scores:compare_csv", "scores:compare_averages_csv"]:
            text = csv_text(client.get(url(name, **params)))
            assert "Ecuador" not in text and "Namibia" not in text
        workbook = client.get(url("scores:compare_xlsx", **params)).content
        assert not {"Ecuador", "Namibia", "ECU", "NAM"} & _workbook_cells(workbook)
    # The averages stand on the published countries only (LAC 3, Africa 2).
    rows = client.get(url()).context["group_chart"]["table"]["rows"]
    assert rows[-1] == ["Pillar", NOT_SHOWN_TEXT, "2", "33%", "3"]


def test_a_focal_point_sees_their_own_countrys_validated_assessment(
    client, focal_a, focal_b, five_countries, pillar6
):
    make_assessment(pillar6, "SEN", "2026", Status.VALIDATED, TOP)
    client.force_login(focal_a)
    assert "SEN" in csv_text(client.get(url("scores:compare_csv", round=["2026"])))
    client.force_login(focal_b)
    assert "SEN" not in csv_text(client.get(url("scores:compare_csv", round=["2026"])))


def test_an_anonymous_reader_sees_published_assessments_only(client, five_countries, unpublished):
    response = client.get(url())
    assert response.status_code == 200
    assert "include_drafts" not in response.context["form"].fields
    assert {row["iso3"] for row in response.context["ranking"]} == set(five_countries)


def test_an_analyst_sees_drafts_only_when_asked_and_labelled(
    client, analyst, five_countries, unpublished
):
    client.force_login(analyst)
    response = client.get(url())
    ranking = {row["iso3"]: row for row in response.context["ranking"]}
    assert "ECU" in ranking and "NAM" not in ranking
    assert "Drafts included" not in response.content.decode()

    response = client.get(url(include_drafts="on"))
    ranking = {row["iso3"]: row for row in response.context["ranking"]}
    assert ranking["NAM"]["is_draft"] and not ranking["ECU"]["is_draft"]
    html = response.content.decode()
    assert "Drafts included: their figures may change." in html
    assert "Namibia (draft)" in response.context["heatmap_chart"]["spec"].rows
    assert 'class="badge text-bg-warning">Draft</span>' in html
    lines = csv_text(client.get(url("scores:compare_csv", include_drafts="on"))).splitlines()
    namibia = next(line for line in lines if line.startswith("NAM,"))
    assert ",Draft,yes," in namibia


def test_saved_groups_and_drafts_are_refused_to_others_as_invalid_filters(
    client, focal_a, analyst, five_countries
):
    group = CountryGroup.objects.create(name="Sahel", owner=analyst)
    client.force_login(focal_a)
    response = client.get(url(grouping=group.grouping))
    assert response.status_code == 400
    assert "Group countries by" in response.content.decode()
    assert client.get(url("scores:compare_csv", grouping=group.grouping)).status_code == 400
    assert client.get(url(grouping="nonsense")).status_code == 400


def test_an_htmx_request_gets_the_page_whose_results_it_swaps_in(client, analyst, five_countries):
    client.force_login(analyst)
    response = client.get(url(grouping="igf"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="comparison-results"' in response.content.decode()


def test_the_page_answers_only_get(client, analyst):
    client.force_login(analyst)
    assert client.post(url()).status_code == 405


def test_an_empty_comparison_says_so(client, pillar6):
    response = client.get(url())
    assert response.status_code == 200
    assert "No assessment you may see matches these filters." in response.content.decode()


def test_the_page_speaks_french_with_chart_labels_in_french(client, analyst, five_countries):
    client.force_login(analyst)
    response = client.get(url().replace("/en/", "/fr/"))
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Afrique" in html and "Sénégal" in html
    assert response.context["heatmap_chart"]["spec"].row_title == "Pays"
    headers = response.context["group_chart"]["table"]["headers"]
    assert "Afrique" in headers


# Exports


def test_the_comparison_downloads_as_csv_with_the_pages_filters(client, analyst, five_countries):
    client.force_login(analyst)
    response = client.get(url("scores:compare_csv", round=["2024"], grouping="igf"))
    assert response["Content-Type"] == CSV_CONTENT_TYPE
    assert response["Content-Disposition"] == ('attachment; filename="comparison-2024-igf.csv"')
    lines = csv_text(response).splitlines()
    assert lines[0].startswith("ISO3,Country,Round,Status,Draft,Group,Implementation (%)")
    senegal = next(line for line in lines if line.startswith("SEN,"))
    assert senegal.startswith("SEN,Senegal,2024,Published,no,Africa,75.0,100.0,50.0,75.0")
    assert len(lines) == 1 + len(five_countries)


def test_the_group_averages_download_as_csv(client, focal_b, five_countries):
    client.force_login(focal_b)
    response = client.get(url("scores:compare_averages_csv"))
    lines = csv_text(response).splitlines()
    assert lines[0] == "Group,Round,Code,Area,Average implementation (%),Countries,Note"
    africa = next(line for line in lines if line.startswith("Africa,2024,,"))
    assert africa == f"Africa,2024,,Whole pillar,,2,{NOT_SHOWN_TEXT}"


def test_the_comparison_downloads_as_a_real_excel_workbook(client, analyst, five_countries):
    client.force_login(analyst)
    response = client.get(url("scores:compare_xlsx"))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="comparison-2024-m49.xlsx"'
    assert response.content[:2] == b"PK"
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["Assessments", "Group averages", "Ranking", "Trends"]


def test_the_export_links_carry_the_rounds_shown(client, analyst, five_countries):
    client.force_login(analyst)
    response = client.get(url(grouping="subregion"))
    assert response.context["export_query"] == "framework={}&grouping=subregion&round=2024".format(
        response.context["form"].cleaned_data["framework"].pk
    )


def _workbook_cells(content: bytes) -> set:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return {
        value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }


# Saved groups


def test_an_analyst_saves_a_group_and_compares_it(client, analyst, five_countries, pillar6):
    from countries.models import Country

    client.force_login(analyst)
    countries = Country.objects.filter(iso3__in=["SEN", "RWA", "JAM"])
    response = client.post(
        reverse("scores:group_create"),
        {"name": "My three", "countries": [c.pk for c in countries]},
    )
    group = CountryGroup.objects.get()
    assert (group.owner, set(group.countries.all())) == (analyst, set(countries))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(COMPARE)}?grouping=group:{group.pk}"

    response = client.get(response["Location"])
    choices = dict(response.context["form"].fields["grouping"].choices)
    assert choices["My groups"] == [(f"group:{group.pk}", "My three")]
    assert {row["group_name"] for row in response.context["ranking"]} == {"My three"}
    assert response.context["group_chart"]["table"]["rows"][-1] == ["Pillar", "47%", "3"]


def test_a_group_name_is_unique_per_analyst(client, analyst, senegal):
    CountryGroup.objects.create(name="Sahel", owner=analyst)
    client.force_login(analyst)
    response = client.post(
        reverse("scores:group_create"), {"name": "sahel", "countries": [senegal.pk]}
    )
    assert response.status_code == 400
    assert str(DUPLICATE_GROUP_NAME) in response.content.decode()


def test_an_analyst_edits_and_deletes_their_group(client, analyst, senegal, ecuador):
    group = CountryGroup.objects.create(name="Sahel", owner=analyst)
    group.countries.add(senegal)
    client.force_login(analyst)
    edit = reverse("scores:group_edit", args=[group.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"name": "Two", "countries": [senegal.pk, ecuador.pk]})
    group.refresh_from_db()
    assert group.name == "Two" and group.countries.count() == 2
    assert "Two" in client.get(reverse("scores:groups")).content.decode()
    delete = reverse("scores:group_delete", args=[group.pk])
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not CountryGroup.objects.exists()


def test_another_analysts_group_is_not_found(client, analyst, senegal):
    group = CountryGroup.objects.create(name="Sahel", owner=analyst)
    other = make_user("otto", is_analyst=True)
    client.force_login(other)
    assert "Sahel" not in client.get(reverse("scores:groups")).content.decode()
    for name in ["scores:group_edit", "scores:group_delete"]:
        assert client.get(reverse(name, args=[group.pk])).status_code == 404
        assert client.post(reverse(name, args=[group.pk])).status_code == 404
    assert client.get(url(grouping=group.grouping)).status_code == 400
    assert CountryGroup.objects.filter(pk=group.pk, name="Sahel").exists()


@pytest.mark.parametrize("person, expected", [("anonymous", 302), ("focal_a", 403)])
def test_only_analysts_keep_groups(request, client, person, expected):
    if person != "anonymous":
        client.force_login(request.getfixturevalue(person))
    for name in ["scores:groups", "scores:group_create"]:
        assert client.get(reverse(name)).status_code == expected


# Query counts


def page_queries(client, user) -> int:
    """The queries of one uncached page view, signed in afresh (memberships unread)."""
    invalidate()
    client.logout()
    if user is not None:
        client.force_login(User.objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url())
    assert response.status_code == 200 and response.context["has_data"]
    return len(queries)


# Signed in: session and user; then the rounds and frameworks of the form, the analyst's
# saved groups or the ministry user's memberships, and one comparison (the trends; the round
# shown is cut from it) of three queries: the assessments, their stored scores and the
# answered responses of those without stored scores.
@pytest.mark.parametrize("person, queries", [("analyst", 8), ("focal_a", 8), ("anonymous", 5)])
def test_the_page_costs_the_same_queries_for_five_countries_as_for_many_more(
    request, client, five_countries, pillar6, django_assert_max_num_queries, person, queries
):
    user = None if person == "anonymous" else request.getfixturevalue(person)
    if user is not None:
        CountryGroup.objects.create(name="Sahel", owner=user)
    client.get(url())  # the framework's index is read once per process
    assert page_queries(client, user) == queries
    generate(countries=20, rounds=2, framework=pillar6)
    invalidate()
    with django_assert_max_num_queries(queries):
        response = client.get(url())
    assert response.context["assessment_count"] > 2 * len(five_countries)
    assert page_queries(client, user) == queries


def test_the_heatmap_and_the_ranking_show_the_highest_countries_and_link_the_full_csv(
    client, analyst, pillar6
):
    generate(countries=SHOWN_COUNTRIES + 20, rounds=1, framework=pillar6)
    client.force_login(analyst)
    response = client.get(url())
    html = response.content.decode()
    ranking, total = response.context["ranking"], response.context["ranking_total"]
    assert len(ranking) == SHOWN_COUNTRIES < total  # drafts are not counted
    pillars = [row["pillar"] for row in ranking]
    assert pillars == sorted(pillars, reverse=True)
    assert len(response.context["heatmap_chart"]["table"]["rows"]) == SHOWN_COUNTRIES
    assert html.count(f"The {SHOWN_COUNTRIES} highest-ranked of {total} countries") == 2
    assert f'href="{reverse("scores:compare_csv")}?' in html
    csv = client.get(reverse("scores:compare_csv") + "?" + response.context["export_query"])
    assert len(csv.content.decode("utf-8-sig").strip().splitlines()) == total + 1
