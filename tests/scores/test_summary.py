"""The executive summary: sentences from the figures, the same on the dashboard and in the
report, under the reader's visibility."""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from assessment.models import Evidence, Response
from plans import services
from scores.country import country_scores
from scores.page import country_page
from scores.summary import executive_summary, summary_inputs

# SEN 2024: 6.1 at 100%, 6.2 at 50%, 6.3 at 75% -> 75%; Africa: SEN and RWA (58.33%).


def summary_of(assessment, user, language="en"):
    with translation.override(language):
        page = country_page(country_scores(assessment, user))
        references, plan = summary_inputs(assessment)
        return executive_summary(page, references=references, plan=plan)


def cite(assessment, indicator_code, **fields):
    response = Response.objects.get(assessment=assessment, indicator__code=indicator_code)
    return Evidence.objects.create(response=response, kind="legal", **fields)


def test_it_opens_on_the_pillar_score_with_its_completeness(five_countries, focal_a):
    summary = summary_of(five_countries["SEN"], focal_a)
    assert summary.headline.startswith("Senegal has implemented 75% of Pillar 6 in round 2024 (")
    assert "indicators answered" in summary.headline


def test_the_position_against_the_region_gives_the_countries_behind_the_average(
    five_countries, analyst
):
    summary = summary_of(five_countries["SEN"], analyst)
    assert summary.position == ("That is 17 points above the average of Africa (58%, 2 countries).")


def test_a_ministry_reader_is_told_why_a_small_regions_average_is_not_shown(
    five_countries, focal_a
):
    summary = summary_of(five_countries["SEN"], focal_a)
    assert "fewer than 3 countries of Africa" in summary.position
    assert "58%" not in " ".join(summary.paragraphs)


def test_the_strongest_and_weakest_recommendations_never_overlap(five_countries, focal_a):
    summary = summary_of(five_countries["SEN"], focal_a)
    strongest = [item.code for item in summary.strongest]
    weakest = [item.code for item in summary.weakest]
    assert len(strongest) == len(weakest) == 3
    assert all(code.startswith("6.1.") for code in strongest)
    assert all(code.startswith("6.2.") for code in weakest)
    assert summary.strongest[0].percent == "100%"
    assert summary.weakest[0].percent == "50%"


def test_each_highlight_says_why_with_the_legal_references_cited_once(five_countries, focal_a):
    assessment = five_countries["SEN"]
    for _ in range(2):  # the same reference on two indicators is cited once
        cite(assessment, "6.1.1.a", title="Mining Code, Art. 12", instrument="Mining Code",
             article="Art. 12")  # fmt: skip
    cite(assessment, "6.1.1.b", title="Decree 2017-459", article="Art. 3")
    summary = summary_of(assessment, focal_a)
    first = summary.strongest[0]
    assert first.code == "6.1.1"
    assert first.why == "Legal basis cited: Mining Code, art. 12; Decree 2017-459, art. 3."
    assert summary.strongest[1].why == "No legal reference is cited for its indicators."


def test_without_an_earlier_round_or_a_plan_it_says_so(five_countries, focal_a):
    summary = summary_of(five_countries["SEN"], focal_a)
    assert summary.change == "There is no earlier validated round of Senegal to compare with."
    assert summary.plan == "No action plan has been drawn up for this round yet."


def test_it_counts_the_planned_actions_and_totals_their_budget_per_currency(
    five_countries, focal_a
):
    assessment = five_countries["SEN"]
    for amount, currency in ((Decimal("12000000"), "XOF"), (Decimal("50000"), "USD")):
        services.action_create(assessment=assessment, user=focal_a, data=services.ActionData(
            problem="Weak cooperatives", description="Diagnose", impact="high",
            budget_amount=amount, budget_currency=currency,
        ))  # fmt: skip
    services.action_create(assessment=assessment, user=focal_a, data=services.ActionData(
        problem="Mercury", description="Dropped idea", impact="low", status="dropped",
        budget_amount=Decimal("1"), budget_currency="USD",
    ))  # fmt: skip
    summary = summary_of(assessment, focal_a)
    assert summary.plan == (
        "The action plan sets out 2 actions, with a total budget of $50,000.00 + F\u202fCFA12,000,000."
    )


def test_the_summary_is_written_in_the_readers_language(five_countries, focal_a):
    summary = summary_of(five_countries["SEN"], focal_a, language="fr")
    assert summary.headline.startswith("Sénégal\u00a0: 75% du pilier 6 mis en œuvre au cycle 2024")
    assert summary.lists[0][1] == "Recommandations les plus avancées"


def test_the_dashboard_opens_on_the_same_summary(client, five_countries, focal_a):
    client.force_login(focal_a)
    html = client.get(reverse("scores:dashboard", args=[five_countries["SEN"].pk])).content
    html = html.decode()
    expected = summary_of(five_countries["SEN"], focal_a)
    assert 'id="executive-summary"' in html
    assert expected.headline in html
    assert html.index("executive-summary") < html.index("area-bars")


def test_it_gives_each_areas_implementation(five_countries, focal_a):
    summary = summary_of(five_countries["SEN"], focal_a)
    assert summary.areas == (
        "By area: 6.1 ASM activities in the legal system 100%; 6.2 ASM activities in the "
        "economic system 50%; 6.3 Social and environmental protections in ASM 75%."
    )
    assert summary.paragraphs[1] == summary.areas
