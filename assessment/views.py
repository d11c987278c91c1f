from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.account_views import base_url
from accounts.models import User
from accounts.roles import MINISTRY_ROLES, PARTICIPANT_ROLES, Role, country_roles
from countries.models import Country
from frameworks.models import Framework

from . import navigation, notifications, services
from .access import get_assessment_for_user, get_editable_response_for_user, get_response_for_user
from .forms import AssessmentCreateForm, CommentForm, ResponseForm, TransitionForm
from .models import AsmProfile, Assessment, Comment, Response
from .my_work import next_step
from .progress import progress_by_area
from .rounds import previous_round_levels, round_change, version_changes
from .workflow import ACTIONS, allowed_actions, can_take

ROUND_CREATED = _("The %(round)s assessment of %(country)s has started.")
TRANSITION_DONE = _("Done: the assessment is now %(status)s.")
INCOMPLETE = _(
    "The assessment cannot be submitted yet: %(count)s indicator(s) still need an answer."
)


@login_required
def assessment_list(request):
    assessments = (
        Assessment.objects.readable_by(request.user)
        .for_teams_of(request.user)
        .select_related("country", "framework")
        .order_by("country__iso3", "-round")
    )
    can_start = request.user.is_superuser or any(
        role == Role.FOCAL_POINT for role in country_roles(request.user).values()
    )
    return render(
        request, "assessment/list.html", {"assessments": assessments, "can_start": can_start}
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request):
    """Start a round: a focal point for their country, an administrator for any."""
    countries = _countries_where_user_starts_rounds(request.user)
    if not countries.exists():
        raise PermissionDenied(_("Only a country's focal point starts a new assessment round."))
    form = AssessmentCreateForm(
        request.POST or None,
        countries=countries,
        frameworks=Framework.objects.published(),
        initial={"framework": Framework.objects.published().latest_versions().first()},
    )
    if form.is_valid():
        assessment = services.assessment_create(**form.cleaned_data, user=request.user)
        messages.success(
            request, ROUND_CREATED % {"round": assessment.round, "country": assessment.country}
        )
        return redirect(assessment)
    return render(request, "assessment/new.html", {"form": form})


def _countries_where_user_starts_rounds(user):
    if user.is_superuser:
        return Country.objects.all()
    focal = [cid for cid, role in country_roles(user).items() if role == Role.FOCAL_POINT]
    return Country.objects.filter(pk__in=focal)


def _responses_with_tree(assessment):
    return assessment.responses.select_related(
        "indicator__recommendation__area", "level", "target_level", "assignee", "updated_by"
    ).order_by(*Response._meta.ordering)


@login_required
@require_GET
def assessment_detail(request, pk):
    assessment, role = get_assessment_for_user(request.user, pk, allow_reader=True)
    responses = list(_responses_with_tree(assessment))
    areas, overall = progress_by_area(responses)
    context = {
        "assessment": assessment,
        "role": role,
        "areas": areas,
        "overall": overall,
        "actions": allowed_actions(assessment.status, role),
        "transitions": assessment.transitions.select_related("user")
        if role in PARTICIPANT_ROLES
        else [],
        "continue_response": _where_user_left_off(responses, request.user),
        # The team is told what is left, so that the box never says "nothing to do" while
        # indicators are unanswered.
        "next_step": next_step(assessment, responses, role, request.user)
        if role in MINISTRY_ROLES
        else None,
        # The discussion stays with the country team and IGF: readers see no sign of it.
        **(_open_comments(assessment, responses) if role in PARTICIPANT_ROLES else {}),
        "transition_form": TransitionForm(),
        "profile": AsmProfile.objects.filter(assessment=assessment).first(),
        "can_edit_profile": assessment.is_editable and role in MINISTRY_ROLES,
    }
    return render(request, "assessment/detail.html", context)


def _open_comments(assessment, responses) -> dict:
    """How many comments are open, and the first indicator (in the framework's order) that
    has one: the counter links to it."""
    counts = dict(
        Comment.objects.filter(response__assessment=assessment, resolved_at__isnull=True)
        .values("response")
        .annotate(count=Count("pk"))
        .values_list("response", "count")
    )
    first = next((r for r in responses if r.pk in counts), None)
    return {"open_comments": sum(counts.values()), "first_open_comment": first}


def _where_user_left_off(responses, user):
    """The response this user saved last: the filling page opens there again."""
    mine = [r for r in responses if r.updated_by_id == user.pk and r.version > 0]
    return max(mine, key=lambda r: r.updated_at) if mine else None


