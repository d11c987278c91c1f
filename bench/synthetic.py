"""Generated assessments for benchmarks: many countries and rounds of the Pillar 6 framework.

Written with bulk_create (no history, no signals, then one `invalidate()`), seeded so that the
same arguments give the same data. The real countries are used first; synthetic ones (ISO3
codes from the user-assigned X.. and Q.. ranges, two-character codes that no real country
has, regions copied from the real countries in turn) are added only when more are asked for.
Assessments are marked `is_demo`. A country's round that exists already is left alone.
"""

from __future__ import annotations

import itertools
import string
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django_countries import countries as country_names

from assessment.models import Assessment, Response
from assessment.rollups import stored_scores_rebuild
from countries.loading import load_countries
from countries.models import Country
from frameworks.models import Framework, Indicator
from scores.comparison import invalidate

FRAMEWORK_SLUG = "mpf-pillar-6"
PILLAR6_FILE = settings.BASE_DIR / "fixtures" / "frameworks" / "mpf-pillar-6.yaml"
FIRST_ROUND = 2000
STATUSES = [
    Assessment.Status.PUBLISHED, Assessment.Status.VALIDATED, Assessment.Status.CONFIDENTIAL,
    Assessment.Status.IN_REVIEW, Assessment.Status.DRAFT,
]  # fmt: skip
STATUS_SHARES = [0.55, 0.25, 0.10, 0.05, 0.05]
NOT_APPLICABLE_SHARE = 0.04
MISSING_SHARE_IN_DRAFTS = 0.25
ASSESSMENTS_PER_BATCH = 500


@dataclass(frozen=True)
class Generated:
    framework: Framework
    rounds: tuple[str, ...]
    countries: int
    countries_created: int
    assessments_created: int
    responses_created: int


def round_names(rounds: int) -> tuple[str, ...]:
    return tuple(str(FIRST_ROUND + i) for i in range(rounds))


@transaction.atomic
def generate(
    countries: int = 200,
    rounds: int = 10,
    seed: int = 1,
    framework: Framework | None = None,
    store_scores: bool = True,
) -> Generated:
    """Assessments of `countries` countries in `rounds` rounds ("2000", "2001", ...), with
    their stored roll-up scores (assessment/rollups.py) unless `store_scores` is false."""
    rng = np.random.default_rng(seed)
    framework = framework or pillar6()
    chosen, created = _countries(countries)
    names = round_names(rounds)
    assessments = _create_assessments(chosen, names, framework, rng)
    indicators = list(
        Indicator.objects.filter(recommendation__area__framework=framework).values_list(
            "pk", flat=True
        )
    )
    level_ids = dict(framework.levels.values_list("code", "pk"))
    responses = 0
    for start in range(0, len(assessments), ASSESSMENTS_PER_BATCH):
        batch = assessments[start : start + ASSESSMENTS_PER_BATCH]
        responses += _create_responses(batch, indicators, level_ids, rng)
    if store_scores:
        stored_scores_rebuild(assessments=assessments)
    invalidate()
    return Generated(framework, names, len(chosen), created, len(assessments), responses)


def pillar6() -> Framework:
    """The newest Pillar 6 framework, loaded from its file when the database has none."""
    from frameworks.loading import load_framework_file

    framework = Framework.objects.filter(slug=FRAMEWORK_SLUG).order_by("-version").first()
    return framework or load_framework_file(PILLAR6_FILE).framework


def _countries(count: int) -> tuple[list[Country], int]:
    if not Country.objects.exists():
        load_countries()
    real = list(Country.objects.order_by("iso3")[:count])
    missing = count - len(real)
    if missing <= 0:
        return real, 0
    templates = itertools.cycle(list(Country.objects.order_by("iso3")))
    iso3_codes, codes = _synthetic_iso3_codes(), _synthetic_codes()
    synthetic = [
        Country(iso3=next(iso3_codes), code=next(codes), igf_region=template.igf_region,
                m49_region=template.m49_region, m49_subregion=template.m49_subregion,
                m49_intermediate=template.m49_intermediate,
                membership_status=Country.MembershipStatus.MEMBER)
        for template, _ in zip(templates, range(missing), strict=False)
    ]  # fmt: skip
    Country.objects.bulk_create(synthetic)
    return real + list(Country.objects.filter(iso3__in=[c.iso3 for c in synthetic])), missing


def _synthetic_iso3_codes():
    """Three capitals no real country uses: X.. and Q.. first (user-assigned in ISO 3166)."""
    taken = set(Country.objects.values_list("iso3", flat=True))
    taken |= {country_names.alpha3(code) for code in country_names}
    letters = string.ascii_uppercase
    firsts = "XQ" + "".join(letter for letter in letters if letter not in "XQ")
    for first, second, third in itertools.product(firsts, letters, letters):
        if first + second + third not in taken:
            yield first + second + third


def _synthetic_codes():
    """Two characters no real country has, and that django-countries does not read as a
    real country (all digits are numeric ISO codes, lower case is folded to upper case):
    a capital and a digit first, then pairs with a punctuation mark (needed past ~600)."""
    taken = set(Country.objects.values_list("code", flat=True))
    alphanumeric = string.digits + string.ascii_uppercase
    for pair in itertools.product(alphanumeric, repeat=2):
        code = "".join(pair)
        if not code.isdigit() and not code.isalpha() and code not in taken:
            yield code
    characters = alphanumeric + "!#$%&()*+,-./:;<=>?@[]^_{|}~"
    for pair in itertools.product(characters, repeat=2):
        code = "".join(pair)
        if not code.isalnum() and code not in taken:
            yield code


def _create_assessments(countries, names, framework, rng) -> list[Assessment]:
    existing = set(
        Assessment.objects.filter(country__in=countries, round__in=names).values_list(
            "country_id", "round"
        )
    )
    pairs = [(c, r) for c in countries for r in names if (c.pk, r) not in existing]
    statuses = rng.choice(len(STATUSES), size=len(pairs), p=STATUS_SHARES)
    assessments = [
        Assessment(country=country, framework=framework, round=round_, is_demo=True,
                   status=STATUSES[status])
        for (country, round_), status in zip(pairs, statuses, strict=True)
    ]  # fmt: skip
    return Assessment.objects.bulk_create(assessments, batch_size=1000)


def _create_responses(
    assessments: list[Assessment], indicators: list[int], level_ids: dict[int, int], rng
) -> int:
    """Levels around a random base per assessment, some N/A, some missing in unfinished
    rounds."""
    top = max(level_ids)
    shape = (len(assessments), len(indicators))
    base = rng.uniform(0, top, size=(shape[0], 1))
    levels = np.clip(np.rint(base + rng.normal(0, 1, size=shape)), 0, top).astype(int)
    not_applicable = rng.random(shape) < NOT_APPLICABLE_SHARE
    unfinished = np.array([not a.is_countable for a in assessments])[:, None]
    missing = unfinished & (rng.random(shape) < MISSING_SHARE_IN_DRAFTS) & ~not_applicable
    responses = [
        Response(
            assessment_id=assessment.pk,
            indicator_id=indicator_id,
            level_id=None if not_applicable[a, i] or missing[a, i] else level_ids[levels[a, i]],
            not_applicable=bool(not_applicable[a, i]),
            not_applicable_reason="Synthetic." if not_applicable[a, i] else "",
        )
        for a, assessment in enumerate(assessments)
        for i, indicator_id in enumerate(indicators)
    ]
    Response.objects.bulk_create(responses, batch_size=5000)
    return len(responses)
