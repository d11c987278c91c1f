"""Rounds rated against versions 1 and 2 of the framework, compared like for like: the
country's change and trend, and the comparison's trends, rest only on the indicators the
crosswalk calls the same or reworded, say so, and never mix scoring methods."""

import pytest
from django.urls import reverse

from assessment.models import Assessment, Response
from frameworks.loading import load_framework_file
from frameworks.models import Framework
from scores.comparison import invalidate, load_comparison
from scores.query import ComparisonQuery
from tests.conftest import PILLAR6_V2_FILE

from .conftest import Status, make_assessment

pytestmark = pytest.mark.django_db


def rate_on_version_2(framework, iso3, round_, status, comparable_level) -> Assessment:
    """Every indicator version 2 shares with version 1 at one level; every other one at 0,
    so that a figure which counted them would show it."""
    assessment = make_assessment(framework, iso3, round_, status, {})
    comparable = framework.comparable_codes(framework.previous_version)
    responses = Response.objects.filter(assessment=assessment)
    responses.update(level=framework.levels.get(code=0))
    responses.filter(indicator__code__in=list(comparable)).update(
        level=framework.levels.get(code=comparable_level)
    )
    invalidate()
    return assessment


@pytest.fixture
def senegal_three_rounds(five_countries, pillar6, pillar6_v2):
    """SEN 2022 (v1, 50%), 2024 (v1, 100/50/75 -> 75%), 2026 (v2 draft, 100% on the 43)."""
    return {
        "2022": make_assessment(
            pillar6,
            "SEN",
            "2022",
            Status.PUBLISHED,
            {
                "6.1": 2,
                "6.2": 2,
                "6.3": 2,
            },
        ),  # fmt: skip
        "2024": five_countries["SEN"],
        "2026": rate_on_version_2(pillar6_v2, "SEN", "2026", Status.DRAFT, 4),
    }


def dashboard(client, assessment):
    return client.get(reverse("scores:dashboard", args=[assessment.pk]))


def test_the_trend_shows_every_round_compared_on_the_shared_indicators(
    client, focal_a, senegal_three_rounds
):
    client.force_login(focal_a)

    response = dashboard(client, senegal_three_rounds["2026"])

    chart = response.context["charts"]["trend"]
    spec = chart["spec"]
    assert spec.title == "Implementation across rounds, compared on 43 of 59 indicators"
    assert spec.rounds == ("2022", "2024", "2026 (draft)")
    pillar = next(series for series in spec.series if series.name == "Whole pillar")
    assert pillar.values == (50, 75, 100)
    note = response.context["page"].trend_note
    assert "version 1 in 2022, 2024; version 2 in 2026" in note
    assert "same 43 of 59 indicators" in note
    html = response.content.decode()
    assert 'id="round-trend"' in html and "trend-note" in html


def test_the_change_since_the_last_round_says_what_the_versions_share(
    client, focal_a, senegal_three_rounds
):
    client.force_login(focal_a)

    page = dashboard(client, senegal_three_rounds["2026"]).context["page"]

    scores = page.scores
    assert (scores.previous_round, scores.previous_version, scores.comparable) == ("2024", 1, 43)
    assert (scores.previous_pillar, scores.compared_pillar) == (75, 100)
    assert page.change_note == (
        "Compared on the 43 indicators that version 2 shares with version 1 and that both "
        "2024 and 2026 rate, out of 59."
    )
    moved = {row["code"] for row in page.level_changes}
    assert moved and moved <= set(Framework.objects.get(version=2).comparable_codes(
        Framework.objects.get(version=1)
    ))  # fmt: skip


def test_a_trend_on_one_version_says_nothing_about_versions(
    client, focal_a, five_countries, pillar6
):
    make_assessment(pillar6, "SEN", "2022", Status.PUBLISHED, {"6.1": 2, "6.2": 2, "6.3": 2})
    client.force_login(focal_a)

    response = dashboard(client, five_countries["SEN"])

    assert response.context["charts"]["trend"]["spec"].title == "Implementation across rounds"
    assert response.context["page"].trend_note == ""


def test_a_visitor_sees_no_trend_point_of_a_round_they_may_not_read(
    client, analyst, five_countries, pillar6, pillar6_v2
):
    make_assessment(pillar6, "PAN", "2022", Status.CONFIDENTIAL, {"6.1": 1, "6.2": 1, "6.3": 1})
    pan_2026 = rate_on_version_2(pillar6_v2, "PAN", "2026", Status.PUBLISHED, 3)

    visitor = dashboard(client, pan_2026).context["charts"]["trend"]["spec"]
    client.force_login(analyst)
    staff = dashboard(client, pan_2026).context["charts"]["trend"]["spec"]

    assert visitor.rounds == ("2024", "2026")
    assert staff.rounds == ("2022", "2024", "2026")


def test_the_comparison_trends_straddle_versions_on_the_shared_indicators(
    client, analyst, five_countries, pillar6_v2
):
    for iso3 in ("JAM", "PAN", "RWA"):
        rate_on_version_2(pillar6_v2, iso3, "2026", Status.PUBLISHED, 4)
    client.force_login(analyst)

    response = client.get(reverse("scores:compare"), {"framework": pillar6_v2.pk})

    assert response.context["rounds"] == ("2026",)  # the round of version 2 itself
    assert response.context["trend_rounds"] == ("2024", "2026")
    title = response.context["trend_chart"]["spec"].title
    assert title == "Pillar implementation across rounds, compared on 43 of 59 indicators"
    assert "versions 1, 2 of the framework" in response.context["trend_note"]
    trends = response.context["trend_chart"]["spec"].series
    lac = next(series for series in trends if series.name == "Latin America and the Caribbean")
    assert lac.values[-1] == 100  # JAM and PAN: 100 % on the shared indicators


def test_a_comparison_of_version_1_alone_is_unchanged(client, analyst, five_countries, pillar6):
    client.force_login(analyst)

    response = client.get(reverse("scores:compare"), {"framework": pillar6.pk})

    assert response.context["rounds"] == ("2024",)
    assert "trend_note" not in response.context or not response.context["trend_note"]


def test_a_comparison_never_mixes_scoring_methods(
    tmp_path, analyst, five_countries, pillar6, pillar6_v2
):
    """Version 3 (the same content, scored as a flat mean over indicators) maps from
    version 1: its trends score the version 1 rounds with its own method."""
    text = PILLAR6_V2_FILE.read_text(encoding="utf-8")
    flat = tmp_path / "flat.yaml"
    flat.write_text(text.replace("scoring_method: nested_means", "scoring_method: indicator_mean"))
    version_3 = load_framework_file(flat).framework
    shared = version_3.comparable_codes(pillar6)
    counts = {
        area: sum(1 for code in shared if code.startswith(area)) for area in ("6.1", "6.2", "6.3")
    }

    history = load_comparison(ComparisonQuery(framework=version_3, across_versions=True), analyst)

    senegal = history.assessments.set_index("iso3").loc["SEN", "pillar"]  # 100 / 50 / 75
    expected = (counts["6.1"] * 100 + counts["6.2"] * 50 + counts["6.3"] * 75) / len(shared)
    assert (version_3.version, history.scoring_method) == (3, "indicator_mean")
    assert senegal == pytest.approx(expected)
    assert senegal != pytest.approx(75)  # what nested means would give
