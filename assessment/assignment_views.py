"""A focal point's assignments of indicators, and the analysts' round deadlines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.roles import Role

from . import services
from .access import get_assessment_for_user
from .assignment_forms import AssignmentForm, RoundDeadlineForm
from .models import Assessment, Response, RoundDeadline

ONLY_FOCAL_POINT_ASSIGNS = _("Only the country's focal point assigns indicators.")
ASSIGNMENT_CLOSED = _("This assessment is %(status)s: its indicators are no longer assigned.")
ASSIGNED = _("%(count)s indicator(s) assigned.")
ONLY_IGF_SETS_DEADLINES = _("Only IGF analysts set the rounds' deadlines.")
DEADLINE_SET = _("The deadline of round %(round)s is set.")


@login_required
@require_http_methods(["GET", "POST"])
def assignments(request, pk):
    assessment, role = get_assessment_for_user(request.user, pk)
    if role not in (Role.FOCAL_POINT, Role.ADMINISTRATOR):
        raise PermissionDenied(ONLY_FOCAL_POINT_ASSIGNS)
    if not assessment.is_editable:
        raise PermissionDenied(
            ASSIGNMENT_CLOSED % {"status": assessment.get_status_display().lower()}
        )
    responses = list(
        assessment.responses.select_related("indicator__recommendation", "assignee").order_by(
            *Response._meta.ordering
        )
    )
    members = User.objects.filter(memberships__country=assessment.country_id).order_by("username")
    form = AssignmentForm(request.POST or None, responses=responses, members=list(members))
    if form.is_valid():
        count = services.responses_assign(
            responses=form.chosen_responses(),
            assignee=form.chosen_assignee(),
            due_date=form.cleaned_data["due_date"],
            user=request.user,
        )
        messages.success(request, ASSIGNED % {"count": count})
        return redirect("assessment:assignments", pk=assessment.pk)
    deadline = RoundDeadline.objects.filter(round=assessment.round).first()
    context = {
        "assessment": assessment,
        "form": form,
        "assigned": [r for r in responses if r.assignee_id],
        "deadline": deadline,
    }
    return render(request, "assessment/assignments.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_deadlines(request):
    if not request.user.is_igf_staff:
        raise PermissionDenied(ONLY_IGF_SETS_DEADLINES)
    form = RoundDeadlineForm(request.POST or None)
    if form.is_valid():
        services.round_deadline_set(**form.cleaned_data, user=request.user)
        messages.success(request, DEADLINE_SET % {"round": form.cleaned_data["round"]})
        return redirect("assessment:deadlines")
    rounds = Assessment.objects.readable_by(request.user).values_list("round", flat=True)
    context = {
        "form": form,
        "deadlines": RoundDeadline.objects.select_related("set_by"),
        "rounds": sorted(set(rounds), reverse=True),
    }
    return render(request, "assessment/deadlines.html", context)
