"""PDF reports built in the background (django-tasks, database backend: `manage.py db_worker`).

A request for a report computes its fingerprint: a hash of everything the report shows
(the change stamps of the data behind it, the language, the reader's visibility class and
the template version). A report already built, or being built, with that fingerprint is
reused; otherwise a ReportFile is queued and `build_report` renders it. When a newer build
of the same report is done, the older files are deleted.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from assessment.models import Assessment, Evidence, Response

from .data import ComparisonQuery
from .models import CountryGroup, ReportFile
from .pdf import report_pdf
from .report_context import (
    TEMPLATE_VERSION,
    country_report_context,
    query_from_parameters,
    query_parameters,
    regional_report_context,
)
from .visibility import visibility_class

logger = logging.getLogger(__name__)

# A report queued or running for longer was lost (a worker stopped): it is queued again.
STALE_AFTER = timedelta(minutes=10)
BUILD_FAILED = _("The report could not be written. Please try again; if it fails again, tell IGF.")
WORKER_LOST = "No worker finished the report in time."

Status = ReportFile.Status


# Requests.


def request_country_report(
    *, assessment: Assessment, user, language: str
) -> tuple[ReportFile, bool]:
    """The country report for this reader: built, being built, or queued now (then True).
    The caller has checked that `user` may read `assessment`."""
    visibility = visibility_class(user)
    subject = _digest("country", assessment.pk, language, visibility, TEMPLATE_VERSION)
    fingerprint = _digest(subject, country_data_stamp(assessment))
    return _request(
        kind=ReportFile.Kind.COUNTRY,
        assessment=assessment,
        parameters={},
        language=language,
        visibility=visibility,
        subject=subject,
        fingerprint=fingerprint,
        filename=f"mpf-pillar6-{assessment.country.iso3.lower()}-{slugify(assessment.round)}"
        f"-{language}.pdf",
        user=user,
    )


def request_regional_report(
    *, query: ComparisonQuery, user, language: str
) -> tuple[ReportFile, bool]:
    """The regional report of `query` for this reader (visibility applies when it is built);
    True when it was queued now."""
    visibility = visibility_class(user)
    parameters = query_parameters(query)
    subject = _digest(
        "regional", sorted(parameters.items()), language, visibility, TEMPLATE_VERSION
    )
    fingerprint = _digest(subject, regional_data_stamp(query))
    rounds = "-".join(slugify(r) for r in query.rounds) or "all-rounds"
    return _request(
        kind=ReportFile.Kind.REGIONAL,
        assessment=None,
        parameters=parameters,
        language=language,
        visibility=visibility,
        subject=subject,
        fingerprint=fingerprint,
        filename=f"mpf-pillar6-comparison-{slugify(query.grouping)}-{rounds}-{language}.pdf",
        user=user,
    )


def retry_report(*, report: ReportFile, user) -> tuple[ReportFile, bool]:
    """The same report asked for again (after a failure, or with the data changed since)."""
    with_language = {"user": user, "language": report.language}
    if report.kind == ReportFile.Kind.COUNTRY:
        return request_country_report(assessment=report.assessment, **with_language)
    return request_regional_report(query=query_from_parameters(report.parameters), **with_language)


def _request(*, fingerprint: str, user, **fields) -> tuple[ReportFile, bool]:
    report = ReportFile.objects.live().filter(fingerprint=fingerprint).first()
    if report is not None and _is_lost(report):
        _fail(report, WORKER_LOST)
        report = None
    if report is not None:
        return report, False
    try:
        with transaction.atomic():
            report = ReportFile.objects.create(
                fingerprint=fingerprint, created_by=_user_or_none(user), **fields
            )
    except IntegrityError:  # somebody asked for the same report at the same moment
        return ReportFile.objects.live().get(fingerprint=fingerprint), False
    build_report.enqueue(report.pk)
    report.refresh_from_db()  # an immediate backend has built it already
    return report, True


def _is_lost(report: ReportFile) -> bool:
    return not report.is_finished and report.created_at < timezone.now() - STALE_AFTER


def _user_or_none(user):
    return user if user is not None and user.is_authenticated else None


# Fingerprints: what the report shows changes exactly when one of these stamps does.


def country_data_stamp(assessment: Assessment) -> tuple:
    """The assessment's answers and evidence, and the state of every assessment its report
    draws on: the region's in the same round (averages) and the country's others (change
    since the last round)."""
    answers = Response.objects.filter(assessment_id=assessment.pk).order_by("pk")
    answers = answers.values_list(
        "pk", "version", "level_id", "not_applicable", "target_level_id", "updated_at",
        "justification", "not_applicable_reason",
    )  # fmt: skip
    evidence = Evidence.objects.filter(response__assessment_id=assessment.pk).aggregate(
        count=Count("pk"), last=Max("pk")
    )
    related = Assessment.objects.filter(
        Q(framework_id=assessment.framework_id, round=assessment.round)
        | Q(country_id=assessment.country_id)
    )
    return (
        assessment.framework.content_hash,
        list(answers),
        sorted(evidence.items()),
        _assessments_stamp(related),
        _plan_stamp(assessment),
    )


def regional_data_stamp(query: ComparisonQuery) -> tuple:
    """The state of every assessment of the framework, and the saved group's members."""
    assessments = Assessment.objects.filter(framework_id=query.framework.pk)
    members = []
    if query.saved_group_id is not None:
        group = CountryGroup.countries.through.objects.filter(countrygroup_id=query.saved_group_id)
        members = sorted(group.values_list("country_id", flat=True))
    return (query.framework.content_hash, _assessments_stamp(assessments), members)


