"""The one place where access to a country's team is decided.

Somebody with no role in the country gets 404 (as for its assessments); members, IGF
analysts and administrators see the team; only the country's focal points and administrators
manage it (invite, resend, revoke, change or remove a membership), others get 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from countries.models import Country

from .models import Invitation, Membership
from .roles import Role, role_in_country

TEAM_MANAGERS = {Role.FOCAL_POINT, Role.ADMINISTRATOR}

ONLY_FOCAL_POINT_MANAGES = _(
    "Only the country's focal point or an administrator can invite people and change the team."
)


def get_country_for_user(user, iso3: str) -> tuple[Country, Role]:
    """The country and the user's role in it; 404 without a role."""
    country = get_object_or_404(Country, iso3=iso3.upper())
    role = role_in_country(user, country.pk)
    if role is None:
        raise Http404("No such country team")
    return country, role


def get_manageable_country_for_user(user, iso3: str) -> tuple[Country, Role]:
    """As above, and the user may change the team: 403 for contributors and analysts."""
    country, role = get_country_for_user(user, iso3)
    if role not in TEAM_MANAGERS:
        raise PermissionDenied(ONLY_FOCAL_POINT_MANAGES)
    return country, role


def get_manageable_invitation_for_user(user, iso3: str, pk: int) -> Invitation:
    """An open (not accepted, not revoked) invitation of a team the user manages."""
    country, _role = get_manageable_country_for_user(user, iso3)
    invitation = get_object_or_404(Invitation.objects.open(), pk=pk, country=country)
    invitation.country = country
    return invitation


def get_manageable_membership_for_user(user, iso3: str, pk: int) -> Membership:
    """A membership of a team the user manages."""
    country, _role = get_manageable_country_for_user(user, iso3)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, country=country
    )
    membership.country = country
    return membership
