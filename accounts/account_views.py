"""A person's own account: the account page, password change and reset, e-mail address
change, two-factor sign-in and its recovery codes.

Every change to what protects the account asks for the current password (a stolen session
alone cannot take the account over), is rate-limited, and goes to the audit trail. Password
resets use Django's own views; they never say whether an account has the address typed.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.compression import uncompressed
from config.mail import send_email_on_commit
from config.ratelimit import hit, rate_limit
from config.security import audit, client_ip

from . import two_factor
from .emails import email_change_email, email_change_notice, password_reset_email
from .forms import (
    AccountPasswordChangeForm,
    AccountPasswordResetForm,
    AccountSetPasswordForm,
    CurrentPasswordForm,
    EmailChangeForm,
    TwoFactorCodeForm,
    TwoFactorOffForm,
)
from .models import User
from .tokens import read_email_change_token

PASSWORD_CHANGED = _("Your password is changed.")
EMAIL_LINK_SENT = _(
    "We sent a link to %(email)s. Open it to confirm the new address; until then your account "
    "keeps the address it has."
)
EMAIL_CHANGED = _("Your e-mail address is now %(email)s.")
EMAIL_LINK_INVALID = _(
    "This link is not valid any more: it expired, was already used, or your e-mail address "
    "changed since. Ask for a new one on your account page."
)
TWO_FACTOR_FOR_IGF_ONLY = _("Two-factor sign-in is for IGF analysts and administrators.")
TWO_FACTOR_ON = _("Two-factor sign-in is on: from now on you will be asked for a code.")
TWO_FACTOR_OFF = _("Two-factor sign-in is off.")


def base_url(request) -> str:
    """The site's address as the person sees it (for the links of e-mails)."""
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@require_GET
def account(request):
    user = request.user
    context = {
        "two_factor_allowed": two_factor.can_use_two_factor(user),
        "two_factor_on": two_factor.confirmed_device(user) is not None,
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
        "session_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
    }
    return render(request, "accounts/account.html", context)


# Password change and reset: Django's views.


