"""An assessment's gaps, ranked as the scoring engine ranks them, with what the plan does
about each: whether the team chose to act on it and how many actions address it."""

from dataclasses import dataclass

from django.db.models import Count

from assessment.models import Assessment
from assessment.scores import framework_index, ratings_of
from assessment.scoring import indicator_gaps

from .models import Action, Plan


@dataclass(frozen=True)
class GapRow:
    """One indicator below its target; with no target the target is the top of the scale
    ("fully in place"). `gap` is in percentage points; `priority` is gap x weight."""

    rank: int
    indicator_pk: int
    code: str
    statement: str
    area_code: str
    level: int
    level_label: str
    target: int
    target_label: str
    target_is_set: bool
    gap: float
    weight: float
    priority: float
    selected: bool
    action_count: int

    @property
    def anchor(self) -> str:
        """An HTML id safe in CSS selectors: "6.1.1.a" -> "gap-6-1-1-a"."""
        return "gap-" + self.code.replace(".", "-")


def ranked_gaps(assessment: Assessment, plan: Plan | None) -> list[GapRow]:
    """Rated indicators short of their target, largest gap x weight first (ties by code).

    Three queries: the ratings, the chosen gaps and the action counts (the framework itself
    is memoised by assessment.scores).
    """
    index = framework_index(assessment.framework)
    ratings = ratings_of(assessment)
    titles = index.titles()
    top = max(index.scale)
    rows = {row.code: row for row in index.indicators}
    selected, counts = _plan_links(plan)
    gaps = [g for g in indicator_gaps(index.tree, index.scale, ratings) if g.gap > 0]
    result = []
    for rank, gap in enumerate(gaps, start=1):
        rating, row = ratings[gap.code], rows[gap.code]
        target = rating.target if rating.target is not None else top
        result.append(
            GapRow(
                rank=rank,
                indicator_pk=row.pk,
                code=gap.code,
                statement=titles.indicators[gap.code],
                area_code=row.area_code,
                level=rating.level,
                level_label=titles.levels.get(rating.level, ""),
                target=target,
                target_label=titles.levels.get(target, ""),
                target_is_set=rating.target is not None,
                gap=gap.gap,
                weight=gap.weight,
                priority=gap.gap * gap.weight,
                selected=row.pk in selected,
                action_count=counts.get(row.pk, 0),
            )  # fmt: skip
        )
    return result


def _plan_links(plan: Plan | None) -> tuple[set[int], dict[int, int]]:
    """(ids of the chosen indicators, {indicator id: number of actions on it})."""
    if plan is None:
        return set(), {}
    selected = set(plan.planned_gaps.values_list("indicator_id", flat=True))
    counts = (
        Action.objects.filter(problem__plan=plan, indicators__isnull=False)
        .values("indicators")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return selected, {row["indicators"]: row["count"] for row in counts}
