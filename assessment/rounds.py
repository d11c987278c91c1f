"""A round beside the earlier ones: what its filling pages show of the previous round.

Rounds on different framework versions are compared through the versions' crosswalk
(`Framework.comparable_codes`): only the indicators it calls the same or reworded are
compared or carried over; every other indicator of a round started from a round on an
earlier version is new to the country team, and the filling page says so.
"""

from django.utils.translation import gettext_lazy as _

from frameworks.models import CrosswalkEntry

from .models import Assessment
from .scores import comparable_codes

NOT_APPLICABLE = "na"


def previous_round_levels(assessment: Assessment, user) -> dict:
    """{indicator code of this round: level code or "na"} of the country's previous finished
    round that `user` may read, through the crosswalk when that round used an earlier
    version; a round they may not read is not mentioned. "__round__" names the round, and
    "__ratings__" is (its pk, ratings_of(it)), for a page to read them only once, and
    "__levels__" the name of each level, to say "was 1 · Initiated" rather than a bare digit."""
    previous = Assessment.objects.previous_round_of(assessment, user)
    codes = comparable_codes(assessment.framework, previous.framework) if previous else None
    if not codes:
        return {}
    before = ratings_of(previous)
    levels = {now: before[old] for now, old in codes.items() if old in before}
    # A level is shown with its name ("1 · Initiated"): a bare digit means nothing to a reader.
    names = {
        level.code: f"{level.code} · {level.label}" for level in previous.framework.levels.all()
    }
    return {
        "__round__": previous.round,
        "__ratings__": (previous.pk, before),
        "__levels__": names,
        **levels,
    }


def ratings_of(assessment: Assessment) -> dict:
    """{indicator code: level code, or "na" for not applicable, or None} of one assessment."""
    rows = assessment.responses.values_list("indicator__code", "level__code", "not_applicable")
    return {code: NOT_APPLICABLE if na else level for code, level, na in rows}


def round_change(response, previous: dict) -> dict | None:
    """The previous round's rating beside this one's (None: no previous rating).

    "changed" is None while the indicator is not rated yet this round: an unrated answer has
    not changed, it only shows what the previous round said."""
    before = previous.get(response.indicator.code)
    if before is None:
        return None
    names = previous.get("__levels__", {})
    shown = _("Not applicable") if before == NOT_APPLICABLE else names.get(before, before)
    if response.not_applicable:
        now = NOT_APPLICABLE
    elif response.level:
        now = response.level.code
    else:
        return {"changed": None, "before": shown}
    return {"changed": now != before, "before": shown}


def version_changes(assessment: Assessment, codes) -> dict:
    """For a round started from a round on an earlier framework version: {"__round__": that
    round, "__version__": its version, indicator code: "new" (nothing carried over: a new,
    split or merged indicator) or "reworded" (carried over; the wording changed)} for the
    indicator `codes` asked about. Empty for a round started afresh or from the same
    version."""
    if assessment.copied_from_id is None:
        return {}
    source = Assessment.objects.select_related("framework").get(pk=assessment.copied_from_id)
    if source.framework_id == assessment.framework_id:
        return {}
    comparable = comparable_codes(assessment.framework, source.framework) or {}
    entries = CrosswalkEntry.objects.filter(framework=assessment.framework_id, kind="reworded")
    reworded = set(entries.values_list("indicators__code", flat=True))
    changes = {"__round__": source.round, "__version__": source.framework.version}
    for code in codes:
        if code not in comparable:
            changes[code] = "new"
        elif code in reworded:
            changes[code] = "reworded"
    return changes
