"""The plan's pages: the plan in the layout of docs/action-plans.md, the vision, the gaps, the actions with their
progress notes and comments, the timeline and the country's institutions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frameworks.models import Indicator

from . import services
from .access import (
    ensure_can_edit_plan,
    get_action_for_user,
    get_editable_action_for_user,
    get_editable_plan_for_user,
    get_plan_for_user,
)
from .forms import ActionCommentForm, ActionForm, InstitutionForm, ProgressNoteForm, VisionForm
from .gaps import ranked_gaps
from .models import Action, Institution, Problem
from .report import budget_text, plan_actions, plan_report_context, plan_timeline
from .timeline import timeline_chart

VISION_SAVED = _("The vision is saved.")
ACTION_CREATED = _("The action is added to the plan.")
ACTION_SAVED = _("The action is saved.")
ACTION_DELETED = _("The action is deleted.")
ACTION_STALE = _(
    "%(user)s saved this action while you were editing it: your changes were not saved. "
    "The form now shows what is saved; make your change again."
)
NOTE_ADDED = _("The progress note is added.")
INSTITUTION_ADDED = _("%(name)s is added to the country's institutions.")


@login_required
@require_GET
def plan_detail(request, pk):
    access = get_plan_for_user(request.user, pk, allow_reader=True)
    context = {"access": access, "assessment": access.assessment, "plan": access.plan}
    if access.plan is not None:
        context["plan_chapter"] = plan_report_context(access.plan)
    return render(request, "plans/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vision_edit(request, pk):
    access = get_editable_plan_for_user(request.user, pk)
    plan = access.plan
    initial = {"vision": plan.vision, "vision_language": plan.vision_language} if plan else {}
    form = VisionForm(request.POST or None, initial=initial)
    if form.is_valid():
        services.plan_vision_save(
            assessment=access.assessment, vision=form.cleaned_data["vision"].strip(),
            language=form.cleaned_data["vision_language"], user=request.user,
        )  # fmt: skip
        messages.success(request, VISION_SAVED)
        return redirect("plans:detail", pk=pk)
    return render(request, "plans/vision.html", {"access": access, "form": form,
                                                 "assessment": access.assessment})  # fmt: skip


@login_required
@require_GET
def gap_list(request, pk):
    access = get_plan_for_user(request.user, pk, allow_reader=True)
    context = {"access": access, "assessment": access.assessment, "plan": access.plan,
               "gaps": ranked_gaps(access.assessment, access.plan)}  # fmt: skip
    return render(request, "plans/gaps.html", context)


@login_required
@require_POST
def gap_select(request, pk, indicator_code):
    access = get_editable_plan_for_user(request.user, pk)
    indicator = get_object_or_404(
        Indicator, code=indicator_code,
        recommendation__area__framework_id=access.assessment.framework_id,
    )  # fmt: skip
    plan = services.gap_select(
        assessment=access.assessment, indicator=indicator, user=request.user,
        selected=request.POST.get("selected") != "0",
    )  # fmt: skip
    if not request.htmx:
        return redirect("plans:gaps", pk=pk)
    gap = next((g for g in ranked_gaps(access.assessment, plan) if g.code == indicator_code), None)
    if gap is None:
        raise Http404("No gap on this indicator")
    context = {"access": access._replace(plan=plan), "assessment": access.assessment, "gap": gap}
    return render(request, "plans/partials/gap_row.html", context)


def _problem_texts(plan) -> list[str]:
    return list(Problem.objects.filter(plan=plan).values_list("text", flat=True)) if plan else []


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request, pk):
    access = get_editable_plan_for_user(request.user, pk)
    assessment = access.assessment
    initial = _initial_from(request, assessment)
    form = ActionForm(request.POST or None, assessment=assessment, initial=initial)
    if form.is_valid():
        action = services.action_create(
            assessment=assessment, data=form.to_data(), user=request.user
        )
        messages.success(request, ACTION_CREATED)
        return redirect("plans:action", pk=pk, action_pk=action.pk)
    context = {"access": access, "assessment": assessment, "form": form,
               "problems": _problem_texts(access.plan)}  # fmt: skip
    return render(request, "plans/action_form.html", context)


def _initial_from(request, assessment) -> dict:
    """An action started from a gap (?indicator=6.1.1.a) or a problem (?problem=text)."""
    initial = {"status": "planned", "impact": "high"}
    code = request.GET.get("indicator")
    if code:
        indicators = Indicator.objects.filter(
            code=code, recommendation__area__framework_id=assessment.framework_id
        )
        initial["indicators"] = list(indicators.values_list("pk", flat=True))
    if request.GET.get("problem"):
        initial["problem"] = request.GET["problem"]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk, action_pk):
    action, access = get_editable_action_for_user(request.user, pk, action_pk)
    assessment = access.assessment
    form = ActionForm(request.POST or None, assessment=assessment,
                      initial=ActionForm.initial_for(action))  # fmt: skip
    status = 200
    if form.is_valid():
        try:
            services.action_update(action=action, data=form.to_data(), user=request.user,
                                   base_version=form.cleaned_data["version"])  # fmt: skip
        except services.StaleAction as stale:
            messages.error(request, ACTION_STALE % {"user": stale.current.updated_by})
            form = ActionForm(assessment=assessment, initial=ActionForm.initial_for(stale.current))
            status = 409
        else:
            messages.success(request, ACTION_SAVED)
            return redirect("plans:action", pk=pk, action_pk=action.pk)
    context = {"access": access, "assessment": assessment, "form": form, "action": action,
               "problems": _problem_texts(access.plan)}  # fmt: skip
    return render(request, "plans/action_form.html", context, status=status)


@login_required
@require_POST
def action_delete(request, pk, action_pk):
    action, _access = get_editable_action_for_user(request.user, pk, action_pk)
    services.action_delete(action=action, user=request.user)
    messages.success(request, ACTION_DELETED)
    return redirect("plans:detail", pk=pk)


@login_required
@require_GET
def action_detail(request, pk, action_pk):
    action, access = get_action_for_user(request.user, pk, action_pk, allow_reader=True)
    action = plan_actions(access.plan, pk=action.pk)[0]
    action.budget_text = budget_text(action)
    context = {
        "access": access, "assessment": access.assessment, "action": action,
        "notes": action.notes.select_related("author"),
        "note_form": ProgressNoteForm(initial={"date": timezone.localdate()}),
        "comment_form": ActionCommentForm(),
        "comments": action.comments.select_related("author") if access.can_comment else [],
        "history": _history(action) if access.can_comment else [],
    }  # fmt: skip
    return render(request, "plans/action.html", context)


def _history(action) -> list[dict]:
    """The action's recorded versions, newest first, each with what changed."""
    records = list(action.history.select_related("history_user").order_by("-history_date")[:30])
    changes = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        diff = record.diff_against(previous).changes if previous else []
        fields = [str(Action._meta.get_field(change.field).verbose_name)
                  for change in diff if change.field != "version"]  # fmt: skip
        changes.append({"record": record, "fields": fields})
    return changes