def _assessments_stamp(assessments) -> tuple:
    rows = assessments.order_by("pk").values_list(
        "pk", "country_id", "round", "status", "updated_at"
    )
    answers = Response.objects.filter(assessment__in=assessments.values("pk")).aggregate(
        last=Max("updated_at"), versions=Sum("version"), rated=Count("level"),
        not_applicable=Count("pk", filter=Q(not_applicable=True)),
    )  # fmt: skip
    return list(rows), sorted(answers.items())


def _plan_stamp(assessment: Assessment) -> tuple:
    try:
        from plans.models import Action, Plan, Problem
    except ImportError:
        return ()
    plan = Plan.objects.filter(assessment_id=assessment.pk).values_list("pk", "updated_at").first()
    if plan is None:
        return ()
    actions = Action.objects.filter(problem__plan_id=plan[0]).aggregate(
        count=Count("pk"), last=Max("updated_at")
    )
    problems = Problem.objects.filter(plan_id=plan[0]).aggregate(count=Count("pk"), last=Max("pk"))
    return plan, sorted(actions.items()), sorted(problems.items())


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# The background task.


@task()
def build_report(report_id: int) -> None:
    """Render a queued report to PDF and keep it; on failure, record why."""
    claimed = ReportFile.objects.filter(pk=report_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # built already, or claimed by another worker
        return
    report = ReportFile.objects.select_related(
        "assessment__country", "assessment__framework", "created_by"
    ).get(pk=report_id)
    try:
        content = render_report(report)
    except Exception as error:
        logger.exception("Report %s failed", report_id)
        _fail(report, f"{type(error).__name__}: {error}")
        return
    report.file.save(report.filename, ContentFile(content), save=False)
    report.status, report.finished_at = Status.DONE, timezone.now()
    report.save(update_fields=["file", "status", "finished_at"])
    delete_older_files(report)


def render_report(report: ReportFile) -> bytes:
    """The PDF of a report, as its requester may see it."""
    user = report.created_by or AnonymousUser()
    if report.kind == ReportFile.Kind.COUNTRY:
        context = country_report_context(report.assessment, user=user, language=report.language)
    else:
        query = query_from_parameters(report.parameters)
        context = regional_report_context(query, user=user, language=report.language)
    return report_pdf(report.kind, context)


def _fail(report: ReportFile, error: str) -> None:
    report.status, report.error, report.finished_at = Status.FAILED, error[:2000], timezone.now()
    report.save(update_fields=["status", "error", "finished_at"])


def delete_older_files(report: ReportFile) -> None:
    """Older builds of the same report (same subject) go, with their files."""
    older = ReportFile.objects.filter(subject=report.subject, created_at__lte=report.created_at)
    older = older.exclude(pk=report.pk).filter(status__in=[Status.DONE, Status.FAILED])
    for stale in older:
        if stale.file:
            stale.file.delete(save=False)
        stale.delete()
