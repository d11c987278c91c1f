"""A round's ASM profile: read by whoever may read the assessment, filled in by the country
team while the assessment is a draft (`access.ensure_can_edit`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.roles import MINISTRY_ROLES

from . import services
from .access import ensure_can_edit, get_assessment_for_user
from .forms import AsmProfileForm
from .models import AsmProfile

PROFILE_SAVED = _("The ASM profile is saved.")


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    assessment, role = get_assessment_for_user(request.user, pk, allow_reader=True)
    profile = AsmProfile.objects.filter(assessment=assessment).first()
    editable = assessment.is_editable and role in MINISTRY_ROLES
    form, status = None, 200
    if request.method == "POST":
        ensure_can_edit(assessment, role)
        form = AsmProfileForm(request.POST, instance=profile or AsmProfile(assessment=assessment))
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.Meta.fields}
            services.profile_save(assessment=assessment, values=values, user=request.user)
            messages.success(request, PROFILE_SAVED)
            return redirect(assessment)
        status = 400
    elif editable:
        form = AsmProfileForm(instance=profile or AsmProfile(assessment=assessment))
    context = {"assessment": assessment, "profile": profile, "form": form, "editable": editable}
    return render(request, "assessment/profile.html", context, status=status)
