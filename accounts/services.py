"""Writes to a country's team: invitations sent and accepted, memberships changed.

E-mails are written in the active language (the inviter's) and carry the raw token, which
is never stored.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.models import Country

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
LAST_FOCAL_POINT = _(
    "The team needs at least one focal point: name another focal point first, then change or "
    "remove this one."
)

CLOSED_MESSAGES = {
    Invitation.Status.EXPIRED: INVITATION_EXPIRED,
    Invitation.Status.REVOKED: INVITATION_REVOKED,
    Invitation.Status.ACCEPTED: INVITATION_USED,
}

UrlBuilder = Callable[[str], str]


class TeamError(Exception):
    """A team change refused for a reason the user can read."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InvitationClosed(TeamError):
    def __init__(self, invitation: Invitation):
        super().__init__(CLOSED_MESSAGES[invitation.status])
        self.status = invitation.status


@transaction.atomic
def invitation_create(
    *,
    country: Country,
    email: str,
    role: str,
    invited_by: User,
    build_absolute_uri: UrlBuilder,
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
    token = invitation.set_new_token()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same address invited at the same moment by someone else
        raise TeamError(ALREADY_INVITED % {"email": email}) from None
    _send_invitation(invitation, token, build_absolute_uri)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, build_absolute_uri: UrlBuilder) -> Invitation:
    """Send a fresh link with a new expiry; the previous link stops working."""
    token = invitation.set_new_token()
    invitation.expires_at = invitation_expiry()
    invitation.save(update_fields=["token_hash", "expires_at"])
    _send_invitation(invitation, token, build_absolute_uri)
    return invitation


def _send_invitation(invitation: Invitation, token: str, build_absolute_uri: UrlBuilder):
    context = {
        "invitation": invitation,
        "accept_url": build_absolute_uri(reverse("accounts:invitation_accept", args=[token])),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


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
    InvitationClosed when the invitation can no longer be used (nothing is created).
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise InvitationClosed(invitation)
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
