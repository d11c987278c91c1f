"""The assessment's gaps, ranked by gap x weight, and the team's choice of gaps."""

import pytest
from django.urls import reverse

from assessment.scores import clear_framework_indexes
from frameworks.models import Indicator
from plans.gaps import ranked_gaps
from plans.models import Plan, PlannedGap

from .conftest import indicator, rate

pytestmark = pytest.mark.django_db


def test_gaps_are_ranked_largest_first_with_the_top_of_the_scale_as_default_target(
    assessment_a,
):
    gaps = ranked_gaps(assessment_a, None)
    # 6.1.2.a at 0 (gap 100), 6.1.1.a at 1 (75), 6.2.1.a at 2 (50), 6.1.1.b at 3 (25);
    # 6.3.2.a is fully in place, 6.3.1.a not applicable, the rest unrated.
    assert [(g.code, g.gap) for g in gaps] == [
        ("6.1.2.a", 100.0), ("6.1.1.a", 75.0), ("6.2.1.a", 50.0), ("6.1.1.b", 25.0)
    ]  # fmt: skip
    assert [g.rank for g in gaps] == [1, 2, 3, 4]
    assert gaps[0].target == 4 and not gaps[0].target_is_set
    assert gaps[0].level_label == "Not in place"


def test_a_target_set_by_the_team_replaces_the_top_of_the_scale(assessment_a):
    rate(assessment_a, {"6.1.2.a": 0, "6.1.1.b": 3}, targets={"6.1.2.a": 1, "6.1.1.b": 3})
    gaps = {g.code: g for g in ranked_gaps(assessment_a, None)}
    assert gaps["6.1.2.a"].gap == 25.0 and gaps["6.1.2.a"].target_is_set
    assert "6.1.1.b" not in gaps  # at its target: no gap left


@pytest.fixture
def heavier_indicator(assessment_a):
    Indicator.objects.filter(code="6.1.1.b").update(weight=5)
    clear_framework_indexes()
    yield
    clear_framework_indexes()


def test_the_weight_multiplies_the_gap_in_the_ranking(assessment_a, heavier_indicator):
    gaps = ranked_gaps(assessment_a, None)
    assert gaps[0].code == "6.1.1.b"
    assert gaps[0].priority == 125.0


def test_the_gaps_show_which_the_team_chose_and_how_many_actions_address_them(plan_a):
    gaps = {g.code: g for g in ranked_gaps(plan_a.assessment, plan_a)}
    assert gaps["6.1.1.a"].selected and gaps["6.1.1.a"].action_count == 1
    assert gaps["6.1.2.a"].action_count == 1
    assert not gaps["6.1.1.b"].selected and gaps["6.1.1.b"].action_count == 0


def test_the_team_chooses_a_gap_and_can_change_its_mind(client, focal_a, assessment_a):
    client.force_login(focal_a)
    url = reverse("plans:gap_select", args=[assessment_a.pk, "6.1.1.b"])
    answer = client.post(url, {"selected": "1"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    assert "Chosen" in answer.content.decode()
    plan = Plan.objects.get(assessment=assessment_a)
    assert list(plan.planned_gaps.values_list("indicator__code", flat=True)) == ["6.1.1.b"]
    client.post(url, {"selected": "0"})
    assert not PlannedGap.objects.filter(plan=plan).exists()
    assert PlannedGap.history.filter(plan_id=plan.pk).count() == 2


def test_an_indicator_of_another_framework_or_unknown_is_not_found(client, focal_a, assessment_a):
    client.force_login(focal_a)
    url = reverse("plans:gap_select", args=[assessment_a.pk, "9.9.9.z"])
    assert client.post(url, {"selected": "1"}).status_code == 404


def test_the_gap_page_lists_the_ranked_gaps_with_a_link_to_plan_an_action(
    client, focal_a, assessment_a
):
    client.force_login(focal_a)
    page = client.get(reverse("plans:gaps", args=[assessment_a.pk])).content.decode()
    assert page.index("6.1.2.a") < page.index("6.1.1.a") < page.index("6.2.1.a")
    new_action = reverse("plans:action_new", args=[assessment_a.pk])
    assert f"{new_action}?indicator=6.1.2.a" in page


def test_an_action_on_an_indicator_chooses_its_gap(plan_a):
    chosen = set(plan_a.planned_gaps.values_list("indicator__code", flat=True))
    assert chosen == {"6.1.1.a", "6.1.2.a", "6.2.1.a"}
    assert indicator(plan_a.assessment, "6.1.1.a").plan_actions.count() == 1