@login_required
@require_GET
def area_fill(request, pk, area_code):
    assessment, role = get_assessment_for_user(request.user, pk, allow_reader=True)
    responses = list(
        _responses_with_tree(assessment).prefetch_related(
            "evidence",
            Prefetch("comments", queryset=Comment.objects.select_related("author", "resolved_by")),
        )
    )
    areas, overall = progress_by_area(responses)
    area = next((a for a in areas if a.code == area_code), None)
    if area is None:
        raise Http404("No such area")
    form_kwargs = _form_kwargs(assessment)
    editable = assessment.is_editable and role in MINISTRY_ROLES
    filters = _area_filters(role)
    show = request.GET.get("show", "")
    show = show if show in filters else ""
    shown = navigation.filter_responses(area.responses, show, request.user)
    following = navigation.next_unanswered(responses)
    previous = previous_round_levels(assessment, request.user)
    changes = version_changes(assessment, [r.indicator.code for r in shown])
    for response in shown:
        response.next_unanswered = following[response.pk]
        response.form = ResponseForm(
            initial=ResponseForm.initial_for(response), prefix=f"r{response.pk}", **form_kwargs
        )
        response.round_change = round_change(response, previous)
        response.version_change = changes.get(response.indicator.code)
    context = {
        "assessment": assessment,
        "role": role,
        "area": area,
        "areas": areas,
        "shown": shown,
        "show": show,
        "filters": filters,
        "recommendations": _recommendations(area.responses),
        "first_unanswered": next((r for r in area.responses if not r.is_answered), None),
        "neighbours": navigation.neighbours(areas, area.code),
        "overall": overall,
        "editable": editable,
        "can_comment": role in PARTICIPANT_ROLES,
        "comment_form": CommentForm(),
        "previous_round": previous.get("__round__"),
        # The previous round's ratings as read once here: the plan follow-up reuses them.
        "known_ratings": dict([previous["__ratings__"]]) if "__ratings__" in previous else {},
        "started_from": {"round": changes.get("__round__"), "version": changes.get("__version__")},
    }
    return render(request, "assessment/area.html", context)


def _area_filters(role) -> dict:
    """The filters of an area page this role has a use for: assignments are the team's, and
    the discussion is hidden from readers."""
    names = [navigation.UNANSWERED]
    if role in MINISTRY_ROLES:
        names.insert(0, navigation.MINE)
    if role in PARTICIPANT_ROLES:
        names.append(navigation.OPEN_COMMENTS)
    return {name: navigation.FILTER_LABELS[name] for name in names}


def _recommendations(responses) -> list:
    """The area's recommendations in order, for the page's navigator."""
    seen = {}
    for response in responses:
        seen.setdefault(response.indicator.recommendation.pk, response.indicator.recommendation)
    return list(seen.values())


def _form_kwargs(assessment) -> dict:
    framework = assessment.framework
    members = User.objects.filter(memberships__country=assessment.country_id).order_by("username")
    return {
        "levels": list(framework.levels.all()),
        "members": list(members),
        "allows_not_applicable": framework.allows_not_applicable,
    }


