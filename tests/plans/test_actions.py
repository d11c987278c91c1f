"""Writing the plan: the vision, actions with stakeholders, timing and budget, progress
notes, comments, institutions; and the plan page that shows them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from plans.forms import INSTITUTION_EXISTS
from plans.models import (
    AMOUNT_WITHOUT_CURRENCY,
    BAD_SEMESTER,
    Action,
    ActionComment,
    Institution,
    Plan,
    Problem,
    ProgressNote,
)

from .conftest import indicator

pytestmark = pytest.mark.django_db


def form_data(**values) -> dict:
    data = {"problem": "Weak management of the cooperatives", "description": "Diagnose",
            "impact": "high", "status": "planned", "version": "0", "expected_result": "Report",
            "duration_months": "6", "start_semester": "2027-1", "budget_amount": "800000",
            "budget_currency": "XOF"}  # fmt: skip
    return {**data, **values}


def test_a_focal_point_adds_an_action_with_stakeholders_timing_and_a_budget_in_xof(
    client, focal_a, assessment_a, ministry_a, coop_a
):
    client.force_login(focal_a)
    gap = indicator(assessment_a, "6.1.2.a")
    answer = client.post(reverse("plans:action_new", args=[assessment_a.pk]), form_data(
        stakeholders=[ministry_a.pk, coop_a.pk], indicators=[gap.pk],
    ))  # fmt: skip
    action = Action.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("plans:action", args=[assessment_a.pk, action.pk])
    assert action.budget_amount == Decimal("800000") and action.budget_currency == "XOF"
    assert action.start_semester == "2027-1" and action.duration_months == 6
    assert set(action.stakeholders.all()) == {ministry_a, coop_a}
    assert action.problem.plan.assessment == assessment_a
    assert action.created_by == focal_a and action.history.count() >= 1
    assert action.problem.plan.planned_gaps.get().indicator == gap


def test_the_new_action_form_starts_from_the_gap_it_was_opened_from(client, focal_a, assessment_a):
    client.force_login(focal_a)
    url = reverse("plans:action_new", args=[assessment_a.pk]) + "?indicator=6.1.2.a"
    form = client.get(url).context["form"]
    assert form.initial["indicators"] == [indicator(assessment_a, "6.1.2.a").pk]
    assert form.fields["budget_currency"].choices[1][0] == "XOF"  # Senegal's currency first


@pytest.mark.parametrize(
    "values,field,message",
    [
        ({"start_semester": "2027-3"}, "start_semester", BAD_SEMESTER),
        ({"budget_currency": ""}, "budget_currency", AMOUNT_WITHOUT_CURRENCY),
        ({"budget_currency": "XXY"}, "budget_currency", "Select a valid choice"),
        ({"duration_months": "0"}, "duration_months", "greater than or equal to 1"),
        ({"budget_amount": "-5"}, "budget_amount", "greater than or equal to 0"),
        ({"impact": "huge"}, "impact", "Select a valid choice"),
    ],
)
def test_a_bad_action_is_refused_with_the_reason(client, focal_a, assessment_a, values, field,
                                                 message):  # fmt: skip
    client.force_login(focal_a)
    answer = client.post(reverse("plans:action_new", args=[assessment_a.pk]), form_data(**values))
    assert answer.status_code == 200
    assert str(message) in " ".join(answer.context["form"].errors[field])
    assert not Action.objects.exists()


def test_an_institution_of_another_country_cannot_be_responsible(
    client, focal_a, assessment_a, ecuador
):
    other = Institution.objects.create(country=ecuador, name="ARCOM", kind="agency")
    client.force_login(focal_a)
    answer = client.post(reverse("plans:action_new", args=[assessment_a.pk]),
                         form_data(stakeholders=[other.pk]))  # fmt: skip
    assert "stakeholders" in answer.context["form"].errors


def test_an_edit_based_on_an_old_version_is_refused_and_shows_what_is_saved(
    client, focal_a, contributor_a, plan_a
):
    action = Action.objects.filter(problem__plan=plan_a).first()
    url = reverse("plans:action_edit", args=[plan_a.assessment_id, action.pk])
    client.force_login(contributor_a)
    client.post(url, form_data(problem=action.problem.text, description="Colleague's text"))
    client.force_login(focal_a)
    answer = client.post(url, form_data(problem=action.problem.text, description="Mine"))
    assert answer.status_code == 409
    assert answer.context["form"].initial["description"] == "Colleague's text"
    action.refresh_from_db()
    assert action.description == "Colleague's text" and action.version == 1


def test_moving_the_last_action_of_a_problem_elsewhere_removes_the_empty_problem(
    client, focal_a, plan_a
):
    action = Action.objects.get(problem__text="Mercury use in processing")
    client.force_login(focal_a)
    client.post(reverse("plans:action_edit", args=[plan_a.assessment_id, action.pk]),
                form_data(problem="Weak management of the cooperatives", budget_amount="",
                          budget_currency=""))  # fmt: skip
    assert list(Problem.objects.filter(plan=plan_a).values_list("text", flat=True)) == [
        "Weak management of the cooperatives"
    ]


def test_deleting_an_action_is_recorded_in_its_history(client, focal_a, plan_a):
    action = Action.objects.get(problem__text="Mercury use in processing")
    client.force_login(focal_a)
    client.post(reverse("plans:action_delete", args=[plan_a.assessment_id, action.pk]))
    assert not Action.objects.filter(pk=action.pk).exists()
    assert Action.history.filter(id=action.pk, history_type="-").get().history_user == focal_a


def test_the_vision_is_saved_in_the_countrys_language(client, focal_a, assessment_a):
    client.force_login(focal_a)
    client.post(reverse("plans:vision", args=[assessment_a.pk]),
                {"vision": "Une EMAPE légale et sans mercure", "vision_language": "fr"})  # fmt: skip
    plan = Plan.objects.get(assessment=assessment_a)
    assert (plan.vision, plan.vision_language) == ("Une EMAPE légale et sans mercure", "fr")
    page = client.get(reverse("plans:detail", args=[assessment_a.pk])).content.decode()
    assert '<blockquote class="blockquote mb-0" lang="fr">' in page


def test_a_progress_note_is_dated_and_signed(client, contributor_a, plan_a):
    action = Action.objects.filter(problem__plan=plan_a).first()
    client.force_login(contributor_a)
    client.post(reverse("plans:note_add", args=[plan_a.assessment_id, action.pk]),
                {"date": "2027-04-15", "body": "The diagnosis report is delivered."})  # fmt: skip
    note = ProgressNote.objects.get()
    assert (str(note.date), note.author) == ("2027-04-15", contributor_a)
    page = client.get(reverse("plans:action", args=[plan_a.assessment_id, action.pk]))
    assert "The diagnosis report is delivered." in page.content.decode()


def test_an_analyst_comments_on_an_action_and_the_team_reads_it(client, analyst, focal_a, plan_a):
    action = Action.objects.filter(problem__plan=plan_a).first()
    client.force_login(analyst)
    url = reverse("plans:comment_add", args=[plan_a.assessment_id, action.pk])
    answer = client.post(url, {"body": "Is the budget per year?"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and "Is the budget per year?" in answer.content.decode()
    assert client.post(url, {"body": " "}, HTTP_HX_REQUEST="true").status_code == 400
    assert ActionComment.objects.get().author == analyst
    client.force_login(focal_a)
    page = client.get(reverse("plans:action", args=[plan_a.assessment_id, action.pk]))
    assert "Is the budget per year?" in page.content.decode()


def test_institutions_are_the_countrys_own_and_their_names_are_unique(
    client, focal_a, assessment_a, ministry_a
):
    client.force_login(focal_a)
    url = reverse("plans:institutions", args=[assessment_a.pk])
    client.post(url, {"name": "Université Cheikh Anta Diop", "acronym": "UCAD",
                      "kind": "university"})  # fmt: skip
    answer = client.post(url, {"name": "ministère des mines  et de la géologie",
                               "kind": "ministry"})  # fmt: skip
    expected = INSTITUTION_EXISTS % {"country": "Senegal",
                                     "name": "ministère des mines et de la géologie"}  # fmt: skip
    assert answer.context["form"].errors["name"] == [expected]
    names = set(
        Institution.objects.filter(country=assessment_a.country).values_list("acronym", flat=True)
    )
    assert names == {"MMG", "UCAD"}


def test_the_plan_page_shows_the_seed_table_and_budget_totals_per_currency(client, analyst, plan_a):
    client.force_login(analyst)
    page = client.get(reverse("plans:detail", args=[plan_a.assessment_id])).content.decode()
    for header in ("Problem or practice", "Impact", "Action", "Expected result", "Duration",
                   "When", "Responsible", "Budget"):  # fmt: skip
        assert f">{header}</th>" in page
    assert 'rowspan="2"' in page  # the first problem spans its two actions
    assert "F\u202fCFA12,000,000" in page and "$50,000.00" in page
    assert 'id="budget-year"' in page and 'id="budget-stakeholder"' in page


def test_the_plan_page_costs_a_fixed_number_of_queries(
    client, analyst, plan_a, django_assert_max_num_queries
):
    client.force_login(analyst)
    client.get(reverse("plans:detail", args=[plan_a.assessment_id]))  # warm the framework
    # session, user, assessment, plan, actions + stakeholders, indicators, recommendations,
    # practices with their actions
    with django_assert_max_num_queries(9):
        answer = client.get(reverse("plans:detail", args=[plan_a.assessment_id]))
    assert answer.status_code == 200


@pytest.mark.parametrize("view", ["gaps", "timeline"])
def test_the_gap_and_timeline_pages_cost_a_fixed_number_of_queries(
    client, analyst, plan_a, view, django_assert_max_num_queries
):
    client.force_login(analyst)
    url = reverse(f"plans:{view}", args=[plan_a.assessment_id])
    client.get(url)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_the_timeline_page_draws_the_plans_actions(client, focal_a, plan_a):
    client.force_login(focal_a)
    page = client.get(reverse("plans:timeline", args=[plan_a.assessment_id])).content.decode()
    assert 'class="chart" id="plan-timeline" data-figure="plan-timeline-figure"' in page
    assert 'id="plan-timeline-figure"' in page and "1.1 Technical, legal" in page
    assert "js/charts.js" in page and "plotly-partial.min.js" in page


def test_every_change_of_an_action_and_its_links_is_in_its_history(
    client, focal_a, analyst, plan_a, ministry_a
):
    action = Action.objects.get(description="Train the miners")
    client.force_login(focal_a)
    client.post(
        reverse("plans:action_edit", args=[plan_a.assessment_id, action.pk]),
        form_data(problem=action.problem.text, description="Train the miners",
                  stakeholders=[ministry_a.pk], start_semester="2028-1"),
    )  # fmt: skip
    client.force_login(analyst)
    page = client.get(reverse("plans:action", args=[plan_a.assessment_id, action.pk]))
    changes = [item["fields"] for item in page.context["history"]]
    assert "responsible" in sum(changes, [])
    assert {"start (semester)", "budget", "currency"} <= set(sum(changes, []))
    assert page.context["history"][0]["record"].history_user == focal_a
