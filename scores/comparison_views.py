"""The comparison page, its CSV and Excel exports, and the analysts' saved country groups.

The page is open to everybody: scores/comparison.py shows each user only what they may see
(anonymous readers published assessments; ministry staff also their own countries'
countable ones; IGF staff everything, drafts when asked for and labelled).

Which rounds: the rounds ticked; none ticked, the round with the most assessments the
user may see (the newest of those on a tie), so that the default shows the most complete
picture rather than a round that has barely begun. The trends show every round, or the
ticked ones when two or more are ticked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import is_igf_staff
from assessment.models import Assessment
from assessment.scoring import code_sort_key
from charts import builders
from charts.specs import Series, format_percent
from config.caching import public_cacheable
from config.security import audit

from .comparison import MIN_GROUP_SIZE, Comparison, frame_records, load_comparison
from .exports import comparison_csv, comparison_group_csv, comparison_xlsx
from .forms import ComparisonForm, CountryGroupForm
from .models import CountryGroup
from .page import comparison_trend_note, comparison_trend_title
from .query import PROFILE_FACTS, most_complete_round

ONLY_ANALYSTS_SAVE_GROUPS = gettext_lazy("Only IGF analysts save groups of countries.")
NOT_SHOWN = gettext_lazy("Not shown: fewer than %(count)d countries")
BAD_FILTERS = gettext_lazy("These filters are not valid: %(errors)s")
GROUP_SAVED = gettext_lazy("The group “%(name)s” is saved.")
GROUP_DELETED = gettext_lazy("The group “%(name)s” is deleted.")
DRAFT_SUFFIX = gettext_lazy("%(country)s (draft)")
PLAIN_TEXT = "text/plain; charset=utf-8"
# Anonymous visitors see published figures only, which change when something is published.
PUBLIC_MAX_AGE = 600


@dataclass(frozen=True)
class Selection:
    """The comparison shown (`snapshot`, over `rounds`) and the one behind the trends."""

    snapshot: Comparison
    history: Comparison
    rounds: tuple[str, ...]


def select(form: ComparisonForm, user) -> Selection:
    """Load the comparisons of a valid form (see the module's docstring for the rounds). The
    trends also take in the rounds of the versions the framework's crosswalks map from."""
    ticked = form.selected_rounds
    trend_rounds = ticked if len(ticked) > 1 else ()
    history = load_comparison(form.comparison_query(trend_rounds).trend(), user)
    framework = form.cleaned_data["framework"]
    rounds = ticked or _most_complete_round(history, framework)
    if rounds == trend_rounds and len(history.versions) == 1:
        return Selection(snapshot=history, history=history, rounds=rounds)
    snapshot = load_comparison(form.comparison_query(rounds), user)
    return Selection(snapshot=snapshot, history=history, rounds=rounds)


def _most_complete_round(comparison: Comparison, framework) -> tuple[str, ...]:
    """The round with most assessments of `framework` itself (not of earlier versions)."""
    assessments = comparison.assessments
    own = assessments[assessments["framework_id"] == framework.pk]
    best = most_complete_round([str(r) for r in own["round"]])
    return (best,) if best is not None else ()


def _comparison_form(request) -> ComparisonForm:
    return ComparisonForm(request.GET, user=request.user)


@require_GET
@public_cacheable(max_age=PUBLIC_MAX_AGE)
def comparison(request):
    form = _comparison_form(request)
    context = {"form": form, "is_analyst": is_igf_staff(request.user)}
    if not form.is_valid():
        return render(request, "scores/comparison.html", context, status=400)
    selection = select(form, request.user)
    context.update(comparison_context(selection))
    context["export_query"] = form.query_string(selection.rounds)
    context["query"] = form.comparison_query(selection.rounds)  # for the PDF report's link
    context["profile_facts"] = [str(PROFILE_FACTS[fact]) for fact in context["query"].profile]
    return render(request, "scores/comparison.html", context)


def _export(request, make_export):
    form = _comparison_form(request)
    if not form.is_valid():
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        # Plain text: the errors quote the filters as typed, never to be read as HTML.
        return HttpResponseBadRequest(BAD_FILTERS % {"errors": errors}, content_type=PLAIN_TEXT)
    selection = select(form, request.user)
    stem = "-".join(["comparison", *selection.rounds, form.cleaned_data["grouping"]])
    _audit_unpublished(request, selection.snapshot, stem)
    return make_export(selection.snapshot, stem).as_response()


def _audit_unpublished(request, comparison: Comparison, stem: str) -> None:
    """An export with figures of unpublished assessments goes to the audit trail."""
    statuses = comparison.assessments["status"]
    unpublished = int((statuses != str(Assessment.Status.PUBLISHED)).sum())
    if unpublished:
        audit("export_unpublished", request, what=stem, unpublished_assessments=unpublished)


@require_GET
def comparison_export_csv(request):
    return _export(request, comparison_csv)


@require_GET
def comparison_export_averages_csv(request):
    return _export(request, comparison_group_csv)


@require_GET
def comparison_export_xlsx(request):
    return _export(request, comparison_xlsx)


def comparison_context(selection: Selection) -> dict:
    """The figures, charts and tables of the page (none when nothing matches)."""
    snapshot, history = selection.snapshot, selection.history
    latest = max(selection.rounds, key=code_sort_key) if selection.rounds else None
    has_data = not snapshot.assessments.empty
    context = {
        "rounds": selection.rounds,
        "latest_round": latest,
        "has_data": has_data,
        "assessment_count": len(snapshot.assessments),
        "country_count": snapshot.assessments["iso3"].nunique(),
        "min_group_size": MIN_GROUP_SIZE,
    }
    if not has_data:
        return context
    group_chart = builders.chart_context(
        "group-averages",
        builders.group_area_bars(
            snapshot.group_areas,
            area_labels={code: f"{code} {title}" for code, title in snapshot.area_labels.items()},
            round=latest,
        ),
    )
    context.update(
        group_chart=_with_suppressed_cells(group_chart, snapshot),
        suppressed_groups=_suppressed_groups(snapshot, latest),
        heatmap_chart=builders.chart_context("heatmap", _heatmap(snapshot)),
        ranking=_ranking_rows(snapshot),
        map_chart=builders.chart_context("world-map", _world_map(snapshot)),
        trend_rounds=history.rounds,
    )
    if len(history.rounds) > 1:
        lines = builders.trend_lines(history.trends, title=comparison_trend_title(history))
        trend_chart = builders.chart_context("trends", lines)
        context["trend_chart"] = _with_suppressed_cells(trend_chart, history)
        context["trend_note"] = comparison_trend_note(history)
    return context


def _with_suppressed_cells(chart: dict, comparison: Comparison) -> dict:
    """In the chart's data table, a suppressed average says so in words where it would be.

    A series value without data while countries stand behind it can only be a suppressed
    average: the count covers exactly the countries with a value.
    """
    if comparison.shows_small_groups:
        return chart
    series: tuple[Series, ...] = chart["spec"].series
    note = str(NOT_SHOWN % {"count": MIN_GROUP_SIZE})
    rows = [list(row) for row in chart["table"]["rows"]]
    for i, row in enumerate(rows):
        column = 1
        for one in series:
            count = one.counts[i] if one.counts else None
            if one.values[i] is None and count:
                row[column] = note
            column += 2 if one.counts else 1
    return {**chart, "table": {**chart["table"], "rows": rows}}


def _suppressed_groups(comparison: Comparison, round_: str | None) -> list[str]:
    """The groups whose pillar average the user may not see for the round shown."""
    frame = comparison.group_areas
    rows = frame[(frame["area_code"] == "pillar") & frame["suppressed"]]
    if round_ is not None:
        rows = rows[rows["round"].astype(str) == str(round_)]
    return list(dict.fromkeys(rows["group_name"]))


def _heatmap(comparison: Comparison):
    """Countries × recommendations at each country's latest selected round; a draft's row
    is labelled as such."""
    matrix = comparison.matrix("recommendations")
    drafts = set(comparison.ranking.loc[comparison.ranking["is_draft"], "country"])
    matrix.index = [
        DRAFT_SUFFIX % {"country": name} if name in drafts else name for name in matrix.index
    ]
    return builders.heatmap(matrix, column_labels=comparison.recommendation_labels)


def _world_map(comparison: Comparison):
    ranking = comparison.ranking
    return builders.world_map(
        dict(zip(ranking["iso3"], ranking["pillar"], strict=True)),
        names=dict(zip(ranking["iso3"], ranking["country"], strict=True)),
    )


def _ranking_rows(comparison: Comparison) -> list[dict]:
    rows = frame_records(comparison.ranking)
    for row in rows:
        row["percent"] = format_percent(row["pillar"])
    return rows


# Saved groups of countries (IGF analysts).


def _require_analyst(user) -> None:
    if not is_igf_staff(user):
        raise PermissionDenied(ONLY_ANALYSTS_SAVE_GROUPS)


def _get_group_for_user(user, pk: int) -> CountryGroup:
    """The user's own saved group; 404 for anybody else's."""
    _require_analyst(user)
    return get_object_or_404(CountryGroup.objects.owned_by(user), pk=pk)


@login_required
@require_GET
def group_list(request):
    _require_analyst(request.user)
    groups = CountryGroup.objects.owned_by(request.user).prefetch_related("countries")
    return render(request, "scores/groups.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    _require_analyst(request.user)
    return _group_form_page(request, CountryGroup(owner=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    return _group_form_page(request, _get_group_for_user(request.user, pk))


def _group_form_page(request, group: CountryGroup):
    form = CountryGroupForm(request.POST or None, instance=group, owner=request.user)
    if form.is_valid():
        group = form.save()
        messages.success(request, GROUP_SAVED % {"name": group.name})
        return redirect(f"{reverse('scores:compare')}?grouping={group.grouping}")
    status = 400 if form.is_bound else 200
    return render(request, "scores/groups_form.html", {"form": form, "group": group}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request, pk):
    group = _get_group_for_user(request.user, pk)
    if request.method == "POST":
        name = group.name
        group.delete()
        messages.success(request, GROUP_DELETED % {"name": name})
        return redirect("scores:groups")
    return render(request, "scores/groups_confirm_delete.html", {"group": group})
