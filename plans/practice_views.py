"""The plan's practices table: list, add, change and remove practices (plans/practices.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from .access import get_editable_plan_for_user, get_plan_for_user
from .forms import PracticeForm
from .models import Practice
from .practices import plan_practices, practice_delete, practice_save
from .services import plan_get_or_create

PRACTICE_ADDED = _("The practice “%(name)s” is added.")
PRACTICE_SAVED = _("The practice “%(name)s” is saved.")
PRACTICE_DELETED = _("The practice “%(name)s” is removed.")


@login_required
@require_http_methods(["GET", "POST"])
def practice_list(request, pk):
    access = get_plan_for_user(request.user, pk, allow_reader=request.method == "GET")
    form = None
    if access.can_edit:
        form = PracticeForm(request.POST or None, plan=access.plan)
    elif request.method == "POST":
        get_editable_plan_for_user(request.user, pk)  # 403 with the reason
    if form is not None and request.method == "POST" and form.is_valid():
        plan = plan_get_or_create(assessment=access.assessment, user=request.user)
        practice = practice_save(plan=plan, data=form.to_data(), user=request.user)
        messages.success(request, PRACTICE_ADDED % {"name": practice.name})
        return redirect("plans:practices", pk=pk)
    context = {"access": access, "assessment": access.assessment, "plan": access.plan,
               "practices": plan_practices(access.plan), "form": form}  # fmt: skip
    return render(request, "plans/practices.html", context, status=400 if form and form.errors
                  else 200)  # fmt: skip


def _practice_of(access, practice_pk: int) -> Practice:
    practice = Practice.objects.filter(pk=practice_pk, plan=access.plan).first()
    if access.plan is None or practice is None:
        raise Http404("No such practice")
    return practice


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk, practice_pk):
    access = get_editable_plan_for_user(request.user, pk)
    practice = _practice_of(access, practice_pk)
    form = PracticeForm(request.POST or None, plan=access.plan, practice=practice,
                        initial=PracticeForm.initial_for(practice))  # fmt: skip
    if form.is_valid():
        practice_save(plan=access.plan, data=form.to_data(), user=request.user, practice=practice)
        messages.success(request, PRACTICE_SAVED % {"name": practice.name})
        return redirect("plans:practices", pk=pk)
    context = {"access": access, "assessment": access.assessment, "form": form,
               "practice": practice}  # fmt: skip
    return render(request, "plans/practice_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def practice_remove(request, pk, practice_pk):
    access = get_editable_plan_for_user(request.user, pk)
    practice = _practice_of(access, practice_pk)
    practice_delete(practice=practice, user=request.user)
    messages.success(request, PRACTICE_DELETED % {"name": practice.name})
    return redirect("plans:practices", pk=pk)
