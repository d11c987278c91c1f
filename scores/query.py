"""What a comparison compares, and the one way to make it from what somebody asked for.

The comparison page and its exports (a GET form, `scores/forms.py`), the regional PDF
report (the same form) and the JSON API (its own parameter names, `api/parameters.py`) all
end in `comparison_query(...)`, which applies the same defaults and the same rules:

- no framework asked for: the newest published framework version (`default_framework`);
- no round asked for: every round (pages then show the round with the most assessments
  beside the trends over every round: `most_complete_round`);
- unfinished assessments only for IGF staff; a saved group of countries only its owner's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from accounts.roles import is_igf_staff
from assessment.models import Assessment
from assessment.scoring import code_sort_key
from frameworks.models import Framework

from .models import CountryGroup

GROUPINGS = {
    "m49": _("UN M49 region"),
    "subregion": _("UN M49 sub-region"),
    "igf": _("IGF region"),
}
DEFAULT_GROUPING = "m49"
# Facts of the countries' ASM profiles a comparison may be narrowed to (AsmProfile.FACTS).
PROFILE_FACTS = {
    "national_action_plan": _("Has a national action plan on artisanal gold mining"),
    "minamata_notification": _("Notified artisanal gold mining under the Minamata Convention"),
    "minamata_party": _("Party to the Minamata Convention"),
    "eiti": _("Implements EITI"),
}
SAVED_GROUP_PREFIX = "group:"
MAX_ROUND_LENGTH = 20

UNKNOWN_GROUPING = _("Unknown grouping “%(grouping)s”.")
UNKNOWN_STATUS = _("Unknown assessment status “%(status)s”.")
NO_FRAMEWORK = _("There is no published framework to compare.")
UNKNOWN_GROUP = _("You have no saved group of countries number %(pk)s.")
BAD_ROUND = _("“%(round)s” is not a round.")
UNKNOWN_FACT = _("Unknown fact of the ASM profile “%(fact)s”.")


class InvalidComparison(ValueError):
    """A comparison asked for with settings that are not valid; `errors` by parameter."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(message for messages in errors.values() for message in messages))


@dataclass(frozen=True)
class ComparisonQuery:
    """What to compare. `rounds` empty means every round; `grouping` is one of GROUPINGS or
    "group:<pk>" for a saved CountryGroup (then only its countries are compared).
    `profile` keeps only the assessments whose ASM profile states each of those facts
    (PROFILE_FACTS). `across_versions` also takes in the rounds rated against the versions the framework's
    crosswalks map from, compared on the indicators they share (scores/versions.py): what
    the trends across rounds use. The figures always follow `framework`'s scoring method."""

    framework: Framework
    rounds: tuple[str, ...] = ()
    grouping: str = DEFAULT_GROUPING
    statuses: tuple[str, ...] = tuple(Assessment.COUNTABLE_STATUSES)
    include_drafts: bool = False
    across_versions: bool = False
    profile: tuple[str, ...] = ()

    def __post_init__(self):
        if self.grouping not in GROUPINGS and self.saved_group_id is None:
            raise ValueError(UNKNOWN_GROUPING % {"grouping": self.grouping})
        statuses = tuple(sorted({str(status) for status in self.statuses}))
        for status in statuses:
            if status not in Assessment.Status.values:
                raise ValueError(UNKNOWN_STATUS % {"status": status})
        object.__setattr__(self, "statuses", statuses)
        profile = tuple(sorted(set(self.profile)))
        for fact in profile:
            if fact not in PROFILE_FACTS:
                raise ValueError(UNKNOWN_FACT % {"fact": fact})
        object.__setattr__(self, "profile", profile)
        object.__setattr__(self, "rounds", tuple(sorted({str(r) for r in self.rounds})))

    @property
    def saved_group_id(self) -> int | None:
        prefix, _colon, pk = self.grouping.partition(":")
        if prefix + ":" == SAVED_GROUP_PREFIX and pk.isascii() and pk.isdigit():
            return int(pk)
        return None

    def with_rounds(self, rounds: tuple[str, ...]) -> ComparisonQuery:
        """The same comparison over other rounds."""
        return replace(self, rounds=rounds)

    def trend(self) -> ComparisonQuery:
        """The same comparison across the framework's versions: what its trends show."""
        return replace(self, across_versions=True)

    def as_parameters(self) -> dict:
        """The comparison as JSON-ready parameters (kept with a built report)."""
        return {
            "framework": self.framework.pk,
            "rounds": list(self.rounds),
            "grouping": self.grouping,
            "statuses": [str(status) for status in self.statuses],
            "include_drafts": self.include_drafts,
            "across_versions": self.across_versions,
            "profile": list(self.profile),
        }

    @classmethod
    def from_parameters(cls, parameters: dict) -> ComparisonQuery:
        """The comparison that `as_parameters` stored (checked when it was first asked for)."""
        framework = Framework.objects.filter(pk=parameters.get("framework")).first()
        if framework is None:
            raise InvalidComparison({"framework": [str(NO_FRAMEWORK)]})
        return cls(
            framework=framework,
            rounds=tuple(parameters.get("rounds") or ()),
            grouping=parameters.get("grouping") or DEFAULT_GROUPING,
            statuses=tuple(parameters.get("statuses") or Assessment.COUNTABLE_STATUSES),
            include_drafts=bool(parameters.get("include_drafts")),
            across_versions=bool(parameters.get("across_versions")),
            profile=tuple(parameters.get("profile") or ()),
        )


