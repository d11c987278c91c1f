"""Fixtures of the action plan tests: Senegal's 2026 assessment partly rated, its
institutions and a small plan; Ecuador's assessment for the other country."""

from decimal import Decimal

import pytest

from assessment.models import Assessment, Response
from assessment.services import assessment_create
from frameworks.models import Indicator
from plans import services
from plans.models import Institution

# Indicator code -> level code ("na": not applicable); the others stay unrated.
SENEGAL_LEVELS = {"6.1.1.a": 1, "6.1.1.b": 3, "6.1.2.a": 0, "6.2.1.a": 2, "6.3.1.a": "na",
                  "6.3.2.a": 4}  # fmt: skip


def rate(assessment: Assessment, levels: dict, targets: dict | None = None) -> None:
    """Set ratings (and target levels) directly, as if the team had saved them."""
    scale = {level.code: level for level in assessment.framework.levels.all()}
    for code, level in levels.items():
        fields = {"not_applicable": True, "not_applicable_reason": "No ASM here", "level": None}
        if level != "na":
            fields = {"level": scale[level], "not_applicable": False}
        if targets and code in targets:
            fields["target_level"] = scale[targets[code]]
        Response.objects.filter(assessment=assessment, indicator__code=code).update(**fields)


def indicator(assessment: Assessment, code: str) -> Indicator:
    return Indicator.objects.get(code=code, recommendation__area__framework=assessment.framework)


@pytest.fixture
def assessment_a(senegal, pillar6, focal_a) -> Assessment:
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6, user=focal_a)
    rate(assessment, SENEGAL_LEVELS)
    return assessment


@pytest.fixture
def assessment_b(ecuador, pillar6, focal_b) -> Assessment:
    return assessment_create(country=ecuador, round="2026", framework=pillar6, user=focal_b)


@pytest.fixture
def ministry_a(senegal) -> Institution:
    return Institution.objects.create(
        country=senegal, name="Ministère des Mines et de la Géologie", acronym="MMG",
        kind=Institution.Kind.MINISTRY,
    )  # fmt: skip


@pytest.fixture
def coop_a(senegal) -> Institution:
    return Institution.objects.create(
        country=senegal, name="Coopérative des orpailleurs de Kédougou", acronym="COOK",
        kind=Institution.Kind.COOPERATIVE,
    )  # fmt: skip


def action_data(**values) -> services.ActionData:
    defaults = {"problem": "Weak management of the cooperatives", "description": "Diagnose",
                "impact": "high"}  # fmt: skip
    return services.ActionData(**{**defaults, **values})


@pytest.fixture
def plan_a(assessment_a, focal_a, ministry_a, coop_a):
    """Two problems, three actions: budgets in XOF and USD, one on two indicators."""
    first = services.action_create(assessment=assessment_a, user=focal_a, data=action_data(
        description="Technical, legal and environmental diagnosis", expected_result="Report",
        duration_months=6, start_semester="2027-1", budget_amount=Decimal("12000000"),
        budget_currency="XOF", stakeholder_ids={ministry_a.pk, coop_a.pk},
        indicator_ids={indicator(assessment_a, "6.1.1.a").pk},
    ))  # fmt: skip
    services.action_create(assessment=assessment_a, user=focal_a, data=action_data(
        description="Train the miners", duration_months=12, start_semester="2027-2",
        budget_amount=Decimal("50000"), budget_currency="USD", status="in_progress",
        stakeholder_ids={coop_a.pk},
        indicator_ids={indicator(assessment_a, "6.1.2.a").pk,
                       indicator(assessment_a, "6.2.1.a").pk},
    ))  # fmt: skip
    services.action_create(assessment=assessment_a, user=focal_a, data=action_data(
        problem="Mercury use in processing", description="Pilot mercury-free processing",
        impact="medium",
    ))  # fmt: skip
    return first.problem.plan
