from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import Membership, User

WRONG_PASSWORD = _("This is not your current password.")
SAME_EMAIL = _("This is already your e-mail address.")
NOT_A_CODE = _(
    "Type the 6 digits your authenticator app shows, or one of your recovery codes (8 letters "
    "and digits)."
)


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length without its validator: a longer name reached
        # authenticate() and django-axes' varchar(255) record of the failure (a server error
        # on PostgreSQL). No account has a longer name, so it is refused as too long.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Sign in")))


class TwoFactorCodeForm(forms.Form):
    """The 6-digit code of an authenticator app (spaces allowed, as some apps show them)."""

    code = forms.RegexField(
        label=_("6-digit code"),
        regex=r"^\s*(\d\s*){6}$",
        error_messages={"invalid": _("Type the 6 digits your authenticator app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label or _("Continue")))

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class SignInCodeForm(forms.Form):
    """The second step of a sign-in: the authenticator app's code or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code of your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Continue"))

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
        if not (len(code) == 6 and code.isdigit()) and not _is_recovery_code(code):
            raise forms.ValidationError(NOT_A_CODE)
        return code

    @property
    def is_recovery_code(self) -> bool:
        return not self.cleaned_data["code"].isdigit()


def _is_recovery_code(code: str) -> bool:
    """django-otp's static tokens: 8 characters of the base32 alphabet, lower case."""
    return len(code) == 8 and all(c in "abcdefghijklmnopqrstuvwxyz234567" for c in code)


class CurrentPasswordForm(forms.Form):
    """Asks for the user's current password before a change to the account's security."""

    current_password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = _helper(submit_label or _("Confirm"))

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD)
        return password


class TwoFactorOffForm(CurrentPasswordForm):
    """Switching two-factor sign-in off takes the password and a code of the app."""

    code = TwoFactorCodeForm.base_fields["code"]

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class EmailChangeForm(CurrentPasswordForm):
    email = forms.EmailField(
        label=_("New e-mail address"),
        help_text=_("We send a link to this address: the change is made when you open it."),
    )

    field_order = ["email", "current_password"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email == (self.user.email or "").strip().lower():
            raise forms.ValidationError(SAME_EMAIL)
        return email


def _name_new_passwords(form) -> None:
    """Our words for Django's fields, as on the other pages."""
    form.fields["new_password1"].label = _("New password")
    form.fields["new_password2"].label = _("New password, again")


class AccountPasswordChangeForm(PasswordChangeForm):
    """Django's own: the current password, then the new one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")
        _name_new_passwords(self)
        self.helper = _helper(_("Change my password"))


class AccountPasswordResetForm(PasswordResetForm):
    """Django's own form: the address to send a link to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.helper = _helper(_("Send me a link"))


class AccountSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_new_passwords(self)
        self.helper = _helper(_("Save my new password"))


class InvitationForm(forms.Form):
    """Who to invite to a country's team, and with which role."""

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation link is sent to this address."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.CONTRIBUTOR,
        widget=forms.RadioSelect,
        help_text=_(
            "Contributors rate indicators and add evidence; focal points also submit the "
            "assessment and manage the team."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send the invitation")))


class AcceptInvitationForm(UserCreationForm):
    """A new account for the invited person; the e-mail address is the invitation's."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name")

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        # The password must not resemble the address either (UserAttributeSimilarityValidator).
        self.instance.email = invitation.email
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "username",
            Div(Div("first_name", css_class="col-sm-6"), Div("last_name", css_class="col-sm-6"),
                css_class="row"),
            "password1",
            "password2",
        )  # fmt: skip
        self.helper.add_input(Submit("submit", _("Create my account and join")))


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