def published_frameworks() -> list[Framework]:
    """The versions a comparison may use, newest first: the first is the default."""
    return list(Framework.objects.published().order_by("-created_at", "-version"))


def default_framework(slug: str | None = None) -> Framework | None:
    """The framework compared unless another is asked for: the newest published version
    (of the framework `slug`, when given)."""
    frameworks = Framework.objects.published()
    if slug is not None:
        frameworks = frameworks.filter(slug=slug)
    return frameworks.order_by("-created_at", "-version").first()


def comparison_query(
    *,
    user,
    framework: Framework | None = None,
    rounds=(),
    grouping: str = DEFAULT_GROUPING,
    include_drafts: bool = False,
    profile=(),
) -> ComparisonQuery:
    """The comparison `user` asked for, with the defaults and rules of the module's
    docstring; raises InvalidComparison naming each bad parameter."""
    errors: dict[str, list[str]] = {}
    framework = framework or default_framework()
    if framework is None:
        errors["framework"] = [str(NO_FRAMEWORK)]
    rounds = tuple(str(round_).strip() for round_ in rounds if str(round_).strip())
    bad_rounds = [r for r in rounds if len(r) > MAX_ROUND_LENGTH]
    if bad_rounds:
        errors["round"] = [str(BAD_ROUND % {"round": r[:MAX_ROUND_LENGTH]}) for r in bad_rounds]
    grouping = grouping or DEFAULT_GROUPING
    unknown = [fact for fact in profile if fact not in PROFILE_FACTS]
    if unknown:
        errors["profile"] = [str(UNKNOWN_FACT % {"fact": fact[:40]}) for fact in unknown]
    try:
        query = ComparisonQuery(
            framework=framework or Framework(),
            rounds=rounds,
            grouping=grouping,
            include_drafts=bool(include_drafts) and is_igf_staff(user),
            profile=tuple(fact for fact in profile if fact in PROFILE_FACTS),
        )
    except ValueError as error:
        errors["grouping"] = [str(error)]
        query = None
    saved_group = query.saved_group_id if query is not None else None
    if (
        saved_group is not None
        and not CountryGroup.objects.owned_by(user).filter(pk=saved_group).exists()
    ):
        errors["grouping"] = [str(UNKNOWN_GROUP % {"pk": saved_group})]
    if errors:
        raise InvalidComparison(errors)
    return query


def most_complete_round(rounds: list[str]) -> str | None:
    """Of the assessments' rounds (one entry per assessment), the round with the most of
    them, the newest on a tie: what a page shows when no round was asked for."""
    if not rounds:
        return None
    counts: dict[str, int] = {}
    for round_ in rounds:
        counts[round_] = counts.get(round_, 0) + 1
    best = max(counts.values())
    return max((r for r, n in counts.items() if n == best), key=code_sort_key)
