from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.roles import country_roles
from countries.models import Country

from . import services
from .access import (
    TEAM_MANAGERS,
    get_country_for_user,
    get_manageable_country_for_user,
    get_manageable_invitation_for_user,
    get_manageable_membership_for_user,
)
from .forms import AcceptInvitationForm, InvitationForm, MembershipRoleForm
from .models import Invitation, invitation_ttl_days
from .services import INVITATION_UNKNOWN, InvitationClosed, TeamError

INVITATION_SENT = _("An invitation was sent to %(email)s.")
INVITATION_RESENT = _(
    "A new invitation link was sent to %(email)s; the previous one no longer works."
)
INVITATION_REVOKED = _("The invitation to %(email)s was revoked.")
ROLE_CHANGED = _("%(name)s is now %(role)s.")
MEMBER_REMOVED = _("%(name)s was removed from the team.")
WELCOME = _("You joined the team of %(country)s as %(role)s.")

# Accounts made from an invitation sign in with a password, whatever other backends come later.
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_required
@require_GET
def team_index(request):
    """The teams the user can open: straight to it when there is only one."""
    if request.user.is_superuser or request.user.is_analyst:
        countries = Country.objects.all()
    else:
        country_ids = list(country_roles(request.user))
        countries = Country.objects.filter(pk__in=country_ids)
        if len(country_ids) == 1:
            return redirect("accounts:team", countries.get().iso3)
    countries = countries.annotate(member_count=Count("memberships"))
    return render(request, "accounts/team_index.html", {"countries": countries})


@login_required
@require_GET
def team(request, iso3):
    country, role = get_country_for_user(request.user, iso3)
    memberships = country.memberships.select_related("user").order_by(
        "-role", "user__last_name", "user__first_name", "user__username"
    )
    invitations = country.invitations.open().select_related("invited_by")
    context = {
        "country": country,
        "memberships": memberships,
        "invitations": invitations,
        "can_manage": role in TEAM_MANAGERS,
        "role_choices": MembershipRoleForm.base_fields["role"].choices,
    }
    return render(request, "accounts/team.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request, iso3):
    country, _role = get_manageable_country_for_user(request.user, iso3)
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                country=country,
                invited_by=request.user,
                build_absolute_uri=request.build_absolute_uri,
                **form.cleaned_data,
            )
        except TeamError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, INVITATION_SENT % {"email": invitation.email})
            return redirect("accounts:team", country.iso3)
    context = {"country": country, "form": form, "invitation_ttl_days": invitation_ttl_days()}
    return render(request, "accounts/invite.html", context)


@login_required
@require_POST
def invitation_resend(request, iso3, pk):
    invitation = get_manageable_invitation_for_user(request.user, iso3, pk)
    services.invitation_resend(invitation=invitation, build_absolute_uri=request.build_absolute_uri)
    messages.success(request, INVITATION_RESENT % {"email": invitation.email})
    return redirect("accounts:team", invitation.country.iso3)


@login_required
@require_POST
def invitation_revoke(request, iso3, pk):
    invitation = get_manageable_invitation_for_user(request.user, iso3, pk)
    invitation.revoke()
    messages.success(request, INVITATION_REVOKED % {"email": invitation.email})
    return redirect("accounts:team", invitation.country.iso3)


@login_required
@require_POST
def membership_role(request, iso3, pk):
    membership = get_manageable_membership_for_user(request.user, iso3, pk)
    form = MembershipRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
        except TeamError as error:
            messages.error(request, error.message)
        else:
            name, role = membership.user, membership.get_role_display()
            messages.success(request, ROLE_CHANGED % {"name": name, "role": role})
    return redirect("accounts:team", membership.country.iso3)


@login_required
@require_POST
def membership_remove(request, iso3, pk):
    membership = get_manageable_membership_for_user(request.user, iso3, pk)
    try:
        services.membership_remove(membership=membership)
    except TeamError as error:
        messages.error(request, error.message)
        return redirect("accounts:team", membership.country.iso3)
    messages.success(request, MEMBER_REMOVED % {"name": membership.user})
    if membership.user == request.user and not request.user.is_superuser:
        return redirect("home")  # they left the team and can no longer see it
    return redirect("accounts:team", membership.country.iso3)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Join a team from the e-mailed link: in one click when signed in, else with a new
    account whose e-mail address is the invitation's."""
    invitation = Invitation.objects.with_token(token).select_related("country", "invited_by")
    invitation = invitation.first()
    if invitation is None:
        return _invitation_closed(request, INVITATION_UNKNOWN, status=404)
    if not invitation.is_pending:
        return _invitation_closed(request, InvitationClosed(invitation).message, status=410)
    if request.user.is_authenticated:
        form = None
        if request.method == "POST":
            return _accept(request, invitation, user=request.user)
    else:
        form = AcceptInvitationForm(request.POST or None, invitation=invitation)
        if form.is_valid():
            data = form.cleaned_data
            fields = {key: data[key] for key in ("username", "first_name", "last_name")}
            return _accept(request, invitation, password=data["password1"], **fields)
    return render(request, "accounts/accept.html", {"invitation": invitation, "form": form})


def _accept(request, invitation, **account):
    try:
        user = services.invitation_accept(invitation=invitation, **account)
    except InvitationClosed as error:
        return _invitation_closed(request, error.message, status=410)
    except TeamError as error:
        messages.error(request, error.message)
        return redirect("accounts:team", invitation.country.iso3)
    if not request.user.is_authenticated:
        login(request, user, backend=PASSWORD_BACKEND)
    role = invitation.get_role_display()
    messages.success(request, WELCOME % {"country": invitation.country.name, "role": role})
    return redirect("assessment:list")


def _invitation_closed(request, message, *, status):
    return render(request, "accounts/invitation_closed.html", {"message": message}, status=status)
