"""Fixtures of the practices tests: Senegal's 2026 draft, weak on 6.1.1.a, and other
countries' assessments rating that indicator well, published or not."""

import datetime

import pytest

from assessment.models import Assessment, Evidence, Response
from assessment.services import assessment_create
from countries.models import Country

WEAK_CODE = "6.1.1.a"


def rated(country, round_, framework, user, *, status, level, justification="", laws=()):
    """An assessment of `country` in `status` rating WEAK_CODE at `level`, with legal
    references given as (instrument, article, date)."""
    assessment = assessment_create(country=country, round=round_, framework=framework, user=user)
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    assessment.refresh_from_db()
    response = Response.objects.get(assessment=assessment, indicator__code=WEAK_CODE)
    response.level = framework.levels.get(code=level)
    response.justification = justification
    response.save()
    for instrument, article, date in laws:
        Evidence.objects.create(
            response=response, kind=Evidence.Kind.LEGAL, title=instrument, instrument=instrument,
            article=article, date=date, url="https://example.org/law",
        )  # fmt: skip
    return assessment


@pytest.fixture
def weak_a(senegal, pillar6, focal_a):
    """Senegal's draft, rating WEAK_CODE "initiated"."""
    return rated(senegal, "2026", pillar6, focal_a, status=Assessment.Status.DRAFT, level=1)


@pytest.fixture
def peers(pillar6, analyst, ecuador):
    """Published: Rwanda 2024 (Africa, as Senegal) fully, Ecuador 2022 largely; Ecuador 2024
    published but only partly. Unpublished, never peers: Uganda validated, Namibia
    confidential, Ecuador's 2026 draft, each fully in place."""
    country = Country.objects.get
    published, status = Assessment.Status.PUBLISHED, Assessment.Status
    return {
        "RWA": rated(country(iso3="RWA"), "2024", pillar6, analyst, status=published, level=4,
                     justification="Loi minière de 2014 : permis artisanaux délivrés en district.",
                     laws=[("Law No. 13/2014 on mining", "art. 7", datetime.date(2014, 5, 20))]),
        "ECU-2022": rated(ecuador, "2022", pillar6, analyst, status=published, level=3,
                          justification="Ley de Minería: régimen de minería artesanal.",
                          laws=[("Ley de Minería", "art. 134", datetime.date(2009, 1, 29))]),
        "ECU-2024": rated(ecuador, "2024", pillar6, analyst, status=published, level=2,
                          justification="Partly in place."),
        "UGA": rated(country(iso3="UGA"), "2024", pillar6, analyst, status=status.VALIDATED,
                     level=4, justification="SECRET-UGA validated, not published",
                     laws=[("SECRET-UGA Mining Act", "art. 1", None)]),
        "NAM": rated(country(iso3="NAM"), "2024", pillar6, analyst, status=status.CONFIDENTIAL,
                     level=4, justification="SECRET-NAM confidential"),
        "ECU-2026": rated(ecuador, "2026", pillar6, analyst, status=status.DRAFT, level=4,
                          justification="SECRET-ECU draft"),
    }  # fmt: skip
