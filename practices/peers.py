"""Peers who do it well: for one indicator of a country's assessment, the other countries
whose published assessments rate it "largely" or "fully in place", with their justification
and legal references (docs/practices.md).

Peer examples are shown to everybody alike, so they are read with a visitor's eyes:
`Assessment.objects.readable_by(None)`, the published-for-everyone rule of the one
visibility policy. An analyst, who may read every assessment, still never sees another
country's unpublished rating offered as an example, and neither does its own team.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import get_language

from assessment.models import Assessment, Evidence, Response
from frameworks.models import Framework

from .models import JustificationTranslation

# "Largely in place" on the default scale; on any scale, the levels worth at least this.
PEER_MIN_PERCENTAGE = Decimal(75)


@dataclass
class PeerExample:
    """One country's rating of the indicator, from its latest published round that rates it
    at least "largely in place"."""

    response: Response
    same_region: bool
    legal_references: list[Evidence] = field(default_factory=list)

    @property
    def assessment(self) -> Assessment:
        return self.response.assessment

    @property
    def country(self):
        return self.response.assessment.country

    @property
    def translation(self) -> JustificationTranslation | None:
        """The justification in the reader's language, when IGF staff wrote one."""
        found = self.response.translations_here
        return found[0] if found else None

    @property
    def justification(self) -> str:
        """In the reader's language where the text exists, else as the country wrote it."""
        return self.translation.justification if self.translation else self.response.justification


def peer_codes(framework: Framework, code: str) -> dict[int, str]:
    """{framework id: the indicator's code in it} for this version and every earlier version
    of the framework from which the crosswalks carry it as the same or reworded."""
    codes = {framework.pk: code}
    earlier = Framework.objects.filter(slug=framework.slug, version__lt=framework.version)
    for version in earlier:
        mapped = (framework.comparable_codes(version) or {}).get(code)
        if mapped:
            codes[version.pk] = mapped
    return codes


def peer_responses(assessment: Assessment, code: str):
    """The published responses of other countries rating the indicator (by its code in the
    assessment's framework) at least "largely in place"."""
    where = Q()
    for framework_id, mapped in peer_codes(assessment.framework, code).items():
        where |= Q(assessment__framework_id=framework_id, indicator__code=mapped)
    return (
        Response.objects.filter(where, assessment__in=Assessment.objects.readable_by(None))
        .filter(level__percentage__gte=PEER_MIN_PERCENTAGE)
        .exclude(assessment__country_id=assessment.country_id)
    )


def peer_examples(assessment: Assessment, code: str) -> list[PeerExample]:
    """One example per country (its latest round among those above), same region first,
    then the most recent round first, then by country name.

    The latest round per country is chosen on bare keys first, so that only the examples
    shown are loaded with their country, level, laws and translations."""
    responses = peer_responses(assessment, code)
    latest: dict[int, tuple[str, int]] = {}
    keys = responses.order_by().values_list("pk", "assessment__country_id", "assessment__round")
    for pk, country_id, round_ in keys:
        if country_id not in latest or round_ > latest[country_id][0]:
            latest[country_id] = (round_, pk)
    legal = Evidence.objects.filter(kind=Evidence.Kind.LEGAL).order_by("date", "pk")
    language = (get_language() or "en").split("-")[0]
    translations = JustificationTranslation.objects.filter(language=language)
    chosen = (
        Response.objects.filter(pk__in=[pk for _round, pk in latest.values()])
        .select_related("assessment__country", "assessment__framework", "level", "indicator")
        .prefetch_related(
            Prefetch("evidence", queryset=legal, to_attr="legal_references"),
            Prefetch("translations", queryset=translations, to_attr="translations_here"),
        )
    )
    region = assessment.country.analysis_region
    examples = [
        PeerExample(
            response=response,
            same_region=response.assessment.country.analysis_region == region,
            legal_references=response.legal_references,
        )
        for response in chosen
    ]
    examples.sort(key=lambda e: str(e.country.name))
    examples.sort(key=lambda e: e.assessment.round, reverse=True)
    examples.sort(key=lambda e: not e.same_region)
    return examples


def peer_example(assessment: Assessment, code: str, response_pk: int) -> PeerExample | None:
    """The example built on response `response_pk`, if it is one of the indicator's peers."""
    return next((e for e in peer_examples(assessment, code) if e.response.pk == response_pk), None)
