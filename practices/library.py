"""The library's queries: case studies filtered as a reader asks, one per story in the
reader's language where a translation exists."""

from django.db.models import Prefetch
from django.utils.translation import get_language

from countries.models import m49_region_name
from frameworks.models import Indicator

from .models import CaseStudy


def library_cases(user, filters: dict) -> list[CaseStudy]:
    """The case studies `user` may read that match `filters` (indicator code,
    recommendation tag code, region code, mineral, language). Without a language filter,
    each story appears once: in the active language if translated, else as first written."""
    cases = CaseStudy.objects.readable_by(user)
    if filters.get("indicator"):
        cases = cases.filter(indicators__code=filters["indicator"])
    if filters.get("recommendation"):
        cases = cases.filter(recommendations__code=filters["recommendation"])
    if filters.get("region"):
        cases = cases.in_region(filters["region"])
    if filters.get("mineral"):
        cases = cases.filter(minerals__icontains=filters["mineral"])
    if filters.get("language"):
        cases = cases.filter(language=filters["language"])
    cases = (
        cases.distinct()
        .select_related("country")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.only("pk", "code")), "recommendations"
        )
    )
    cases = list(cases)
    return cases if filters.get("language") else one_per_story(cases, get_language() or "en")


def one_per_story(cases: list[CaseStudy], language: str) -> list[CaseStudy]:
    """Of each original and its translations, the one in `language`, else the original,
    else the first translation; in the order given."""
    chosen: dict[int, CaseStudy] = {}
    for case in cases:
        story = case.original_id or case.pk
        current = chosen.get(story)
        if current is None or _rank(case, language) < _rank(current, language):
            chosen[story] = case
    kept = set(map(id, chosen.values()))
    return [case for case in cases if id(case) in kept]


def _rank(case: CaseStudy, language: str) -> int:
    return 0 if case.language == language else 1 if case.original_id is None else 2


def region_choices(user) -> list[tuple[str, str]]:
    """The regions of the countries of readable case studies, named in the active
    language (the Americas split as analysts compare them)."""
    countries = {
        case.country for case in CaseStudy.objects.readable_by(user).select_related("country")
    }
    codes = sorted({country.analysis_region for country in countries})
    return sorted(((code, m49_region_name(code)) for code in codes), key=lambda c: c[1])
