"""A country's dashboard and its exports, per role.

Fixture (conftest.LEVELS_2024, all 2024 and published): Africa = SEN 75% and RWA 41.67%,
so the African average stands on 2 countries: shown to IGF staff, suppressed for others.
"""

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from frameworks.models import Indicator
from scores.comparison import MIN_GROUP_SIZE
from scores.dashboard_views import DRAFT_WARNING
from scores.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from scores.page import REGION_SHOWN, REGION_SUPPRESSED

from .conftest import Status, make_assessment

pytestmark = pytest.mark.django_db


def dashboard_url(assessment, name: str = "scores:dashboard") -> str:
    return reverse(name, args=[assessment.pk])


@pytest.fixture
def senegal_rounds(five_countries, pillar6):
    """SEN 2022 published (every area 50%), SEN 2026 a draft."""
    return {
        "2022": make_assessment(
            pillar6, "SEN", "2022", Status.PUBLISHED, {"6.1": 2, "6.2": 2, "6.3": 2}
        ),
        "2024": five_countries["SEN"],
        "2026": make_assessment(pillar6, "SEN", "2026", Status.DRAFT, {"6.1": 4}),
    }


@pytest.fixture
def ecuador_unpublished(pillar6):
    return {
        "confidential": make_assessment(
            pillar6, "ECU", "2024", Status.CONFIDENTIAL, {"6.1": 4, "6.2": 4, "6.3": 4}
        ),
        "draft": make_assessment(pillar6, "ECU", "2026", Status.DRAFT, {"6.1": 3}),
    }


def test_a_focal_point_sees_their_countrys_scores_and_charts(client, focal_a, senegal_rounds):
    client.force_login(focal_a)
    response = client.get(dashboard_url(senegal_rounds["2024"]))
    assert response.status_code == 200
    assert response.context["pillar"] == "75%"
    html = response.content.decode()
    for chart_id in ["area-bars", "area-radar", "recommendation-bars"]:
        assert f'id="{chart_id}"' in html and f'id="{chart_id}-figure"' in html
    assert "chart-table" in html
    assert str(DRAFT_WARNING) not in html


def test_the_region_average_is_suppressed_for_a_ministry_user_with_a_note(
    client, focal_a, senegal_rounds
):
    client.force_login(focal_a)
    response = client.get(dashboard_url(senegal_rounds["2024"]))
    scores = response.context["scores"]
    assert scores.region_pillar_suppressed and scores.region_pillar is None
    radar = response.context["charts"]["radar"]["spec"]
    assert [series.name for series in radar.series] == ["Senegal"]  # no region trace
    note = REGION_SUPPRESSED % {"count": MIN_GROUP_SIZE, "region": "Africa", "round": "2024"}
    assert response.context["region_note"] == str(note)
    assert "Not shown: fewer than 3 countries of Africa have figures for round 2024." in (
        response.content.decode()
    )


def test_an_analyst_sees_the_region_average_beside_the_country(client, analyst, senegal_rounds):
    client.force_login(analyst)
    response = client.get(dashboard_url(senegal_rounds["2024"]))
    assert response.context["region_pillar"] == "58%"  # (75 + 41.67) / 2
    radar = response.context["charts"]["radar"]["spec"]
    assert [series.name for series in radar.series] == ["Senegal", "Africa"]
    assert radar.series[1].values == (75.0, 50.0, 50.0)
    note = REGION_SHOWN % {"region": "Africa", "count": 2, "round": "2024"}
    assert response.context["region_note"] == str(note)


def test_strengths_and_gaps_list_the_highest_and_lowest_indicators_with_statements(
    client, focal_a, senegal_rounds, pillar6
):
    client.force_login(focal_a)
    response = client.get(dashboard_url(senegal_rounds["2024"]))
    strengths, gaps = response.context["indicator_lists"]
    assert {item["percent"] for item in strengths["items"]} == {"100%"}
    assert all(item["code"].startswith("6.1.") for item in strengths["items"])
    assert {item["percent"] for item in gaps["items"]} == {"50%"}
    first = strengths["items"][0]
    indicator = Indicator.objects.get(recommendation__area__framework=pillar6, code=first["code"])
    assert first["statement"] == indicator.statement
    assert escape(indicator.statement) in response.content.decode()


def test_the_change_since_the_last_round_is_given_per_area_and_pillar_in_words(
    client, focal_a, senegal_rounds
):
    client.force_login(focal_a)
    response = client.get(dashboard_url(senegal_rounds["2024"]))
    changes = {row["code"]: row for row in response.context["changes"]}
    assert changes[""]["before"] == "50%" and changes[""]["now"] == "75%"
    assert changes[""]["text"] == "up 25 points"
    assert changes["6.1"]["text"] == "up 50 points" and changes["6.1"]["direction"] == "up"
    assert changes["6.2"]["text"] == "no change"
    assert changes["6.3"]["text"] == "up 25 points"
    html = response.content.decode()
    assert "bi-arrow-up-right" in html and "up 50 points" in html
    assert len(response.context["level_changes"]) > 0


