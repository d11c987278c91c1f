"""The demo's people: an analyst, an administrator, and a focal point and a contributor for
each of the 14 countries of IGF's global analysis. Synthetic, for demonstration only."""

from django.db import transaction

from accounts.models import Membership, User
from countries.models import Country

from .texts import language_of

# Published on purpose (README): demo data never loads in production (settings.DEMO_MODE).
DEMO_PASSWORD = "demo-password"  # noqa: S105

# The 14 MPF assessments behind IGF's global analysis (docs/domain.md).
GLOBAL_ANALYSIS_COUNTRIES = [
    "MNG", "SEN", "KGZ", "DOM", "MDG", "ECU", "RWA",
    "UGA", "NAM", "MRT", "JAM", "SUR", "HND", "PAN",
]  # fmt: skip


def demo_usernames() -> list[str]:
    names = ["admin", "analyst"]
    for iso3 in GLOBAL_ANALYSIS_COUNTRIES:
        names += [f"{iso3.lower()}-focal", f"{iso3.lower()}-contributor"]
    return names


def _demo_user(username: str, **fields) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def create_demo_people() -> list[User]:
    """Create the demo users and memberships; existing ones are left as they are."""
    people = [
        _demo_user("admin", is_staff=True, is_superuser=True, first_name="Demo", last_name="Admin"),
        _demo_user(
            "analyst",
            is_analyst=True,
            first_name="Demo",
            last_name="Analyst",
            email="analyst@demo.invalid",
            preferred_language="en",
        ),
    ]
    countries = Country.objects.in_bulk(GLOBAL_ANALYSIS_COUNTRIES, field_name="iso3")
    for iso3 in GLOBAL_ANALYSIS_COUNTRIES:
        for suffix, role in [
            ("focal", Membership.Role.FOCAL_POINT),
            ("contributor", Membership.Role.CONTRIBUTOR),
        ]:
            user = _demo_user(
                f"{iso3.lower()}-{suffix}", first_name=iso3, last_name=suffix.title(),
                # Demo addresses (the reserved .invalid domain): the demo's e-mails go to the
                # console, in the country's language.
                email=f"{iso3.lower()}-{suffix}@demo.invalid",
                preferred_language=language_of(iso3),
            )  # fmt: skip
            Membership.objects.get_or_create(
                user=user, country=countries[iso3], defaults={"role": role}
            )
            people.append(user)
    return people
