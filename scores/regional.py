"""What the regional report says of a comparison, beyond its charts: the summary's
sentences, the countries of each group, the recommendations ranked by their gap, and where
the set of countries behind a trend changes. Pure: from `Comparison` objects (already cut to
what the reader may see) to sentences and rows, in the active language.

The gap of a recommendation is the distance to full implementation (100 % minus the mean of
the countries' scores, each country at its latest round compared): the regional report has
no targets to measure against, as the country report does.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from charts.specs import format_percent

from .comparison import Comparison


@dataclass(frozen=True)
class RegionalSummary:
    paragraphs: list[str]


def regional_summary(comparison: Comparison, *, grouping_name: str) -> RegionalSummary:
    """Sentences: what is compared, each group's average with its n (or why it is not
    shown), the highest and lowest group, and the three recommendations with the largest gap."""
    ranking = comparison.ranking
    if ranking.empty:
        return RegionalSummary([_("No assessment you may see matches this comparison.")])
    countries = ranking["country"].nunique()
    rounds = ", ".join(comparison.rounds) or ", ".join(sorted({str(r) for r in ranking["round"]}))
    paragraphs = [
        ngettext(
            "This report compares %(count)s country's implementation of Pillar 6 in round "
            "%(rounds)s, grouped by %(grouping)s.",
            "This report compares %(count)s countries' implementation of Pillar 6 in round "
            "%(rounds)s, grouped by %(grouping)s.",
            countries,
        )
        % {"count": countries, "rounds": rounds, "grouping": grouping_name}
    ]
    groups = _latest_group_pillars(comparison)
    shown = [row for row in groups if not row["suppressed"] and row["mean"] is not None]
    if shown:
        parts = [
            _("%(group)s %(mean)s (%(count)s countries)")
            % {
                "group": row["group_name"],
                "mean": format_percent(row["mean"]),
                "count": row["n_countries"],
            }  # fmt: skip
            for row in sorted(shown, key=lambda row: -row["mean"])
        ]
        paragraphs.append(
            _("Average implementation by group, highest first: %(groups)s.")
            % {"groups": pgettext("between the items of a list", "; ").join(parts)}
        )
    hidden = [row["group_name"] for row in groups if row["suppressed"]]
    if hidden:
        paragraphs.append(
            _("Not shown, as fewer countries stand behind them than the minimum: %(groups)s.")
            % {"groups": ", ".join(hidden)}
        )
    gaps = recommendation_gaps(comparison)[:3]
    if gaps:
        paragraphs.append(
            _("The largest gaps across the countries compared are in %(recommendations)s.")
            % {
                "recommendations": pgettext("between the items of a list", "; ").join(
                    f"{row['code']} {row['title']} ({row['gap']})" for row in gaps
                )
            }
        )
    return RegionalSummary(paragraphs)


def _latest_group_pillars(comparison: Comparison) -> list[dict]:
    frame = comparison.group_areas
    if frame.empty:
        return []
    pillar = frame[frame["area_code"] == "pillar"]
    latest = pillar.sort_values("round").groupby("group_name", sort=False).tail(1)
    return [
        {
            "group_name": row["group_name"],
            "mean": None if pd.isna(row["mean"]) else float(row["mean"]),
            "n_countries": int(row["n_countries"]),
            "suppressed": bool(row["suppressed"]),
        }
        for row in latest.to_dict("records")
    ]


def recommendation_gaps(comparison: Comparison) -> list[dict]:
    """Recommendations by their gap to full implementation, largest first, with the number
    of countries scored on each (each country at its latest round)."""
    matrix = comparison.matrix("recommendations")
    if matrix.empty:
        return []
    rows = []
    for code in matrix.columns:
        scores = matrix[code].dropna()
        if scores.empty:
            continue
        mean = float(scores.mean())
        rows.append(
            {
                "code": code,
                "title": comparison.recommendation_labels.get(code, code),
                "mean": format_percent(mean),
                "gap": format_percent(100 - mean),
                "gap_value": 100 - mean,
                "n": int(scores.size),
            }
        )
    rows.sort(key=lambda row: -row["gap_value"])
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows


def countries_by_group(comparison: Comparison) -> list[dict]:
    """Each group with its countries (at their latest round compared), best first."""
    ranking = comparison.ranking
    groups: dict[str, list[dict]] = {}
    for row in ranking.sort_values(["group_name", "pillar"], ascending=[True, False]).to_dict(
        "records"
    ):
        groups.setdefault(row["group_name"], []).append(
            {
                "country": row["country"],
                "round": row["round"],
                "percent": format_percent(None if pd.isna(row["pillar"]) else row["pillar"]),
                "is_draft": bool(row["is_draft"]),
            }
        )
    return [{"group": name, "countries": rows} for name, rows in groups.items()]


def membership_changes(history: Comparison, *, up_to: str | None = None) -> list[str]:
    """One sentence per group and round where the set of countries behind the trend differs
    from the round before (who joined, who is not there any more)."""
    frame = history.assessments
    if frame.empty:
        return []
    if up_to is not None:
        frame = frame[frame["round"].astype(str) <= up_to]
    notes = []
    for group, rows in frame.groupby("group_name", sort=True):
        by_round = {
            str(round_): set(part["country"]) for round_, part in rows.groupby("round", sort=True)
        }
        rounds = sorted(by_round)
        for before, now in zip(rounds, rounds[1:], strict=False):
            joined, left = by_round[now] - by_round[before], by_round[before] - by_round[now]
            if not joined and not left:
                continue
            parts = []
            if joined:
                parts.append(_("%(countries)s added") % {"countries": ", ".join(sorted(joined))})
            if left:
                parts.append(
                    _("%(countries)s not assessed") % {"countries": ", ".join(sorted(left))}
                )
            notes.append(
                _("%(group)s, %(before)s to %(now)s: %(changes)s.")
                % {"group": group, "before": before, "now": now, "changes": "; ".join(parts)}
            )
    return notes
