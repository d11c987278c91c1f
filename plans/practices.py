"""The plan's practices table: the country's ASM practices as its vision divides them
(accepted, accepted under conditions, not accepted), each with the regulation that makes it
legal, conditional or illegal, or the action that will create one.

The writes (`practice_save`, `practice_delete`) are used by the pages and by the workbook
import; callers check access first (plans/access.py).
"""

from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from .models import PRACTICE_MAX_LENGTH, Action, Plan, Practice

PRACTICE_EXISTS = _("The plan already lists the practice “%(name)s”.")
ARTICLE_WITHOUT_LAW = _("Name the law the article belongs to.")
ACTION_NOT_IN_PLAN = _("Action %(id)s is not an action of this plan.")
PRACTICE_TOO_LONG = _("The practice is longer than %(max)s characters.")


@dataclass(frozen=True)
class PracticeData:
    """A practice's values as a user gives them."""

    name: str
    classification: str
    instrument: str = ""
    article: str = ""
    action_id: int | None = None

    def __post_init__(self) -> None:
        for name in ("name", "instrument", "article"):
            object.__setattr__(self, name, " ".join(getattr(self, name).split()))

    @classmethod
    def of(cls, practice: Practice) -> "PracticeData":
        return cls(practice.name, practice.classification, practice.instrument,
                   practice.article, practice.action_id)  # fmt: skip

    def to_payload(self) -> dict:
        return asdict(self)


def practice_problems(plan: Plan | None, data: PracticeData, *, pk: int | None = None) -> list:
    """Why these values cannot be saved (messages in the active language), or []."""
    problems = []
    if len(data.name) > PRACTICE_MAX_LENGTH:
        problems.append(PRACTICE_TOO_LONG % {"max": PRACTICE_MAX_LENGTH})
    if data.article and not data.instrument:
        problems.append(ARTICLE_WITHOUT_LAW)
    if plan is None:
        if data.action_id is not None:
            problems.append(ACTION_NOT_IN_PLAN % {"id": data.action_id})
        return [str(p) for p in problems]
    same_name = Practice.objects.filter(plan=plan, name__iexact=data.name).exclude(pk=pk)
    if same_name.exists():
        problems.append(PRACTICE_EXISTS % {"name": data.name})
    if data.action_id is not None and not plan_actions_qs(plan).filter(pk=data.action_id).exists():
        problems.append(ACTION_NOT_IN_PLAN % {"id": data.action_id})
    return [str(p) for p in problems]


def plan_actions_qs(plan: Plan | None):
    """The actions a practice of `plan` may point to."""
    if plan is None:
        return Action.objects.none()
    return Action.objects.filter(problem__plan=plan).select_related("problem")


def plan_practices(plan: Plan | None) -> list[Practice]:
    """The plan's practices in order, with their actions (one query)."""
    if plan is None:
        return []
    return list(Practice.objects.filter(plan=plan).select_related("action"))


@transaction.atomic
def practice_save(*, plan: Plan, data: PracticeData, user, practice: Practice | None = None):
    """Create a practice (at the end of the table) or change `practice`; a change that
    changes nothing saves nothing."""
    if practice is None:
        last = Practice.objects.filter(plan=plan).aggregate(last=Max("order"))["last"]
        practice = Practice(plan=plan, order=(last or 0) + 1)
    elif PracticeData.of(practice) == data:
        return practice
    practice.name, practice.classification = data.name, data.classification
    practice.instrument, practice.article = data.instrument, data.article
    practice.action_id = data.action_id
    practice._history_user = user
    practice.save()
    return practice


def practice_delete(*, practice: Practice, user) -> None:
    practice._history_user = user
    practice.delete()
