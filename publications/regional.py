"""Regional reports an analyst publishes for a round: the comparison of a framework
version's round by a grouping, as the public sees it, frozen in editions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.roles import is_igf_staff
from config.security import audit

from .models import RegionalReport
from .scheduling import ONLY_STAFF_SCHEDULE


def regional_report_get_or_create(*, framework, round: str, grouping: str, user) -> RegionalReport:
    """The round's regional report by `grouping`, made if new (not published yet)."""
    if not is_igf_staff(user):
        raise PermissionDenied(ONLY_STAFF_SCHEDULE)
    report, _created = RegionalReport.objects.get_or_create(
        framework=framework, round=round, grouping=grouping, defaults={"created_by": user}
    )
    return report


def regional_report_publish(*, report: RegionalReport, user) -> RegionalReport:
    """Publish it now and freeze edition 1 (in the background)."""
    from .tasks import issue_editions

    if report.is_published:
        return report
    updated = RegionalReport.objects.filter(pk=report.pk, published_at__isnull=True).update(
        published_at=timezone.now()
    )
    report.refresh_from_db()
    if updated:
        audit("regional_report_published", user=user, regional_report_id=report.pk,
              round=report.round, grouping=report.grouping)  # fmt: skip
        transaction.on_commit(
            lambda: issue_editions.enqueue(number=1, regional_report_id=report.pk)
        )
    return report
