"""The practices app's pages: peers who do it well (a fragment on every indicator, a page
without JavaScript) and the draft action made from a peer's example."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import MINISTRY_ROLES
from assessment.access import get_assessment_for_user
from frameworks.models import Indicator
from plans.access import get_editable_plan_for_user

from .peers import peer_example, peer_examples
from .services import peer_action_create

PEER_ACTION_CREATED = _(
    "A draft action after %(country)s's example is added to the plan: complete it here."
)


def _indicator_of(assessment, code: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("recommendation__area"),
        code=code,
        recommendation__area__framework_id=assessment.framework_id,
    )


@login_required
@require_GET
def peer_list(request, pk, code):
    assessment, role = get_assessment_for_user(request.user, pk, allow_reader=True)
    indicator = _indicator_of(assessment, code)
    context = {
        "assessment": assessment,
        "indicator": indicator,
        "examples": peer_examples(assessment, code),
        "can_act": role in MINISTRY_ROLES,
    }
    template = "practices/partials/peers.html" if request.htmx else "practices/peers.html"
    return render(request, template, context)


@login_required
@require_POST
def peer_action(request, pk, code):
    access = get_editable_plan_for_user(request.user, pk)
    indicator = _indicator_of(access.assessment, code)
    try:
        response_pk = int(request.POST.get("response", ""))
    except ValueError:
        raise Http404("No such peer example") from None
    example = peer_example(access.assessment, code, response_pk)
    if example is None:
        raise Http404("No such peer example")
    action = peer_action_create(
        assessment=access.assessment, indicator=indicator, example=example, user=request.user
    )
    messages.success(request, PEER_ACTION_CREATED % {"country": example.country.name})
    return redirect("plans:action_edit", pk=pk, action_pk=action.pk)
