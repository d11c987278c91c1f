import logging

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.ratelimit import rate_limit
from config.security import audit
from countries.models import Country

from . import services, two_factor
from .access import (
    TEAM_MANAGERS,
    get_country_for_user,
    get_manageable_country_for_user,
    get_manageable_invitation_for_user,
    get_manageable_membership_for_user,
)
from .account_views import base_url
from .forms import (
    AcceptInvitationForm,
    InvitationForm,
    MembershipRoleForm,
    SignInCodeForm,
    SignInForm,
)
from .models import Invitation, invitation_ttl_days
from .roles import country_roles
from .services import (
    INVITATION_UNKNOWN,
    InvitationClosed,
    InvitationForAnotherAccount,
    TeamError,
    is_invited_account,
)

INVITATION_SENT = _("An invitation was sent to %(email)s.")
INVITATION_RESENT = _(
    "A new invitation link was sent to %(email)s; the previous one no longer works."
)
INVITATION_REVOKED = _("The invitation to %(email)s was revoked.")
ROLE_CHANGED = _("%(name)s is now %(role)s.")
MEMBER_REMOVED = _("%(name)s was removed from the team.")
WELCOME = _("You joined the team of %(country)s as %(role)s.")

LOCKED_OUT = _(
    "Too many failed sign-ins for this account from your network. For your security, signing "
    "in is blocked for %(minutes)d minutes. Try again later, or ask an administrator."
)
FEW_RECOVERY_CODES = _(
    "You signed in with a recovery code: %(count)d left. Make new ones on the Two-factor "
    "sign-in page."
)

# Accounts made from an invitation sign in with a password, whatever other backends come later.
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"  # noqa: S105 - a class path


@login_required
@require_GET
def team_index(request):
    """The teams the user can open: straight to it when there is only one."""
    if request.user.is_igf_staff:
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
@rate_limit("invitation")
def invitation_new(request, iso3):
    country, _role = get_manageable_country_for_user(request.user, iso3)
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                country=country,
                invited_by=request.user,
                base_url=base_url(request),
                **form.cleaned_data,
            )
        except TeamError as error:
            form.add_error("email", error.message)
        else:
            audit("invitation_sent", request, country_id=country.pk, email=invitation.email,
                  role=invitation.role)  # fmt: skip
            messages.success(request, INVITATION_SENT % {"email": invitation.email})
            return redirect("accounts:team", country.iso3)
    context = {"country": country, "form": form, "invitation_ttl_days": invitation_ttl_days()}
    return render(request, "accounts/invite.html", context)


@login_required
@require_POST
@rate_limit("invitation")
def invitation_resend(request, iso3, pk):
    invitation = get_manageable_invitation_for_user(request.user, iso3, pk)
    services.invitation_resend(invitation=invitation, base_url=base_url(request))
    audit("invitation_resent", request, country_id=invitation.country_id, email=invitation.email)
    messages.success(request, INVITATION_RESENT % {"email": invitation.email})
    return redirect("accounts:team", invitation.country.iso3)


@login_required
@require_POST
def invitation_revoke(request, iso3, pk):
    invitation = get_manageable_invitation_for_user(request.user, iso3, pk)
    invitation.revoke()
    audit("invitation_revoked", request, country_id=invitation.country_id, email=invitation.email)
    messages.success(request, INVITATION_REVOKED % {"email": invitation.email})
    return redirect("accounts:team", invitation.country.iso3)


@login_required
@require_POST
def membership_role(request, iso3, pk):
    membership = get_manageable_membership_for_user(request.user, iso3, pk)
    form = MembershipRoleForm(request.POST)
    if form.is_valid():
        before = membership.role
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
        except TeamError as error:
            messages.error(request, error.message)
        else:
            if membership.role != before:
                audit("role_changed", request, country_id=membership.country_id,
                      member=membership.user.get_username(), from_role=before,
                      to_role=membership.role)  # fmt: skip
            name, role = membership.user, membership.get_role_display()
            messages.success(request, ROLE_CHANGED % {"name": name, "role": role})
    return redirect("accounts:team", membership.country.iso3)


