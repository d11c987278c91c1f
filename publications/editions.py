"""Frozen PDF editions: building a published report in every language, once, as the public
sees it, and keeping each file with its checksum for good.

Edition 1 is issued when an assessment is published (or a regional report); a correction,
made by IGF staff with a reason, issues the next number and marks the earlier one
superseded. The PDFs are written by the task queue (`tasks.issue_editions`), never inside a
request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_igf_staff, visibility_class
from assessment.models import Assessment
from config.security import audit
from reports.pdf import report_pdf
from reports.report_context import country_report_context, regional_report_context
from reports.tasks import content_fingerprint
from scores.query import ComparisonQuery

from .models import Edition, RegionalReport

REASON_REQUIRED = _("Say why the published report is corrected: readers will see the reason.")
ONLY_STAFF_CORRECT = _("Only IGF analysts correct a published report.")
NOT_PUBLISHED = _("Only a published report has editions.")
PUBLIC = visibility_class(None)


@dataclass(frozen=True)
class EditionStamp:
    """What the report's cover says of its edition (templates/reports/pdf/includes/edition.html)."""

    number: int
    issued_at: datetime
    fingerprint: str
    superseded: bool = False


def current_number(*, assessment=None, regional_report=None) -> int:
    """The latest edition's number, 0 when none was issued."""
    editions = Edition.objects.filter(assessment=assessment, regional_report=regional_report)
    return editions.aggregate(latest=Max("number"))["latest"] or 0


def edition_correct(*, user, reason: str, assessment=None, regional_report=None) -> int:
    """Ask for the next edition of a published report; the number it will carry. The task
    queue builds it (`tasks.issue_editions`) once the request's transaction commits."""
    from .tasks import issue_editions

    if not is_igf_staff(user):
        raise PermissionDenied(ONLY_STAFF_CORRECT)
    if not reason.strip():
        raise ValueError(REASON_REQUIRED)
    _ensure_public(assessment, regional_report)
    number = current_number(assessment=assessment, regional_report=regional_report) + 1
    audit("edition_correction_requested", user=user, number=number, reason=reason.strip(),
          **_subject_fields(assessment, regional_report))  # fmt: skip
    transaction.on_commit(
        lambda: issue_editions.enqueue(
            assessment_id=assessment and assessment.pk,
            regional_report_id=regional_report and regional_report.pk,
            number=number,
            reason=reason.strip(),
            user_id=user.pk,
        )  # fmt: skip
    )
    return number


def editions_issue(
    *, number: int, assessment=None, regional_report=None, reason: str = "", user=None
) -> list[Edition]:
    """Build edition `number` in every language and supersede the earlier ones. Doing it
    again changes nothing (the task queue may run a task twice)."""
    existing = Edition.objects.filter(
        assessment=assessment, regional_report=regional_report, number=number
    )
    if existing.exists():
        return list(existing)
    _ensure_public(assessment, regional_report)
    issued_at = timezone.now()
    built = [
        _build(language, number, issued_at, assessment, regional_report)
        for language, _name in settings.LANGUAGES
    ]
    with transaction.atomic():
        earlier = Edition.objects.filter(
            assessment=assessment, regional_report=regional_report, superseded_at__isnull=True
        ).select_for_update()
        for edition in earlier:
            edition.superseded_at, edition.superseded_reason = issued_at, reason
            edition.save(update_fields=["superseded_at", "superseded_reason"])
        editions = []
        for fields, content in built:
            edition = Edition(**fields, issued_at=issued_at, issued_by=_user_or_none(user),
                              correction_reason=reason if number > 1 else "")  # fmt: skip
            edition.file.save(fields["filename"], ContentFile(content), save=False)
            edition.save()
            editions.append(edition)
    audit("edition_issued", user=user, number=number, reason=reason,
          **_subject_fields(assessment, regional_report))  # fmt: skip
    return editions


def _build(language, number, issued_at, assessment, regional_report) -> tuple[dict, bytes]:
    """The PDF of one language and what its Edition row records."""
    if assessment is not None:
        kind, framework = "country", assessment.framework
        context = country_report_context(assessment, user=None, language=language)
        stem = f"{assessment.country.iso3.lower()}-{slugify(assessment.round)}"
    else:
        kind, framework = "regional", regional_report.framework
        context = regional_report_context(
            regional_query(regional_report), user=None, language=language
        )
        stem = f"{slugify(regional_report.grouping)}-{slugify(regional_report.round)}"
    fingerprint = content_fingerprint(kind, context, PUBLIC)
    context["edition"] = EditionStamp(number=number, issued_at=issued_at, fingerprint=fingerprint)
    content = report_pdf(kind, context)
    fields = {
        "assessment": assessment,
        "regional_report": regional_report,
        "number": number,
        "language": language,
        "filename": f"mpf-pillar6-{stem}-{language}-edition-{number}.pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "fingerprint": fingerprint,
        "framework": framework,
        "scale": [
            [level.code, float(level.percentage), getattr(level, "label_en", level.label)]
            for level in framework.levels.order_by("code")
        ],
    }
    return fields, content


def regional_query(report: RegionalReport) -> ComparisonQuery:
    """The comparison a regional report shows: its framework's round, by its grouping."""
    return ComparisonQuery(framework=report.framework, rounds=(report.round,),
                           grouping=report.grouping)  # fmt: skip


def _ensure_public(assessment, regional_report) -> None:
    if assessment is not None:
        public = Assessment.objects.readable_by(None).filter(pk=assessment.pk).exists()
    else:
        public = RegionalReport.objects.public().filter(pk=regional_report.pk).exists()
    if not public:
        raise ValueError(NOT_PUBLISHED)


def _subject_fields(assessment, regional_report) -> dict:
    if assessment is not None:
        return {"assessment_id": assessment.pk, "country_id": assessment.country_id,
                "round": assessment.round}  # fmt: skip
    return {"regional_report_id": regional_report.pk, "round": regional_report.round}


def _user_or_none(user):
    return user if user is not None and user.is_authenticated else None
