"""Who a user is with respect to a country: the single source of role checks.

IGF staff (analysts and administrators, `User.is_igf_staff`) hold a role in every country;
ministry staff hold the role of their membership in their own countries and none elsewhere.
Which assessments each may read follows from these roles, in one place:
`assessment.models.AssessmentQuerySet` (`readable_by`, `comparable_for`, `previous_round_of`).
"""

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


def is_igf_staff(user) -> bool:
    """`User.is_igf_staff` for any user object, anonymous visitors and None included."""
    return bool(user is not None and user.is_authenticated and user.is_igf_staff)


def role_in_country(user, country_id: int) -> Role | None:
    """The user's strongest role for the country, or None when they have no access.

    Memberships are read once per request and cached on the user object.
    """
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    if user.is_analyst:
        return Role.ANALYST
    return Role(country_roles(user)[country_id]) if country_id in country_roles(user) else None


def country_roles(user) -> dict[int, str]:
    """{country id: membership role} for a ministry user (empty for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(user, "_country_roles"):
        user._country_roles = dict(user.memberships.values_list("country_id", "role"))
    return user._country_roles


def visibility_class(user) -> str:
    """Users of one class read exactly the same assessments: "igf" (IGF staff), "ministry:<the
    countries of their team>" or "public". Cache keys and kept reports use it."""
    if is_igf_staff(user):
        return "igf"
    countries = sorted(country_roles(user))
    return "ministry:" + ",".join(map(str, countries)) if countries else "public"
