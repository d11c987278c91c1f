"""The library of case studies: anybody browses the published ones; IGF analysts write,
translate and publish them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import is_igf_staff

from .forms import CaseStudyForm, LibraryFilterForm
from .library import library_cases, region_choices
from .models import CaseStudy

ONLY_ANALYSTS_WRITE = _("Only IGF analysts write and publish case studies.")
CASE_SAVED = _("The case study is saved.")
CASE_PUBLISHED = _("The case study is published: every reader of the library sees it.")
CASE_UNPUBLISHED = _("The case study is back to draft: only IGF staff see it.")


def get_case_for_user(user, pk: int) -> CaseStudy:
    """A case study `user` may read; 404 otherwise (a draft is not revealed)."""
    readable = CaseStudy.objects.readable_by(user).select_related("country", "original")
    return get_object_or_404(readable, pk=pk)


def get_editable_case_for_user(user, pk: int) -> CaseStudy:
    case = get_case_for_user(user, pk)
    ensure_can_write(user)
    return case


def ensure_can_write(user) -> None:
    if not is_igf_staff(user):
        raise PermissionDenied(ONLY_ANALYSTS_WRITE)


@require_GET
def case_list(request):
    form = LibraryFilterForm(request.GET or None, regions=region_choices(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    context = {
        "form": form,
        "cases": library_cases(request.user, filters),
        "filtered": any(filters.values()),
        "can_write": is_igf_staff(request.user),
    }
    return render(request, "practices/case_list.html", context)


@require_GET
def case_detail(request, pk):
    case = get_case_for_user(request.user, pk)
    story = case.original or case
    versions = CaseStudy.objects.readable_by(request.user).filter(pk=story.pk) | (
        CaseStudy.objects.readable_by(request.user).filter(original=story)
    )
    context = {
        "case": case,
        "versions": versions.exclude(pk=case.pk).order_by("language"),
        "indicators": case.indicators.select_related("recommendation__area__framework"),
        "recommendations": case.recommendations.all(),
        "can_write": is_igf_staff(request.user),
    }
    return render(request, "practices/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    ensure_can_write(request.user)
    initial = {}
    if request.GET.get("original", "").isdigit():
        original = CaseStudy.objects.filter(pk=request.GET["original"]).first()
        if original:
            initial = {"original": original.pk, "country": original.country_id,
                       "minerals": original.minerals, "asm_type": original.asm_type,
                       "indicators": list(original.indicators.values_list("pk", flat=True)),
                       "recommendations": list(original.recommendations.values_list("pk", flat=True))}  # fmt: skip
    form = CaseStudyForm(request.POST or None, initial=initial)
    if form.is_valid():
        case = form.save(commit=False)
        case.created_by = request.user
        case._history_user = request.user
        case.save()
        form.save_m2m()
        messages.success(request, CASE_SAVED)
        return redirect(case)
    return render(request, "practices/case_form.html", {"form": form},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    case = get_editable_case_for_user(request.user, pk)
    form = CaseStudyForm(request.POST or None, instance=case)
    if form.is_valid():
        case = form.save(commit=False)
        case._history_user = request.user
        case.save()
        form.save_m2m()
        messages.success(request, CASE_SAVED)
        return redirect(case)
    return render(request, "practices/case_form.html", {"form": form, "case": case},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_POST
def case_publish(request, pk):
    case = get_editable_case_for_user(request.user, pk)
    if request.POST.get("publish") == "0":
        case.unpublish(request.user)
        messages.success(request, CASE_UNPUBLISHED)
    else:
        case.publish(request.user)
        messages.success(request, CASE_PUBLISHED)
    return redirect(case)
