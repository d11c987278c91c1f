"""Follow-up between rounds: the previous plan's actions on each indicator, with the rating
the indicator had then; and the plan as a chapter of the country report."""

import pytest
from django.template.loader import render_to_string

from assessment.models import Assessment, Response
from assessment.services import assessment_create
from plans.followup import actions_by_indicator
from plans.report import plan_report_context

from .conftest import action_data, indicator, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(senegal, pillar6, focal_a):
    """Senegal 2024 (validated, with a plan acting on 6.1.1.a) and its 2026 draft."""
    before = assessment_create(country=senegal, round="2024", framework=pillar6, user=focal_a)
    rate(before, {"6.1.1.a": 1, "6.1.1.b": 2})
    Assessment.objects.filter(pk=before.pk).update(status="validated")
    from plans import services

    services.action_create(assessment=before, user=focal_a, data=action_data(
        description="Draft the ASM permit decree", status="done", start_semester="2024-2",
        duration_months=12, indicator_ids={indicator(before, "6.1.1.a").pk},
    ))  # fmt: skip
    now = assessment_create(country=senegal, round="2026", framework=pillar6, user=focal_a)
    rate(now, {"6.1.1.a": 3})
    return before, now


def test_each_indicator_lists_the_previous_plans_actions_with_the_rating_then(rounds, focal_a):
    before, now = rounds
    found = actions_by_indicator(now, user=focal_a)
    assert list(found) == ["6.1.1.a"]
    (action,) = found["6.1.1.a"]
    assert action.description == "Draft the ASM permit decree"
    assert (action.plan_round, action.rating_then, action.rating_then_label) == (
        "2024",
        1,
        "Initiated",
    )


def test_the_indicator_include_shows_how_the_rating_changed(rounds, focal_a):
    _before, now = rounds
    response = Response.objects.select_related("level").get(
        assessment=now, indicator__code="6.1.1.a"
    )
    html = render_to_string("plans/includes/indicator_actions.html",
                            {"actions": actions_by_indicator(now, user=focal_a)["6.1.1.a"],
                             "response": response})  # fmt: skip
    assert "1 action of the 2024 plan on this indicator" in html
    assert "Rating in 2024: 1 · Initiated." in html
    assert "Now: 3 · Largely in place." in html and "Improved" in html
    assert render_to_string("plans/includes/indicator_actions.html", {"actions": []}).strip() == ""


def test_the_first_round_has_no_previous_actions(
    assessment_a, analyst, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        assert actions_by_indicator(assessment_a, user=analyst) == {}


def test_it_costs_four_queries_whatever_the_number_of_actions(
    rounds, focal_a, django_assert_max_num_queries
):
    _before, now = rounds
    actions_by_indicator(now, user=focal_a)  # the framework's titles are read once per process
    with django_assert_max_num_queries(4):
        actions_by_indicator(now, user=focal_a)  # the user's memberships are read already


def test_another_country_does_not_see_the_actions_of_an_unpublished_plan(rounds, focal_b, analyst):
    before, now = rounds
    assert actions_by_indicator(now, user=focal_b) == {}
    assert list(actions_by_indicator(now, user=analyst)) == ["6.1.1.a"]
    Assessment.objects.filter(pk=before.pk).update(status="published")
    assert list(actions_by_indicator(now, user=focal_b)) == ["6.1.1.a"]


def test_the_report_chapter_has_the_vision_the_table_and_the_budget_totals(plan_a):
    plan_a.vision, plan_a.vision_language = "Une EMAPE légale", "fr"
    plan_a.save()
    context = plan_report_context(plan_a)
    assert [group.text for group in context["groups"]] == [
        "Weak management of the cooperatives", "Mercury use in processing"
    ]  # fmt: skip
    assert [a.number for a in context["actions"]] == ["1.1", "1.2", "2.1"]
    assert context["budget"]["currency"].currencies == ["USD", "XOF"]
    html = render_to_string("plans/report_chapter.html", {"plan_chapter": context})
    assert 'lang="fr"' in html and "Une EMAPE légale" in html
    assert 'id="plan-table"' in html and 'id="budget-year"' in html
    assert "<a href" not in html  # no links in the PDF
    assert "F\u202fCFA12,000,000" in html


def test_budget_per_year_area_and_stakeholder_in_the_chapter(plan_a):
    budget = plan_report_context(plan_a)["budget"]
    assert dict(budget["year"].rows) == {
        "2027": ["$25,000.00", "F\u202fCFA12,000,000"],
        "2028": ["$25,000.00", "—"],
    }
    area_rows = dict(budget["area"].rows)
    assert area_rows["6.1 ASM activities in the legal system"] == [
        "$25,000.00",
        "F\u202fCFA12,000,000",
    ]
    stakeholder_rows = dict(budget["stakeholder"].rows)
    assert stakeholder_rows == {"COOK": ["$50,000.00", "F\u202fCFA6,000,000"],
                                "MMG": ["—", "F\u202fCFA6,000,000"]}  # fmt: skip


def test_the_report_chapter_spells_out_every_institutions_acronym_once(plan_a):
    context = plan_report_context(plan_a)
    assert context["acronyms"] == [
        ("COOK", "Coopérative des orpailleurs de Kédougou"),
        ("MMG", "Ministère des Mines et de la Géologie"),
    ]
    html = render_to_string("plans/report_chapter.html", {"plan_chapter": context})
    assert 'id="plan-acronyms"' in html
    assert "<dt" in html and "Coopérative des orpailleurs de Kédougou</dd>" in html
