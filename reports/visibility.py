"""Which assessments a user's comparisons and averages may draw on.

IGF analysts and administrators see every status they ask for, drafts included on request
(labelled as drafts). Everybody else (ministry staff, anonymous readers) sees published
assessments only, plus, for ministry staff, their own countries' countable ones: never a
confidential or unfinished assessment of another country, not even folded into an average.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from assessment.models import Assessment
from assessment.roles import country_roles

if TYPE_CHECKING:
    from .data import ComparisonQuery

MIN_GROUP_SIZE = 3
DRAFT_STATUSES = tuple(s for s in Assessment.Status if s not in Assessment.COUNTABLE_STATUSES)


def sees_everything(user) -> bool:
    """IGF staff: every country, every status, and group averages of any size."""
    return bool(user and user.is_authenticated and (user.is_superuser or user.is_analyst))


def own_country_ids(user) -> list[int]:
    """The countries whose team the user belongs to (none for anonymous readers)."""
    if not (user and user.is_authenticated):
        return []
    return sorted(country_roles(user))


def visibility_class(user) -> str:
    """Users of one class see exactly the same comparison data: the cache key's part."""
    if sees_everything(user):
        return "igf"
    countries = own_country_ids(user)
    return "ministry:" + ",".join(map(str, countries)) if countries else "public"


def readable_assessments(
    user, statuses: Iterable[str] = Assessment.COUNTABLE_STATUSES, include_drafts: bool = False
) -> QuerySet[Assessment]:
    """Assessments of any framework and round whose figures the user may see."""
    statuses = {str(status) for status in statuses}
    if sees_everything(user):
        if include_drafts:
            statuses |= set(DRAFT_STATUSES)
        return Assessment.objects.filter(status__in=sorted(statuses))
    visible = Q(pk__in=[])
    if Assessment.Status.PUBLISHED in statuses:
        visible |= Q(status=Assessment.Status.PUBLISHED)
    own_statuses = sorted(statuses & set(Assessment.COUNTABLE_STATUSES))
    countries = own_country_ids(user)
    if countries and own_statuses:
        visible |= Q(country_id__in=countries, status__in=own_statuses)
    return Assessment.objects.filter(visible)


def comparable_assessments(user, query: ComparisonQuery) -> QuerySet[Assessment]:
    """The assessments a comparison may use: the query's framework, rounds and statuses,
    cut down to what the user may see."""
    assessments = readable_assessments(user, query.statuses, query.include_drafts)
    assessments = assessments.filter(framework_id=query.framework.pk)
    if query.rounds:
        assessments = assessments.filter(round__in=query.rounds)
    return assessments
