"""The executive summary of one assessment: a page a minister reads in two minutes, written
from the figures by sentence templates in the reader's language (never free text).

`executive_summary(page, references=, plan=)` is pure: from the page data (`scores/page.py`,
the one builder of what the dashboard and the report show), the legal references cited for
each recommendation and the plan's figures, to sentences. The web dashboard and the country
report show the same summary (`templates/scores/includes/executive_summary.html`).
`summary_inputs(assessment)` loads those references and plan figures (two queries).

It says:
- the pillar's implementation, with its completeness (provisional when not complete), and
  each area's;
- its position against the region's average, with the number of countries behind it (or
  why the average is not shown: too few countries, none yet);
- the three strongest and the three weakest recommendations, each with the legal texts the
  country cites for it;
- the change since the last comparable round (and what it rests on when partial);
- the number of planned actions and their budget.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from assessment.citations import legal_citation
from assessment.models import Assessment, Evidence
from charts.specs import format_percent, rounded_percent

from .page import CountryPage

HIGHLIGHTS = 3
CITED_PER_RECOMMENDATION = 2


@dataclass(frozen=True)
class SummaryItem:
    """A strong or weak recommendation, and why in one line."""

    code: str
    title: str
    percent: str
    why: str


@dataclass(frozen=True)
class ExecutiveSummary:
    headline: str
    areas: str
    position: str
    change: str
    plan: str
    strongest: list[SummaryItem]
    weakest: list[SummaryItem]
    headings: tuple[str, str] = ("", "")

    @property
    def paragraphs(self) -> list[str]:
        texts = (self.headline, self.areas, self.position, self.change, self.plan)
        return [text for text in texts if text]

    @property
    def lists(self) -> list[tuple[str, str, list[SummaryItem]]]:
        """(id, heading, items) of the strongest and the weakest recommendations."""
        return [
            ("strongest", self.headings[0], self.strongest),
            ("weakest", self.headings[1], self.weakest),
        ]


def executive_summary(
    page: CountryPage, *, references: dict[str, list[str]], plan: dict | None
) -> ExecutiveSummary:
    """The summary's sentences in the active language (see the module)."""
    strongest, weakest = highlights(page.scores.recommendations)
    return ExecutiveSummary(
        headline=headline_sentence(page),
        areas=areas_sentence(page),
        position=position_sentence(page),
        change=change_sentence(page),
        plan=plan_sentence(plan),
        strongest=[_item(row, references) for row in strongest],
        weakest=[_item(row, references) for row in weakest],
        headings=(_("Strongest recommendations"), _("Weakest recommendations")),
    )


def headline_sentence(page: CountryPage) -> str:
    scores = page.scores
    values = {
        "country": scores.country,
        "round": scores.round,
        "percent": page.pillar,
        "completeness": page.completeness,
    }
    if scores.pillar is None:
        return _("No indicator of %(country)s is rated yet for round %(round)s.") % values
    if page.is_provisional:
        return (
            _(
                "So far, %(country)s has implemented %(percent)s of Pillar 6 in round "
                "%(round)s. This figure is provisional: %(completeness)s."
            )
            % values
        )
    return (
        _(
            "%(country)s has implemented %(percent)s of Pillar 6 in round %(round)s "
            "(%(completeness)s)."
        )
        % values
    )


def areas_sentence(page: CountryPage) -> str:
    """Each area's implementation, in the framework's order."""
    rows = [row for row in page.area_rows if row["rated"]]
    if not rows:
        return ""
    return _("By area: %(areas)s.") % {
        "areas": pgettext("between the items of a list", "; ").join(
            f"{row['code']} {row['title']} {row['percent']}" for row in rows
        )
    }


def position_sentence(page: CountryPage) -> str:
    """Above, below or level with the region's average, with the n behind the average."""
    scores = page.scores
    if scores.pillar is None or scores.region_pillar is None or scores.region_pillar_suppressed:
        return page.region_note
    difference = rounded_percent(scores.pillar) - rounded_percent(scores.region_pillar)
    values = {
        "points": number_format(abs(difference), decimal_pos=0),
        "region": scores.region_name,
        "average": page.region_pillar,
        "count": scores.region_pillar_n,
    }
    if difference > 0:
        text = ngettext(
            "That is %(points)s points above the average of %(region)s (%(average)s, "
            "%(count)s country).",
            "That is %(points)s points above the average of %(region)s (%(average)s, "
            "%(count)s countries).",
            scores.region_pillar_n,
        )
    elif difference < 0:
        text = ngettext(
            "That is %(points)s points below the average of %(region)s (%(average)s, "
            "%(count)s country).",
            "That is %(points)s points below the average of %(region)s (%(average)s, "
            "%(count)s countries).",
            scores.region_pillar_n,
        )
    else:
        text = ngettext(
            "That is the average of %(region)s (%(average)s, %(count)s country).",
            "That is the average of %(region)s (%(average)s, %(count)s countries).",
            scores.region_pillar_n,
        )
    return text % values