@login_required
@require_POST
def membership_remove(request, iso3, pk):
    membership = get_manageable_membership_for_user(request.user, iso3, pk)
    if request.POST.get("confirmed") != "1":
        # A step that says what removing does, before anything is removed (works without JS).
        return render(request, "accounts/confirm_remove.html", {"membership": membership})
    try:
        services.membership_remove(membership=membership)
    except TeamError as error:
        messages.error(request, error.message)
        return redirect("accounts:team", membership.country.iso3)
    audit("member_removed", request, country_id=membership.country_id,
          member=membership.user.get_username(), role=membership.role)  # fmt: skip
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
        if not is_invited_account(invitation, request.user):
            return _invitation_for_another_account(request, invitation)
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
    except InvitationForAnotherAccount:
        return _invitation_for_another_account(request, invitation)
    except TeamError as error:
        messages.error(request, error.message)
        return redirect("accounts:team", invitation.country.iso3)
    audit("invitation_accepted", request, user=user, country_id=invitation.country_id,
          email=invitation.email, role=invitation.role)  # fmt: skip
    if not request.user.is_authenticated:
        login(request, user, backend=PASSWORD_BACKEND)
    role = invitation.get_role_display()
    messages.success(request, WELCOME % {"country": invitation.country.name, "role": role})
    return redirect("assessment:list")


def _invitation_closed(request, message, *, status):
    return render(request, "accounts/invitation_closed.html", {"message": message}, status=status)


def _invitation_for_another_account(request, invitation):
    """403, and the invitation stays valid for the person it was sent to."""
    audit("invitation_refused", request, level=logging.WARNING, country_id=invitation.country_id,
          email=invitation.email)  # fmt: skip
    message = InvitationForAnotherAccount(invitation).message
    return render(request, "accounts/invitation_refused.html", {"message": message}, status=403)


class SignInView(LoginView):
    """Username and password; people with a confirmed authenticator app then give its code
    (sign_in_code) before they are signed in."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.confirmed_device(user) is None:
            return super().form_valid(form)
        two_factor.start_pending_sign_in(self.request, user, self.get_success_url())
        return redirect("accounts:sign_in_code")


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request):
    pending = two_factor.pending_sign_in(request)
    device = pending and two_factor.confirmed_device(pending[0])
    if not device:
        two_factor.cancel_pending_sign_in(request)
        messages.info(request, two_factor.SIGN_IN_EXPIRED)
        return redirect("accounts:login")
    user, redirect_to = pending
    if not AxesProxyHandler.is_allowed(request, {"username": user.get_username()}):
        two_factor.cancel_pending_sign_in(request)
        return locked_out(request)
    form = SignInCodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if form.is_recovery_code:
            device, error = two_factor.check_recovery_code(user, code)
        else:
            error = two_factor.check_code(device, code)
        if error is None:
            two_factor.finish_sign_in(request, user, device)
            if form.is_recovery_code:
                _recovery_code_used(request)
            return redirect(_safe_next(request, redirect_to))
        form.add_error("code", error)
        # Counted by django-axes like a wrong password: guessing codes locks out too.
        request.sign_in_failure = "two_factor"
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
    return render(request, "accounts/sign_in_code.html", {"form": form})


def _recovery_code_used(request) -> None:
    left = two_factor.recovery_codes_left(request.user)
    audit("sign_in_recovery_code", request, codes_left=left)
    messages.warning(request, FEW_RECOVERY_CODES % {"count": left})


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once a username has failed too often from one address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"message": LOCKED_OUT % {"minutes": minutes}}
    return render(request, "accounts/locked_out.html", context, status=429)


def _safe_next(request, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else settings.LOGIN_REDIRECT_URL
