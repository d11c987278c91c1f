"""Shared fixtures: the Pillar 6 framework, the countries and named people.

The people follow the style guide: a contributor and a focal point of country A (Senegal),
a focal point of country B (Ecuador), an IGF analyst and an administrator.
"""

import pytest
from django.conf import settings
from django.utils import translation

from accounts.models import Membership, User
from countries.loading import load_countries
from countries.models import Country
from frameworks.models import Framework

PILLAR6_FILE = settings.BASE_DIR / "fixtures" / "frameworks" / "mpf-pillar-6.yaml"
PILLAR6_V2_FILE = settings.BASE_DIR / "fixtures" / "frameworks" / "mpf-pillar-6-v2.yaml"


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(items):
    """Browser tests flush the database when they end: run them last."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def _ensure_reference_data() -> Framework:
    from frameworks.loading import load_framework_file

    if not Country.objects.exists():
        load_countries()
    framework = Framework.objects.filter(slug="mpf-pillar-6").order_by("-version").first()
    return framework or load_framework_file(PILLAR6_FILE).framework


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English, whatever language an earlier request left active."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the framework and the countries once for the whole session."""
    with django_db_blocker.unblock():
        _ensure_reference_data()


@pytest.fixture
def pillar6(db) -> Framework:
    return _ensure_reference_data()


@pytest.fixture
def pillar6_v2(pillar6) -> Framework:
    """Version 2 of the Pillar 6 framework, with its crosswalk from version 1 (`pillar6`)."""
    from frameworks.loading import load_framework_file

    return load_framework_file(PILLAR6_V2_FILE).framework


@pytest.fixture
def senegal(pillar6) -> Country:
    return Country.objects.get(iso3="SEN")


@pytest.fixture
def ecuador(pillar6) -> Country:
    return Country.objects.get(iso3="ECU")


def make_user(username: str, **fields) -> User:
    user = User.objects.create(username=username, **fields)
    user.set_password("password")
    user.save()
    return user


@pytest.fixture
def contributor_a(senegal) -> User:
    user = make_user("alice")
    Membership.objects.create(user=user, country=senegal, role=Membership.Role.CONTRIBUTOR)
    return user


@pytest.fixture
def focal_a(senegal) -> User:
    user = make_user("amadou")
    Membership.objects.create(user=user, country=senegal, role=Membership.Role.FOCAL_POINT)
    return user


@pytest.fixture
def focal_b(ecuador) -> User:
    user = make_user("beatriz")
    Membership.objects.create(user=user, country=ecuador, role=Membership.Role.FOCAL_POINT)
    return user


@pytest.fixture
def analyst(db) -> User:
    return make_user("ana", is_analyst=True)


@pytest.fixture
def administrator(db) -> User:
    return make_user("root", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with nothing counted against the rate limits (config/ratelimit.py)."""
    from django.core.cache import caches

    from config import ratelimit

    caches["ratelimit"].clear()
    ratelimit._local.clear()
    ratelimit._last_error_logged = 0.0
