"""Writes to a country's team: invitations sent and accepted, memberships changed.

Invitation e-mails are written in the active language (the inviter's) and sent by the task
worker once the transaction commits (accounts/emails.py, config/mail.py); the link's raw
token exists only in the e-mail, never in the database.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.mail import send_email_on_commit
from countries.models import Country

from .emails import invitation_email
from .models import Invitation, Membership, User, invitation_expiry

ALREADY_INVITED = _(
    "%(email)s already has a pending invitation to this team. Resend it or revoke it instead."
)
ALREADY_MEMBER = _("%(email)s is already in this team: change their role instead.")
INVITATION_UNKNOWN = _(
    "This invitation link is not valid. It may have been mistyped, or replaced by a newer "
    "invitation: ask the person who invited you to send it again."
)
INVITATION_EXPIRED = _(
    "This invitation has expired. Ask the person who invited you to send a new one."
)
INVITATION_REVOKED = _("This invitation was withdrawn by the country's team.")
INVITATION_USED = _("This invitation has already been used. Sign in to reach the team.")
INVITATION_FOR_ANOTHER_ACCOUNT = _(
    "This invitation was sent to %(email)s, and only the account with that e-mail address can "
    "accept it. Sign out, then open the link again to sign in with that account or to create "
    "one; or ask the person who invited you to invite the address of your account. The "
    "invitation stays valid."
)
LAST_FOCAL_POINT = _(
    "The team needs at least one focal point: name another focal point first, then change or "
    "remove this one."
)

CLOSED_MESSAGES = {
    Invitation.Status.EXPIRED: INVITATION_EXPIRED,
    Invitation.Status.REVOKED: INVITATION_REVOKED,
    Invitation.Status.ACCEPTED: INVITATION_USED,
}


class TeamError(Exception):
    """A team change refused for a reason the user can read."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InvitationClosed(TeamError):
    def __init__(self, invitation: Invitation):
        super().__init__(CLOSED_MESSAGES[invitation.status])
        self.status = invitation.status


class InvitationForAnotherAccount(TeamError):
    """A signed-in account whose e-mail address is not the invited one tried to accept."""

    def __init__(self, invitation: Invitation):
        super().__init__(INVITATION_FOR_ANOTHER_ACCOUNT % {"email": invitation.email})


def is_invited_account(invitation: Invitation, user: User) -> bool:
    """Only the account with the invited e-mail address accepts an invitation: a forwarded
    or leaked link gives nothing to anybody else."""
    return bool(user.email) and user.email.strip().lower() == invitation.email


@transaction.atomic
def invitation_create(
    *,
    country: Country,
    email: str,
    role: str,
    invited_by: User,
    base_url: str,
) -> Invitation:
    """Invite `email` to the country's team and e-mail them the link.

    Refused (TeamError) when the address already has a pending invitation or a membership.
    An expired invitation to the same address is closed and replaced.
    """
    email = email.strip().lower()
    if Membership.objects.filter(country=country, user__email__iexact=email).exists():
        raise TeamError(ALREADY_MEMBER % {"email": email})
    previous = Invitation.objects.open().select_for_update().filter(country=country, email=email)
    for invitation in previous:
        if invitation.is_pending:
            raise TeamError(ALREADY_INVITED % {"email": email})
        invitation.revoke()
    invitation = Invitation(country=country, email=email, role=role, invited_by=invited_by)
    invitation.set_new_token()  # a placeholder: the e-mail carries a fresh one
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same address invited at the same moment by someone else
        raise TeamError(ALREADY_INVITED % {"email": email}) from None
    _send_invitation(invitation, base_url)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, base_url: str) -> Invitation:
    """Send a fresh link with a new expiry; the previous link stops working at once."""
    invitation.set_new_token()
    invitation.expires_at = invitation_expiry()
    invitation.save(update_fields=["token_hash", "expires_at"])
    _send_invitation(invitation, base_url)
    return invitation


def _send_invitation(invitation: Invitation, base_url: str) -> None:
    """After the commit, the worker writes the e-mail with a new token (accounts/emails.py)."""
    send_email_on_commit(
        invitation_email, invitation_id=invitation.pk, base_url=base_url, language=get_language()
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    username: str | None = None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Join the invitation's team as `user`, or as a new account created from the other fields.

    An existing membership of that country takes the invitation's role. Raises
    InvitationClosed when the invitation can no longer be used, InvitationForAnotherAccount
    when `user` is not the invited account (nothing is created, the invitation stays valid).
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise InvitationClosed(invitation)
    if user is not None and not is_invited_account(invitation, user):
        raise InvitationForAnotherAccount(invitation)
    if user is None:
        user = User(
            username=username, email=invitation.email, first_name=first_name, last_name=last_name
        )
        user.set_password(password)
        user.save()
    _join(user, invitation.country_id, invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def _join(user: User, country_id: int, role: str) -> None:
    membership = Membership.objects.filter(user=user, country_id=country_id).first()
    if membership is None:
        Membership.objects.create(user=user, country_id=country_id, role=role)
    else:
        membership_change_role(membership=membership, role=role)
    user.__dict__.pop("_country_roles", None)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    """Give a member another role; the last focal point cannot step down."""
    if membership.role == role:
        return membership
    _ensure_another_focal_point(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a member off the team; the last focal point cannot be removed."""
    _ensure_another_focal_point(membership)
    membership.delete()


def _ensure_another_focal_point(membership: Membership) -> None:
    """Refuse to take away the country's only focal point.

    The focal points' rows are locked so that two focal points removing each other at the
    same moment cannot both succeed.
    """
    if membership.role != Membership.Role.FOCAL_POINT:
        return
    focal_points = list(
        Membership.objects.select_for_update()
        .filter(country_id=membership.country_id, role=Membership.Role.FOCAL_POINT)
        .values_list("pk", flat=True)
    )
    if [pk for pk in focal_points if pk != membership.pk] == []:
        raise TeamError(LAST_FOCAL_POINT)