@login_required
@require_POST
def note_add(request, pk, action_pk):
    action, _access = get_editable_action_for_user(request.user, pk, action_pk)
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        services.progress_note_add(action=action, user=request.user, **form.cleaned_data)
        messages.success(request, NOTE_ADDED)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("plans:action", pk=pk, action_pk=action.pk)


@login_required
@require_POST
def comment_add(request, pk, action_pk):
    action, access = get_action_for_user(request.user, pk, action_pk)
    form = ActionCommentForm(request.POST)
    status = 400
    if form.is_valid():
        services.action_comment_add(
            action=action, user=request.user, body=form.cleaned_data["body"]
        )
        form, status = ActionCommentForm(), 200
    if not request.htmx:
        return redirect("plans:action", pk=pk, action_pk=action.pk)
    context = {"access": access, "assessment": access.assessment, "action": action,
               "comments": action.comments.select_related("author"), "comment_form": form}  # fmt: skip
    return render(request, "plans/partials/comments.html", context, status=status)


@login_required
@require_GET
def timeline_view(request, pk):
    access = get_plan_for_user(request.user, pk, allow_reader=True)
    actions = plan_actions(access.plan) if access.plan else []
    chart = timeline_chart("plan-timeline", plan_timeline(actions))
    context = {"access": access, "assessment": access.assessment, "plan": access.plan,
               "chart": chart}  # fmt: skip
    return render(request, "plans/timeline.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def institution_list(request, pk):
    access = get_plan_for_user(request.user, pk)
    country = access.assessment.country
    if request.method == "POST":
        ensure_can_edit_plan(access.role)
    form = InstitutionForm(request.POST or None, country=country)
    if form.is_valid():
        institution = services.institution_create(country=country, user=request.user,
                                                  **form.cleaned_data)  # fmt: skip
        messages.success(request, INSTITUTION_ADDED % {"name": institution.name})
        return redirect("plans:institutions", pk=pk)
    institutions = Institution.objects.filter(country=country).order_by("kind", "name")
    context = {"access": access, "assessment": access.assessment, "form": form,
               "institutions": institutions}  # fmt: skip
    return render(request, "plans/institutions.html", context)