def test_the_first_round_says_there_is_nothing_to_compare_with(client, focal_a, five_countries):
    client.force_login(focal_a)
    response = client.get(dashboard_url(five_countries["SEN"]))
    assert response.context["changes"] == []
    assert "nothing to compare with yet" in response.content.decode()


def test_a_draft_is_labelled_as_such(client, focal_a, senegal_rounds):
    client.force_login(focal_a)
    response = client.get(dashboard_url(senegal_rounds["2026"]))
    assert response.status_code == 200
    assert str(DRAFT_WARNING) in response.content.decode()


@pytest.mark.parametrize("which", ["confidential", "draft"])
def test_another_countrys_unpublished_dashboard_is_not_found_for_a_focal_point(
    client, focal_a, ecuador_unpublished, which
):
    client.force_login(focal_a)
    assessment = ecuador_unpublished[which]
    for name in ["scores:dashboard", "scores:dashboard_csv", "scores:dashboard_xlsx"]:
        assert client.get(dashboard_url(assessment, name)).status_code == 404


def test_anybody_may_read_a_published_dashboard_but_not_a_draft(
    client, five_countries, senegal_rounds
):
    assert client.get(dashboard_url(five_countries["JAM"])).status_code == 200
    assert client.get(dashboard_url(senegal_rounds["2026"])).status_code == 404


def test_an_analyst_opens_every_status(client, analyst, ecuador_unpublished):
    client.force_login(analyst)
    for assessment in ecuador_unpublished.values():
        assert client.get(dashboard_url(assessment)).status_code == 200


def test_the_dashboard_answers_only_get(client, focal_a, five_countries):
    client.force_login(focal_a)
    assert client.post(dashboard_url(five_countries["SEN"])).status_code == 405


def test_the_scores_download_as_csv(client, focal_a, senegal_rounds):
    client.force_login(focal_a)
    response = client.get(dashboard_url(senegal_rounds["2024"], "scores:dashboard_csv"))
    assert response["Content-Type"] == CSV_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="sen-2024-scores.csv"'
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Level,Code,Title")
    # The region's average is suppressed (2 countries) but its count is not secret.
    assert lines[1].startswith("Pillar,,Whole pillar,,75.0,,2,50.0,25.0")
    assert "6.1.1.a" in text


def test_the_scores_download_as_a_real_excel_workbook(client, focal_a, senegal_rounds):
    client.force_login(focal_a)
    response = client.get(dashboard_url(senegal_rounds["2024"], "scores:dashboard_xlsx"))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="sen-2024-scores.xlsx"'
    assert response.content[:2] == b"PK"
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["Scores", "Strengths and gaps"]
    rows = list(workbook["Scores"].iter_rows(values_only=True))
    assert rows[1][:5] == ("Pillar", None, "Whole pillar", None, 75.0)


def test_the_exported_region_average_follows_the_readers_visibility(
    client, focal_a, analyst, five_countries
):
    url = dashboard_url(five_countries["SEN"], "scores:dashboard_csv")
    client.force_login(focal_a)
    ministry_pillar = client.get(url).content.decode("utf-8-sig").splitlines()[1].split(",")
    client.force_login(analyst)
    analyst_pillar = client.get(url).content.decode("utf-8-sig").splitlines()[1].split(",")
    assert ministry_pillar[5] == "" and analyst_pillar[5] == "58.33"


def test_the_dashboard_takes_a_bounded_number_of_queries(
    client, focal_a, senegal_rounds, django_assert_max_num_queries
):
    client.force_login(focal_a)
    client.get(dashboard_url(senegal_rounds["2022"]))  # the framework index is read once
    # session, user, assessment, memberships, ratings, previous round and its ratings,
    # the region (assessments and responses), and for the summary the legal references, the
    # plan and its actions
    with django_assert_max_num_queries(12):
        response = client.get(dashboard_url(senegal_rounds["2024"]))
    assert response.status_code == 200


def test_the_dashboard_speaks_french(client, focal_a, five_countries, pillar6):
    client.force_login(focal_a)
    url = reverse("scores:dashboard", args=[five_countries["SEN"].pk]).replace("/en/", "/fr/")
    html = client.get(url).content.decode()
    assert '<html lang="fr">' in html
    assert "Sénégal" in html
    assert escape(pillar6.areas.get(code="6.1").title_fr) in html


def test_the_link_from_the_assessment_page_leads_to_the_dashboard(five_countries):
    assessment = five_countries["SEN"]
    html = render_to_string("scores/dashboard_link.html", {"assessment": assessment})
    assert f'href="{dashboard_url(assessment)}"' in html
