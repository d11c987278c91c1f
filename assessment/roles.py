"""Who a user is with respect to a country: the single source of role checks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALYST = "analyst", _("IGF analyst")
    FOCAL_POINT = "focal_point", _("Focal point")
    CONTRIBUTOR = "contributor", _("Contributor")
    READER = "reader", _("Reader")


MINISTRY_ROLES = {Role.FOCAL_POINT, Role.CONTRIBUTOR}
IGF_ROLES = {Role.ANALYST, Role.ADMINISTRATOR}
# Who takes part in an assessment's discussion (comments, history of who changed what).
PARTICIPANT_ROLES = MINISTRY_ROLES | IGF_ROLES


def role_in_country(user, country_id: int) -> Role | None:
    """The user's strongest role for the country, or None when they have no access.

    Memberships are read once per request and cached on the user object.
    """
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    if user.is_analyst:
        return Role.ANALYST
    return Role(country_roles(user)[country_id]) if country_id in country_roles(user) else None


def country_roles(user) -> dict[int, str]:
    """{country id: membership role} for a ministry user."""
    if not hasattr(user, "_country_roles"):
        user._country_roles = dict(user.memberships.values_list("country_id", "role"))
    return user._country_roles
