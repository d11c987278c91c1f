"""The assessment workflow as a table: which role may move an assessment from which state.

draft → submitted (focal point, when complete) → in review (analyst) → returned to draft
with comments, or validated (analyst) → published, or kept confidential (analyst).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.roles import Role

from .models import Assessment

Status = Assessment.Status


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[Role]
    needs_comment: bool = False
    button: str = "primary"


ACTIONS = {
    action.name: action
    for action in [
        Action("submit", _("Submit for review"), (Status.DRAFT,), Status.SUBMITTED,
               frozenset({Role.FOCAL_POINT})),
        Action("start_review", _("Start the review"), (Status.SUBMITTED,), Status.IN_REVIEW,
               frozenset({Role.ANALYST, Role.ADMINISTRATOR})),
        Action("return", _("Return with comments"), (Status.SUBMITTED, Status.IN_REVIEW),
               Status.DRAFT, frozenset({Role.ANALYST, Role.ADMINISTRATOR}), needs_comment=True,
               button="warning"),
        Action("validate", _("Validate"), (Status.IN_REVIEW,), Status.VALIDATED,
               frozenset({Role.ANALYST, Role.ADMINISTRATOR}), button="success"),
        Action("publish", _("Publish"), (Status.VALIDATED, Status.CONFIDENTIAL),
               Status.PUBLISHED, frozenset({Role.ANALYST, Role.ADMINISTRATOR}), button="success"),
        Action("keep_confidential", _("Keep confidential"), (Status.VALIDATED, Status.PUBLISHED),
               Status.CONFIDENTIAL, frozenset({Role.ANALYST, Role.ADMINISTRATOR}),
               button="secondary"),
    ]
}  # fmt: skip


def allowed_actions(status: str, role: Role | None) -> list[Action]:
    """The actions a user with this role may take on an assessment in this state."""
    return [a for a in ACTIONS.values() if status in a.sources and role in a.roles]


def can_take(action_name: str, status: str, role: Role | None) -> bool:
    action = ACTIONS.get(action_name)
    return action is not None and status in action.sources and role in action.roles
