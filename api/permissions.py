"""What the API lets each caller read: one helper per object kind, raising a JSON 404.

Frameworks follow the framework pages (published versions; every version for staff).
Assessments follow the web pages (assessment.access.readable_assessments: anybody reads
published ones, ministry staff their own countries', IGF staff all), and drafts are listed
only when asked for. The figures inside scores and comparisons are cut down further by
reports.visibility: never a confidential or draft figure of another country.
"""

import re

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound

from assessment.models import Assessment
from countries.models import Country
from frameworks.models import Framework
from scores.models import CountryGroup

NO_SUCH_FRAMEWORK = _("There is no framework “%(slug)s” version %(version)s.")
NO_SUCH_COUNTRY = _("There is no country with the code “%(iso3)s”.")
NO_SUCH_ASSESSMENT = _("There is no assessment %(pk)s, or you may not read it.")


def frameworks_for(user) -> QuerySet[Framework]:
    """The framework versions the user may read."""
    return Framework.objects.shown_to(user)


def get_framework_for_user(user, slug: str, version: str) -> Framework:
    framework = None
    if (number := _number(version)) is not None:
        versions = frameworks_for(user).select_related("previous_version")
        framework = versions.filter(slug=slug, version=number).first()
    if framework is None:
        raise NotFound(str(NO_SUCH_FRAMEWORK % {"slug": slug[:80], "version": version[:20]}))
    return framework


def get_country(iso3: str) -> Country:
    country = Country.objects.filter(iso3=iso3.upper()).first() if len(iso3) == 3 else None
    if country is None:
        raise NotFound(str(NO_SUCH_COUNTRY % {"iso3": iso3[:20]}))
    return country


def assessments_for(user, *, include_drafts: bool = False) -> QuerySet[Assessment]:
    """The assessments the user may read; unfinished ones (draft, submitted, in review)
    only with `include_drafts`."""
    assessments = Assessment.objects.readable_by(user).select_related("country", "framework")
    if not include_drafts:
        assessments = assessments.exclude(status__in=Assessment.DRAFT_STATUSES)
    return assessments


def get_assessment_for_user(user, pk: str) -> Assessment:
    """An assessment the user may read (drafts included: asking by number is asking for
    it); 404 for anything else, so that its existence is not revealed."""
    assessment = None
    if (number := _number(pk)) is not None:
        readable = assessments_for(user, include_drafts=True).select_related("profile")
        assessment = readable.filter(pk=number).first()
    if assessment is None:
        raise NotFound(str(NO_SUCH_ASSESSMENT % {"pk": pk[:20]}))
    return assessment


def saved_group_for_user(user, pk: int) -> CountryGroup | None:
    """A saved group of countries: private to the analyst who saved it."""
    return CountryGroup.objects.owned_by(user).filter(pk=pk).first()


def _number(text: str) -> int | None:
    """A path segment as a database integer, None unless it is one (ASCII digits only)."""
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None
