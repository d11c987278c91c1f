"""The e-mails about accounts, written by the task worker when it sends them (config/mail.py):
each makes its link and token then, in the recipient's language, so that the task queue
never holds a working link."""

from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from config.mail import Email, email_writer, one_line

from .models import Invitation, User
from .tokens import email_change_token


@email_writer
def invitation_email(*, invitation_id: int, base_url: str, language: str) -> Email | None:
    """The invitation with a fresh link (the previous link stops working); nothing once the
    invitation is accepted, revoked or expired."""
    invitation = Invitation.objects.select_related("country", "invited_by").filter(pk=invitation_id)
    invitation = invitation.first()
    if invitation is None or not invitation.is_pending:
        return None
    token = invitation.set_new_token()
    invitation.save(update_fields=["token_hash"])
    with translation.override(language):
        context = {
            "invitation": invitation,
            "accept_url": base_url + reverse("accounts:invitation_accept", args=[token]),
        }
        return _email("invitation", context, [invitation.email])


@email_writer
def password_reset_email(*, user_id: int, base_url: str, language: str) -> Email | None:
    """A link to choose a new password (Django's token: it works until the password changes,
    a sign-in happens or PASSWORD_RESET_TIMEOUT passes)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return None
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(language):
        url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        context = {"user": user, "reset_url": base_url + url}
        return _email("password_reset", context, [user.email])


@email_writer
def email_change_email(*, user_id: int, new_email: str, base_url: str, language: str):
    """To the new address: the link that confirms it is theirs."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    token = email_change_token(user, new_email)
    with translation.override(language):
        url = reverse("accounts:email_confirm", args=[token])
        context = {"user": user, "new_email": new_email, "confirm_url": base_url + url}
        return _email("email_change", context, [new_email])


@email_writer
def email_change_notice(*, user_id: int, new_email: str, language: str) -> Email | None:
    """To the current address: somebody asked to move the account to another address."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return None
    with translation.override(language):
        context = {"user": user, "new_email": new_email}
        return _email("email_change_notice", context, [user.email])


def _email(name: str, context: dict, to: list[str]) -> Email:
    subject = render_to_string(f"accounts/email/{name}_subject.txt", context)
    body = render_to_string(f"accounts/email/{name}.txt", context)
    return Email(one_line(subject), body, to)
