"""PDF reports built in the background (django-tasks, database backend: `manage.py db_worker`).

A request for a report gathers its content (`report_context.py`, as the requester may see
it) and renders its HTML, which is cheap beside writing the PDF. The report's fingerprint
is a hash of that HTML (the build date left out) and of the stylesheets it links, plus the
requester's visibility class: whatever the report shows or however it looks, a change
changes the fingerprint, with no list of fields or template version to keep by hand. A
report already built, or being built, with that fingerprint is reused; otherwise a
ReportFile is queued and `build_report` renders it. When a newer build of the same report
(same `subject`: kind, assessment or comparison, language and visibility) is done, the
older files are deleted.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from accounts.roles import visibility_class
from assessment.models import Assessment
from scores.query import ComparisonQuery

from .models import ReportFile
from .pdf import render_report_html, report_pdf, static_path
from .report_context import country_report_context, regional_report_context

logger = logging.getLogger(__name__)

# A report queued or running for longer was lost (a worker stopped): it is queued again.
STALE_AFTER = timedelta(minutes=10)
BUILD_FAILED = _("The report could not be written. Please try again; if it fails again, tell IGF.")
WORKER_LOST = "No worker finished the report in time."
LINKED_FILES = re.compile(r'<link[^>]+href="([^"]+)"')

Status = ReportFile.Status


# Requests.


def request_country_report(
    *, assessment: Assessment, user, language: str
) -> tuple[ReportFile, bool]:
    """The country report for this reader: built, being built, or queued now (then True).
    The caller has checked that `user` may read `assessment`."""
    context = country_report_context(assessment, user=user, language=language)
    return _request(
        kind=ReportFile.Kind.COUNTRY,
        context=context,
        assessment=assessment,
        parameters={},
        language=language,
        filename=f"mpf-pillar6-{assessment.country.iso3.lower()}-{slugify(assessment.round)}"
        f"-{language}.pdf",
        user=user,
    )


def request_regional_report(
    *, query: ComparisonQuery, user, language: str
) -> tuple[ReportFile, bool]:
    """The regional report of `query` for this reader; True when it was queued now."""
    context = regional_report_context(query, user=user, language=language)
    rounds = "-".join(slugify(r) for r in query.rounds) or "all-rounds"
    return _request(
        kind=ReportFile.Kind.REGIONAL,
        context=context,
        assessment=None,
        parameters=query.as_parameters(),
        language=language,
        filename=f"mpf-pillar6-comparison-{slugify(query.grouping)}-{rounds}-{language}.pdf",
        user=user,
    )


def retry_report(*, report: ReportFile, user) -> tuple[ReportFile, bool]:
    """The same report asked for again (after a failure, or with the data changed since)."""
    with_language = {"user": user, "language": report.language}
    if report.kind == ReportFile.Kind.COUNTRY:
        return request_country_report(assessment=report.assessment, **with_language)
    query = ComparisonQuery.from_parameters(report.parameters)
    return request_regional_report(query=query, **with_language)


def content_fingerprint(kind: str, context: dict, visibility: str) -> str:
    """The hash of what the report shows: its HTML (without the build date) and the files
    it links, for readers of one visibility class."""
    html = render_report_html(kind, {**context, "generated_at": None})
    linked = [_file_digest(url) for url in LINKED_FILES.findall(html)]
    return _digest(kind, visibility, hashlib.sha256(html.encode()).hexdigest(), linked)


def _file_digest(url: str) -> str:
    path = static_path(url)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else url


def _request(*, kind, context: dict, user, **fields) -> tuple[ReportFile, bool]:
    visibility = visibility_class(user)
    fingerprint = content_fingerprint(kind, context, visibility)
    subject = _digest(
        kind, fields["assessment"] and fields["assessment"].pk,
        sorted(fields["parameters"].items()), fields["language"], visibility,
    )  # fmt: skip
    report = ReportFile.objects.live().filter(fingerprint=fingerprint).first()
    if report is not None and _is_lost(report):
        _fail(report, WORKER_LOST)
        report = None
    if report is not None:
        return report, False
    try:
        with transaction.atomic():
            report = ReportFile.objects.create(
                kind=kind, fingerprint=fingerprint, subject=subject, visibility=visibility,
                created_by=_user_or_none(user), **fields,
            )  # fmt: skip
    except IntegrityError:  # somebody asked for the same report at the same moment
        return ReportFile.objects.live().get(fingerprint=fingerprint), False
    build_report.enqueue(report.pk)
    report.refresh_from_db()  # an immediate backend has built it already
    return report, True


def _is_lost(report: ReportFile) -> bool:
    return not report.is_finished and report.created_at < timezone.now() - STALE_AFTER


def _user_or_none(user):
    return user if user is not None and user.is_authenticated else None


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
        query = ComparisonQuery.from_parameters(report.parameters)
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
