from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import Membership, User


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