@login_required
@require_http_methods(["GET", "POST"])
def response_save(request, pk, response_pk):
    """Autosave of one indicator (htmx). GET returns the saved form, e.g. to take the other
    person's version after a conflict."""
    if request.method == "GET":
        response, role = get_response_for_user(request.user, pk, response_pk, allow_reader=True)
        return _render_response_card(request, response, role)
    response, role = get_editable_response_for_user(request.user, pk, response_pk)
    form = ResponseForm(request.POST, prefix=f"r{response.pk}", **_form_kwargs(response.assessment))
    if not form.is_valid():
        return _render_save_result(request, response, form=form, status=400)
    try:
        saved = services.response_save(
            response=response,
            change=form.to_change(),
            base_version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.StaleResponse as stale:
        return _render_save_result(request, response, form=form, stale=stale.current, status=409)
    return _render_save_result(request, saved, form=form)


def _render_response_card(request, response, role):
    assessment = response.assessment
    response = (
        _responses_with_tree(assessment)
        .prefetch_related("evidence", "comments")
        .get(pk=response.pk)
    )
    response.form = ResponseForm(
        initial=ResponseForm.initial_for(response),
        prefix=f"r{response.pk}",
        **_form_kwargs(assessment),
    )
    previous = previous_round_levels(assessment, request.user)
    response.round_change = round_change(response, previous)
    changes = version_changes(assessment, [response.indicator.code])
    response.version_change = changes.get(response.indicator.code)
    context = {
        "assessment": assessment,
        "response": response,
        "editable": assessment.is_editable and role in MINISTRY_ROLES,
        "can_comment": role in PARTICIPANT_ROLES,
        "comment_form": CommentForm(),
        "previous_round": previous.get("__round__"),
        "started_from": {"round": changes.get("__round__"), "version": changes.get("__version__")},
    }
    return render(request, "assessment/partials/response_card.html", context)


def _render_save_result(request, response, *, form, stale=None, status=200):
    """Out-of-band fragments: the save state, the new version and the progress, leaving the
    fields the user is typing in untouched."""
    responses = list(_responses_with_tree(response.assessment))
    areas, overall = progress_by_area(responses)
    area = next(a for a in areas if a.code == response.indicator.recommendation.area.code)
    context = {
        "response": response,
        "form": form,
        "stale": stale,
        "stale_form": _stale_form(stale, form, response) if stale else None,
        "area": area,
        "overall": overall,
        "assessment": response.assessment,
    }
    return render(request, "assessment/partials/save_result.html", context, status=status)


def _stale_form(stale, form, response):
    """The user's own values, re-based on the saved version, for "keep mine"."""
    data = {**form.cleaned_data, "version": stale.version}
    return ResponseForm(initial=data, prefix=f"r{response.pk}", **_form_kwargs(response.assessment))


@login_required
@require_GET
def response_history(request, pk, response_pk):
    response, role = get_response_for_user(request.user, pk, response_pk)
    records = response.history.select_related("history_user", "level", "target_level").order_by(
        "-history_date"
    )
    changes = []
    for record in records:
        previous = record.prev_record
        diff = record.diff_against(previous).changes if previous else []
        changes.append({"record": record, "changes": [c for c in diff if c.field != "version"]})
    evidence = response.evidence.model.history.filter(response_id=response.pk).select_related(
        "history_user"
    )
    return render(
        request,
        "assessment/partials/history.html",
        {"response": response, "changes": changes, "evidence_history": evidence},
    )


@login_required
@require_POST
def comment_add(request, pk, response_pk):
    response, role = get_response_for_user(request.user, pk, response_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = services.comment_add(
            response=response, user=request.user, body=form.cleaned_data["body"]
        )
        notifications.notify_comment(comment=comment, base_url=base_url(request))
        form = CommentForm()
        status = 200
    else:
        status = 400
    comments = response.comments.select_related("author", "resolved_by")
    context = {"assessment": response.assessment, "response": response, "comments": comments,
               "comment_form": form, "can_comment": True}  # fmt: skip
    return render(request, "assessment/partials/comments.html", context, status=status)


@login_required
@require_POST
def comment_resolve(request, pk, comment_pk):
    assessment, role = get_assessment_for_user(request.user, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, response__assessment=assessment)
    services.comment_resolve(
        comment=comment, user=request.user, resolved=request.POST.get("resolved") != "0"
    )
    response = comment.response
    response.assessment = assessment
    comments = response.comments.select_related("author", "resolved_by")
    context = {"assessment": assessment, "response": response, "comments": comments,
               "comment_form": CommentForm(), "can_comment": True}  # fmt: skip
    return render(request, "assessment/partials/comments.html", context)


@login_required
@require_POST
def assessment_transition(request, pk, action):
    assessment, role = get_assessment_for_user(request.user, pk)
    if action not in ACTIONS:
        raise Http404("No such action")
    form = TransitionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if action in CONFIRMED_ACTIONS and request.POST.get("confirmed") != "1":
        return _confirm_transition(request, assessment, role, ACTIONS[action], comment)
    try:
        transition = services.assessment_transition(
            assessment=assessment, action_name=action, user=request.user, comment=comment
        )
    except services.IncompleteAssessment as incomplete:
        messages.error(request, INCOMPLETE % {"count": len(incomplete.missing)})
        return render(
            request,
            "assessment/missing.html",
            {"assessment": assessment, "missing": incomplete.missing},
            status=400,
        )
    except ValueError as error:
        messages.error(request, str(error))
        return redirect(assessment)
    notifications.notify_transition(transition=transition, base_url=base_url(request))
    assessment.refresh_from_db(fields=["status"])
    messages.success(request, TRANSITION_DONE % {"status": assessment.get_status_display().lower()})
    return redirect(assessment)


# What cannot be undone quietly goes through a page that says what will happen, and to whom.
CONFIRMED_ACTIONS = {"return", "validate", "publish"}
CONFIRMATIONS = {
    "return": _(
        "%(assessment)s will go back to the country team as a draft, with your comment. They "
        "can change every answer again, then submit it again."
    ),
    "validate": _(
        "%(assessment)s will be validated: nobody can change it any more, and its figures will "
        "count in comparisons and regional averages. It stays confidential until it is "
        "published."
    ),
    "publish": _(
        "%(assessment)s will be public: anybody, signed in or not, will read its ratings, "
        "justifications and evidence, and download its report."
    ),
}


def _confirm_transition(request, assessment, role, action, comment):
    """The confirmation step: what the action does, who is told; nothing is changed yet."""
    if not can_take(action.name, assessment.status, role):
        messages.error(
            request,
            services.ACTION_NOT_ALLOWED
            % {"action": action.label.lower(), "status": assessment.get_status_display().lower()},
        )
        return redirect(assessment)  # fmt: skip
    context = {
        "assessment": assessment,
        "action": action,
        "what": CONFIRMATIONS[action.name] % {"assessment": assessment},
        "told": list(
            notifications.team_of(assessment).exclude(pk=request.user.pk).exclude(email="")
        ),
        "form": TransitionForm(initial={"comment": comment}),
    }
    return render(request, "assessment/confirm_transition.html", context)


def area_url(assessment, area_code: str, indicator_code: str | None = None) -> str:
    url = reverse("assessment:area", args=[assessment.pk, area_code])
    return f"{url}#indicator-{indicator_code}" if indicator_code else url
