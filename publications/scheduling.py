"""Scheduled publication (an embargo): an assessment, or a round's regional report, becomes
public at a set time.

Until that time nothing changes in who sees what: the assessment stays validated (or
confidential), so the one visibility policy (`Assessment.objects.readable_by`) keeps it
from everybody but its country's team and IGF, in every page, export, API answer,
comparison and search, with no exception to write. At the time, the task queue publishes
it through the workflow, as an analyst would (`assessment_transition`: a Transition, the
history and the audit trail record it), and the first edition is frozen.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import default_task_backend

from accounts.roles import is_igf_staff, role_in_country
from assessment.models import Assessment
from assessment.notifications import notify_transition
from assessment.services import assessment_transition
from assessment.workflow import can_take
from config.security import audit

from .models import RegionalReport, ScheduledPublication

logger = logging.getLogger(__name__)

ONLY_STAFF_SCHEDULE = _("Only IGF analysts schedule a publication.")
NOT_PUBLISHABLE = _("Only a validated assessment can be scheduled for publication.")
IN_THE_PAST = _("Choose a time in the future.")
ALREADY_SCHEDULED = _("A publication is already scheduled; cancel it first.")
ALREADY_PUBLISHED = _("This report is published already.")
SCHEDULED_COMMENT = "Scheduled publication"


def publication_schedule(
    *, user, publish_at, assessment: Assessment | None = None, regional_report=None
) -> ScheduledPublication:
    """Schedule the publication; the task queue publishes it at `publish_at`."""
    if not is_igf_staff(user):
        raise PermissionDenied(ONLY_STAFF_SCHEDULE)
    if publish_at <= timezone.now():
        raise ValueError(IN_THE_PAST)
    if assessment is not None and not can_take(
        "publish", assessment.status, role_in_country(user, assessment.country_id)
    ):
        raise ValueError(NOT_PUBLISHABLE)
    if regional_report is not None and regional_report.is_published:
        raise ValueError(ALREADY_PUBLISHED)
    pending = ScheduledPublication.objects.pending()
    if pending.filter(assessment=assessment, regional_report=regional_report).exists():
        raise ValueError(ALREADY_SCHEDULED)
    schedule = ScheduledPublication.objects.create(
        assessment=assessment, regional_report=regional_report, publish_at=publish_at,
        created_by=user,
    )  # fmt: skip
    audit("publication_scheduled", user=user, schedule_id=schedule.pk,
          publish_at=publish_at.isoformat(), **_subject_fields(schedule))  # fmt: skip
    transaction.on_commit(lambda: enqueue_at(schedule))
    return schedule


def publication_cancel(*, user, schedule: ScheduledPublication) -> None:
    """Cancel a publication not done yet; nothing was ever shown, nothing is."""
    if not is_igf_staff(user):
        raise PermissionDenied(ONLY_STAFF_SCHEDULE)
    cancelled = (
        ScheduledPublication.objects.pending()
        .filter(pk=schedule.pk)
        .update(cancelled_at=timezone.now(), cancelled_by=user)
    )
    if cancelled:
        audit("publication_cancelled", user=user, schedule_id=schedule.pk,
              **_subject_fields(schedule))  # fmt: skip


def enqueue_at(schedule: ScheduledPublication) -> None:
    """Queue the publication for its time. A backend that cannot wait (the immediate one)
    leaves it to `manage.py publish_due`, which a timer may run as well."""
    from .tasks import publish_scheduled

    if default_task_backend.supports_defer:
        publish_scheduled.using(run_after=schedule.publish_at).enqueue(schedule.pk)


def scheduled_publish(*, schedule_id: int) -> bool:
    """Publish a due scheduled publication; True when it was published now. Running it
    again, early, or after a cancellation does nothing."""
    with transaction.atomic():
        schedule = ScheduledPublication.objects.select_for_update().filter(pk=schedule_id).first()
        if schedule is None or schedule.done_at or schedule.cancelled_at:
            return False
        if schedule.publish_at > timezone.now():
            return False
        if schedule.assessment_id is not None:
            _publish_assessment(schedule)
        else:
            _publish_regional_report(schedule)
        schedule.done_at = timezone.now()
        schedule.save(update_fields=["done_at"])
    return True


def publish_due() -> int:
    """Publish every scheduled publication whose time has come; how many."""
    due = ScheduledPublication.objects.due().values_list("pk", flat=True)
    return sum(scheduled_publish(schedule_id=pk) for pk in list(due))


def _publish_assessment(schedule: ScheduledPublication) -> None:
    assessment = Assessment.objects.get(pk=schedule.assessment_id)
    if assessment.status == Assessment.Status.PUBLISHED:
        return  # published by hand meanwhile
    transition = assessment_transition(assessment=assessment, action_name="publish",
                                       user=schedule.created_by, comment=SCHEDULED_COMMENT)  # fmt: skip
    # The team is told as when an analyst publishes by hand; no request here, so the links
    # lead to the configured address of the site.
    notify_transition(transition=transition, base_url=settings.SITE_URL)


def _publish_regional_report(schedule: ScheduledPublication) -> None:
    from .regional import regional_report_publish

    report = RegionalReport.objects.get(pk=schedule.regional_report_id)
    if not report.is_published:
        regional_report_publish(report=report, user=schedule.created_by)


def _subject_fields(schedule: ScheduledPublication) -> dict:
    if schedule.assessment_id is not None:
        return {"assessment_id": schedule.assessment_id,
                "country_id": schedule.assessment.country_id}  # fmt: skip
    return {"regional_report_id": schedule.regional_report_id}
