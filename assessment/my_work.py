"""What each signed-in person has to do next: the data of the "My work" page.

Everything here reads assessments through the one visibility policy
(`Assessment.objects.readable_by(user).for_teams_of(user)`); none filters them by user again.
"""

from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, country_roles

from .models import Assessment, Comment, Response, RoundDeadline, Transition
from .progress import Progress, progress_by_area

# How many unanswered indicators the next step links to.
FIRST_UNANSWERED = 5

Status = Assessment.Status


@dataclass
class NextStep:
    """The one thing the team should do now on an assessment, said in words."""

    kind: str  # "answer", "submit", "wait_submit", "review", "done"
    text: str
    missing: int = 0
    first: list = field(default_factory=list)  # unanswered responses, the user's own first


def next_step(assessment: Assessment, responses, role, user) -> NextStep:
    """The next step of the country team on `assessment`. `responses` come with their
    indicator, recommendation and area (`_responses_with_tree`)."""
    unanswered = [r for r in responses if not r.is_answered]
    # The person's own assignments first: "my first unrated indicator" is one click away.
    unanswered.sort(key=lambda r: r.assignee_id != user.pk)
    if assessment.status == Status.DRAFT and unanswered:
        text = NEEDS_ANSWERS % {"count": len(unanswered)}
        return NextStep("answer", text, len(unanswered), unanswered[:FIRST_UNANSWERED])
    if assessment.status == Status.DRAFT:
        if role == Role.FOCAL_POINT:
            return NextStep("submit", str(READY_TO_SUBMIT))
        return NextStep("wait_submit", str(READY_FOR_FOCAL_POINT))
    if assessment.status in (Status.SUBMITTED, Status.IN_REVIEW):
        return NextStep("review", str(UNDER_REVIEW))
    return NextStep("done", str(FINISHED))


NEEDS_ANSWERS = _("%(count)s indicator(s) still need an answer.")
READY_TO_SUBMIT = _("Every indicator is answered: you can submit the assessment for review.")
READY_FOR_FOCAL_POINT = _(
    "Every indicator is answered: your focal point can now submit the assessment for review."
)
UNDER_REVIEW = _("IGF is reviewing the assessment: nothing is needed from you until it returns.")
FINISHED = _("The assessment is finished.")


@dataclass
class CountryWork:
    """A team member's work in one country: its current round and what it needs."""

    assessment: Assessment
    role: str
    overall: Progress
    step: NextStep
    assigned: list  # the responses assigned to the user, unanswered first
    waiting_comments: list  # [(response, number of open comments by others)]
    deadline: RoundDeadline | None = None


def country_work(user) -> list[CountryWork]:
    """The current (latest) round of each country whose team `user` is in."""
    roles = country_roles(user)
    latest: dict[int, Assessment] = {}
    team = Assessment.objects.readable_by(user).for_teams_of(user).filter(country_id__in=roles)
    for assessment in team.select_related("country", "framework").order_by("country", "-round"):
        latest.setdefault(assessment.country_id, assessment)
    deadlines = RoundDeadline.objects.in_bulk(
        [a.round for a in latest.values()], field_name="round"
    )
    work = []
    for assessment in latest.values():
        responses = list(
            assessment.responses.select_related(
                "indicator__recommendation__area", "level", "assignee"
            ).order_by(*Response._meta.ordering)
        )
        _areas, overall = progress_by_area(responses)
        role = roles[assessment.country_id]
        assigned = [r for r in responses if r.assignee_id == user.pk]
        assigned.sort(key=lambda r: r.is_answered)
        work.append(
            CountryWork(
                assessment=assessment,
                role=Role(role).label,
                overall=overall,
                step=next_step(assessment, responses, role, user),
                assigned=assigned,
                waiting_comments=_waiting_comments(assessment, responses, user),
                deadline=deadlines.get(assessment.round),
            )
        )
    return work


def _waiting_comments(assessment, responses, user) -> list:
    """Indicators with open comments written by somebody else: they wait for an answer."""
    counts = dict(
        Comment.objects.filter(response__assessment=assessment, resolved_at__isnull=True)
        .exclude(author=user)
        .values("response")
        .annotate(count=Count("pk"))
        .values_list("response", "count")
    )
    return [(r, counts[r.pk]) for r in responses if r.pk in counts]


# The analysts' review queue


QUEUE_DEFAULT_STATUSES = [Status.SUBMITTED, Status.IN_REVIEW]


def review_queue(user, *, statuses, region: str = "", round: str = ""):
    """The assessments IGF staff review, filtered, with their open comments and since when
    they have been in their present status (the last transition into it)."""
    entered = Transition.objects.filter(
        assessment=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-created_at")
    queue = (
        _queue_base(user, region=region, round=round)
        .filter(status__in=statuses)
        .select_related("country", "framework")
        .annotate(
            open_comments=Count(
                "responses__comments", filter=Q(responses__comments__resolved_at__isnull=True)
            ),
            waiting_since=Coalesce(Subquery(entered.values("created_at")[:1]), F("created_at")),
        )
        .order_by("waiting_since", "country__iso3")
    )
    return queue


def queue_counts(user, *, region: str = "", round: str = "") -> dict[str, int]:
    """{status: number of assessments} under the same region and round filters."""
    rows = _queue_base(user, region=region, round=round).values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    return {status: counts.get(status, 0) for status in Status.values}


def queue_rounds(user) -> list[str]:
    """The rounds of the assessments `user` may read, the latest first."""
    rounds = Assessment.objects.readable_by(user).order_by("-round").values_list("round", flat=True)
    return list(rounds.distinct())


def _queue_base(user, *, region: str, round: str):
    queue = Assessment.objects.readable_by(user).for_teams_of(user)
    if region:
        queue = queue.filter(country__igf_region=region)
    if round:
        queue = queue.filter(round=round)
    return queue


# Administrators


def locked_accounts():
    """Sign-in attempts django-axes is refusing now: the username and the address."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
