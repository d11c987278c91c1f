"""A kept report is rebuilt exactly when what it shows changes: its fingerprint is the hash
of its own content, not of a hand-kept list of fields."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import F

from assessment.models import Assessment, Comment, Evidence, Response
from assessment.scores import clear_framework_indexes
from frameworks.models import Indicator
from plans import services as plans
from plans.models import Action, Institution, Plan
from reports import tasks
from reports.models import ReportFile
from scores.comparison import invalidate

from .conftest import Status, make_assessment

LEVELS = {"6.1": 3, "6.2": 2, "6.3": 1}


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path, monkeypatch):
    """Reports are "built" at once, as a tiny stand-in PDF."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(tasks, "report_pdf", lambda kind, context: b"%PDF-1.7 stand-in")


@pytest.fixture
def world(pillar6, focal_a):
    """Senegal 2024 (validated, with evidence and a plan), its 2022 round and its region."""
    make_assessment(pillar6, "SEN", "2022", Status.VALIDATED, {"6.1": 1, "6.2": 1, "6.3": 1})
    senegal = make_assessment(pillar6, "SEN", "2024", Status.VALIDATED, LEVELS)
    make_assessment(pillar6, "RWA", "2024", Status.PUBLISHED, {"6.1": 2, "6.2": 2, "6.3": 2})
    response = first_response(senegal)
    Evidence.objects.create(
        response=response, kind="legal", title="Mining Code", instrument="Law 2016-32",
        article="Art. 4", date=datetime.date(2016, 11, 8), url="https://example.org/code",
    )  # fmt: skip
    ministry = Institution.objects.create(
        country=senegal.country, acronym="MMG", name="Mines", kind=Institution.Kind.choices[0][0]
    )
    plans.action_create(
        assessment=senegal,
        user=focal_a,
        data=plans.ActionData(
            problem="Weak cooperatives", description="Diagnose", impact="high",
            budget_amount=Decimal("1000"), budget_currency="XOF", stakeholder_ids={ministry.pk},
            indicator_ids={response.indicator_id},
        ),
    )  # fmt: skip
    return senegal


def first_response(assessment) -> Response:
    return assessment.responses.order_by(*Response._meta.ordering).first()


def request(assessment, user) -> ReportFile:
    report, _queued_now = tasks.request_country_report(
        assessment=assessment, user=user, language="en"
    )
    return report


def _update(queryset, **values):
    queryset.update(**values)
    invalidate()


CHANGES = {
    "a rating": lambda a: _update(
        Response.objects.filter(pk=first_response(a).pk), level=F("target_level")
    ),
    "a justification": lambda a: _update(
        Response.objects.filter(pk=first_response(a).pk), justification="A new decree."
    ),
    "a reason for not applicable": lambda a: _update(
        a.responses.filter(indicator__code="6.3.1.a"),
        level=None,
        not_applicable=True,
        not_applicable_reason="No mercury here.",
    ),  # fmt: skip
    "a target": lambda a: _update(
        Response.objects.filter(pk=first_response(a).pk),
        target_level=a.framework.levels.get(code=4),
    ),
    "an evidence title": lambda a: _update(Evidence.objects.all(), title="Code minier"),
    "an evidence article": lambda a: _update(Evidence.objects.all(), article="Art. 5"),
    "an evidence date": lambda a: _update(Evidence.objects.all(), date=datetime.date(2017, 1, 1)),
    "an evidence link": lambda a: _update(Evidence.objects.all(), url="https://example.org/b"),
    "the plan's vision": lambda a: _update(Plan.objects.all(), vision="Legal ASM by 2030"),
    "an action": lambda a: _update(Action.objects.all(), description="Diagnose the sites"),
    "an action's budget": lambda a: _update(Action.objects.all(), budget_amount=Decimal("2000")),
    "an institution's name": lambda a: _update(Institution.objects.all(), name="Ministry"),
    "an indicator's statement": lambda a: _update(
        Indicator.objects.filter(code="6.1.1.a"), statement_en="A reworded statement."
    ),
    "the assessment's status": lambda a: _update(
        Assessment.objects.filter(pk=a.pk), status=Status.PUBLISHED
    ),
    "the previous round": lambda a: _update(
        Response.objects.filter(assessment__round="2022", indicator__code="6.1.1.a"),
        level=F("target_level"),
    ),
    "the region's other country": lambda a: _update(
        Response.objects.filter(assessment__country__iso3="RWA", indicator__code="6.2.1.a"),
        level=a.framework.levels.get(code=4),
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_changing_anything_the_report_shows_rebuilds_it(world, analyst, change):
    before = request(world, analyst)
    CHANGES[change](world)
    clear_framework_indexes()
    world.refresh_from_db()
    after = request(world, analyst)
    assert after.pk != before.pk and after.fingerprint != before.fingerprint


def test_what_the_report_does_not_show_does_not_rebuild_it(world, analyst):
    before = request(world, analyst)
    Comment.objects.create(response=first_response(world), author=analyst, body="Check this.")
    Response.objects.filter(pk=first_response(world).pk).update(version=F("version") + 7)
    invalidate()
    assert request(world, analyst).pk == before.pk
