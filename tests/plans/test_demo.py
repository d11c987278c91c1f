"""The demo's plans: Senegal in French with XOF, Ecuador in Spanish with USD."""

import pytest

from accounts.models import User
from assessment.models import Assessment
from assessment.services import assessment_create
from demo.people import create_demo_people
from demo.plans import create_demo_plans
from demo.texts import DEMO_MARK
from plans.followup import actions_by_indicator
from plans.models import Action, ActionComment, Plan, ProgressNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_rounds(pillar6, pillar6_v2):
    """As in the demo: 2024 on version 1 of the framework, 2026 on version 2."""
    create_demo_people()
    from countries.models import Country

    rounds = {}
    for iso3, round_ in [("SEN", "2024"), ("SEN", "2026"), ("ECU", "2026")]:
        framework = pillar6 if round_ == "2024" else pillar6_v2
        rounds[iso3, round_] = assessment_create(
            country=Country.objects.get(iso3=iso3), round=round_, framework=framework,
            is_demo=True,
        )  # fmt: skip
    Assessment.objects.filter(round="2024").update(status="published")
    return rounds


def test_senegal_and_ecuador_get_a_plan_in_their_language_and_currency(demo_rounds):
    created = create_demo_plans()
    assert len(created) == 3
    senegal = Plan.objects.get(assessment=demo_rounds["SEN", "2026"])
    ecuador = Plan.objects.get(assessment=demo_rounds["ECU", "2026"])
    assert senegal.vision_language == "fr" and senegal.vision.startswith(DEMO_MARK)
    assert ecuador.vision_language == "es" and "minería" in ecuador.vision
    currencies = {plan.assessment.country.iso3: set(
        Action.objects.filter(problem__plan=plan).exclude(budget_currency="")
        .values_list("budget_currency", flat=True)) for plan in (senegal, ecuador)}  # fmt: skip
    assert currencies == {"SEN": {"XOF"}, "ECU": {"USD"}}
    assert all(p.text.startswith(DEMO_MARK) for plan in created for p in plan.problems.all())
    assert ProgressNote.objects.exists() and ActionComment.objects.count() == 2


def test_every_demo_action_has_responsible_institutions_and_indicators(demo_rounds):
    create_demo_plans()
    for action in Action.objects.prefetch_related("stakeholders", "indicators"):
        assert action.stakeholders.exists() and action.indicators.exists(), action


def test_loading_the_demo_plans_again_changes_nothing(demo_rounds):
    create_demo_plans()
    count = Action.objects.count()
    assert create_demo_plans() == []
    assert Action.objects.count() == count


def test_senegals_2026_round_shows_what_the_2024_plan_did(demo_rounds):
    create_demo_plans()
    sen_2026 = demo_rounds["SEN", "2026"]
    found = actions_by_indicator(sen_2026, user=User.objects.get(username="sen-focal"))
    assert [a.status for a in found["6.1.1.a"]] == ["done"]