def change_sentence(page: CountryPage) -> str:
    """The pillar's change since the last comparable round, and the area that moved most."""
    change = page.pillar_change
    scores = page.scores
    if change is None:
        return _("There is no earlier validated round of %(country)s to compare with.") % {
            "country": scores.country
        }
    values = {"round": scores.previous_round, "before": change["before"], "now": change["now"]}
    if change["direction"] == "up":
        text = _("Since %(round)s, implementation has risen from %(before)s to %(now)s.")
    elif change["direction"] == "down":
        text = _("Since %(round)s, implementation has fallen from %(before)s to %(now)s.")
    elif change["direction"] == "same":
        text = _("Since %(round)s, implementation has not changed (%(now)s).")
    else:
        return ""
    text %= values
    moved = [row for row in page.changes[1:] if row["direction"] in ("up", "down")]
    if moved:
        largest = max(moved, key=lambda row: abs(row["delta"]))
        text += " " + _("The largest change is in %(area)s: %(points)s.") % {
            "area": f"{largest['code']} {largest['title']}",
            "points": largest["points"],
        }
    if page.change_note:
        text += " " + page.change_note
    return text


def plan_sentence(plan: dict | None) -> str:
    if plan is None:
        return _("No action plan has been drawn up for this round yet.")
    count = plan["actions"]
    if count == 0:
        return _("The action plan has no action yet.")
    values = {"count": count, "budget": plan["budget"]}
    if plan["budget"]:
        return (
            ngettext(
                "The action plan sets out %(count)s action, with a budget of %(budget)s.",
                "The action plan sets out %(count)s actions, with a total budget of %(budget)s.",
                count,
            )
            % values
        )
    return (
        ngettext(
            "The action plan sets out %(count)s action, not costed yet.",
            "The action plan sets out %(count)s actions, none costed yet.",
            count,
        )
        % values
    )


def highlights(recommendations: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """The three highest and three lowest scored recommendations (never the same one twice;
    ties in framework order)."""
    scored = recommendations[recommendations["score"].notna()].to_dict("records")
    ranked = sorted(scored, key=lambda row: -row["score"])
    strongest = ranked[:HIGHLIGHTS]
    rest = [row for row in ranked if row not in strongest]
    weakest = sorted(rest, key=lambda row: row["score"])[:HIGHLIGHTS]
    return strongest, weakest


def _item(row: dict, references: dict[str, list[str]]) -> SummaryItem:
    code = row["recommendation_code"]
    cited = references.get(code, [])
    if cited:
        shown = pgettext("between the items of a list", "; ").join(cited[:CITED_PER_RECOMMENDATION])
        why = _("Legal basis cited: %(references)s.") % {"references": shown}
        more = len(cited) - CITED_PER_RECOMMENDATION
        if more > 0:
            why += " " + ngettext("(and %(count)s more)", "(and %(count)s more)", more) % {
                "count": more
            }
    else:
        why = _("No legal reference is cited for its indicators.")
    return SummaryItem(code, row["title"], format_percent(row["score"]), why)


def summary_inputs(assessment: Assessment) -> tuple[dict[str, list[str]], dict | None]:
    """The legal references the country cites, per recommendation (each cited once, in the
    order entered), and the plan's figures (None without a plan). The caller has checked that
    the reader may read the assessment."""
    rows = Evidence.objects.filter(response__assessment=assessment, kind=Evidence.Kind.LEGAL)
    rows = rows.order_by("created_at", "pk").values_list(
        "response__indicator__recommendation__code", "title", "instrument", "article", "date"
    )
    references: dict[str, list[str]] = defaultdict(list)
    for code, title, instrument, article, day in rows:
        citation = legal_citation(title=title, instrument=instrument, article=article, day=day)
        if citation not in references[code]:
            references[code].append(citation)
    # The plan is reached through the assessment (plans sits beside scores, not beneath it).
    try:
        plan = assessment.plan
    except ObjectDoesNotExist:
        return dict(references), None
    return dict(references), plan.summary_figures()