@method_decorator(rate_limit("password_check"), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = AccountPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit("password_changed", self.request)
        messages.success(self.request, PASSWORD_CHANGED)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """The address to send a link to. Whether an account has it or not, the answer is the
    same page; the limits count the address typed and the client's address alike."""

    form_class = AccountPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        hit("password_reset_address", f"ip:{client_ip(self.request)}", self.request)
        hit("password_reset_email", f"email:{email}", self.request)
        users = list(form.get_users(email))
        for user in users:
            send_email_on_commit(
                password_reset_email, user_id=user.pk, base_url=base_url(self.request),
                language=get_language(),
            )  # fmt: skip
        audit("password_reset_requested", self.request, email=email, accounts=len(users))
        return redirect(self.success_url)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = AccountSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit("password_reset_done", self.request, user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# E-mail address.


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("email_change")
def email_change(request):
    """A new address takes effect when its owner opens the link sent to it: the address
    decides who may accept an invitation, so it must be shown to be theirs."""
    form = EmailChangeForm(request.POST or None, user=request.user,
                           submit_label=_("Send the confirmation link"))  # fmt: skip
    if form.is_valid():
        new_email, user, language = form.cleaned_data["email"], request.user, get_language()
        send_email_on_commit(email_change_email, user_id=user.pk, new_email=new_email,
                             base_url=base_url(request), language=language)  # fmt: skip
        send_email_on_commit(email_change_notice, user_id=user.pk, new_email=new_email,
                             language=language)  # fmt: skip
        audit("email_change_requested", request, new_email=new_email)
        messages.info(request, EMAIL_LINK_SENT % {"email": new_email})
        return redirect("accounts:account")
    return render(request, "accounts/email_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def email_confirm(request, token):
    """The link of the e-mail sent to the new address: a page, then a button (a mail
    scanner that opens links changes nothing)."""
    change = read_email_change_token(token)
    user = request.user
    if change is None or change.user_id != user.pk or change.old_email != user.email:
        return render(request, "accounts/email_confirm.html",
                      {"invalid": EMAIL_LINK_INVALID}, status=404)  # fmt: skip
    if request.method == "POST":
        User.objects.filter(pk=user.pk).update(email=change.new_email)
        audit("email_changed", request, old_email=change.old_email, new_email=change.new_email)
        messages.success(request, EMAIL_CHANGED % {"email": change.new_email})
        return redirect("accounts:account")
    return render(request, "accounts/email_confirm.html", {"new_email": change.new_email})


# Two-factor sign-in and recovery codes.


def _two_factor_user(request):
    if not two_factor.can_use_two_factor(request.user):
        raise PermissionDenied(TWO_FACTOR_FOR_IGF_ONLY)
    return request.user


@uncompressed  # the two-factor key (config/compression.py)
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_settings(request):
    """Set up (scan the QR code, confirm with a code), or see the state and its forms."""
    user = _two_factor_user(request)
    confirmed = two_factor.confirmed_device(user)
    if confirmed:
        return _two_factor_page(request, confirmed=True)
    device = two_factor.device_to_confirm(user)
    form = TwoFactorCodeForm(request.POST or None, submit_label=_("Switch on two-factor sign-in"))
    if form.is_valid():
        error = two_factor.check_code(device, form.cleaned_data["code"])
        if error is None:
            two_factor.confirm_device(request, device)
            audit("two_factor_enabled", request)
            messages.success(request, TWO_FACTOR_ON)
            return _recovery_codes_page(request)
        form.add_error("code", error)
    return _two_factor_page(request, confirmed=False, device=device, on_form=form)


@login_required
@require_POST
@rate_limit("password_check")
def two_factor_off(request):
    """Switching off takes the current password and a code of the app."""
    user = _two_factor_user(request)
    device = two_factor.confirmed_device(user)
    if device is None:
        return redirect("accounts:two_factor")
    form = _off_form(request.POST, user)
    if form.is_valid():
        error = two_factor.check_code(device, form.cleaned_data["code"])
        if error is None:
            two_factor.remove_devices(user)
            audit("two_factor_disabled", request)
            messages.success(request, TWO_FACTOR_OFF)
            return redirect("accounts:two_factor")
        form.add_error("code", error)
    return _two_factor_page(request, confirmed=True, off_form=form, status=400)


@uncompressed  # the new recovery codes
@login_required
@require_POST
@rate_limit("password_check")
def recovery_codes(request):
    """New recovery codes (the old ones stop working), after the current password."""
    user = _two_factor_user(request)
    if two_factor.confirmed_device(user) is None:
        return redirect("accounts:two_factor")
    form = _codes_form(request.POST, user)
    if not form.is_valid():
        return _two_factor_page(request, confirmed=True, codes_form=form, status=400)
    return _recovery_codes_page(request)


def _recovery_codes_page(request):
    """The codes are made here and shown in this answer only (private, not stored)."""
    codes = two_factor.new_recovery_codes(request.user)
    audit("recovery_codes_created", request, codes=len(codes))
    shown = [two_factor.format_code(code) for code in codes]
    return render(request, "accounts/recovery_codes.html", {"codes": shown})


def _codes_form(data, user) -> CurrentPasswordForm:
    form = CurrentPasswordForm(data, user=user, submit_label=_("Make new recovery codes"))
    form.helper.form_action = reverse("accounts:recovery_codes")
    return form


def _off_form(data, user) -> TwoFactorOffForm:
    form = TwoFactorOffForm(data, user=user, submit_label=_("Switch off two-factor sign-in"))
    form.helper.form_action = reverse("accounts:two_factor_off")
    return form


def _two_factor_page(request, *, confirmed, device=None, status=200, **forms):
    user = request.user
    context = {"confirmed": confirmed, **forms}
    if confirmed:
        context.setdefault("off_form", _off_form(None, user))
        context.setdefault("codes_form", _codes_form(None, user))
        context["codes_left"] = two_factor.recovery_codes_left(user)
    else:
        context["qr_code"] = two_factor.qr_code_data_uri(device)
        context["manual_key"] = two_factor.manual_key(device)
    return render(request, "accounts/two_factor.html", context, status=status)
