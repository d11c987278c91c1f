"""Background work of publication (django-tasks, `manage.py db_worker`): building the frozen
editions, and publishing what was scheduled when its time comes."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django_tasks import task

from assessment.models import Assessment

from .models import RegionalReport

logger = logging.getLogger(__name__)


@task()
def issue_editions(
    *, number: int, assessment_id=None, regional_report_id=None, reason: str = "", user_id=None
) -> None:
    """Build edition `number` of a published report in every language (idempotent)."""
    from .editions import editions_issue

    assessment = (
        Assessment.objects.select_related("country", "framework").get(pk=assessment_id)
        if assessment_id
        else None
    )
    regional_report = (
        RegionalReport.objects.select_related("framework").get(pk=regional_report_id)
        if regional_report_id
        else None
    )
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        editions_issue(number=number, assessment=assessment, regional_report=regional_report,
                       reason=reason, user=user)  # fmt: skip
    except ValueError:  # no longer published: nothing to freeze
        logger.warning("Edition %s of %s not issued: not published", number,
                       assessment or regional_report)  # fmt: skip


@task()
def publish_scheduled(schedule_id: int) -> None:
    """Publish a scheduled publication at its time (idempotent: see scheduling.py)."""
    from .scheduling import scheduled_publish

    scheduled_publish(schedule_id=schedule_id)
