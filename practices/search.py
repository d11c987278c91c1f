"""One search box over indicators, justifications of published assessments, case studies
and practices of action plans, in the four languages (docs/practices.md).

On PostgreSQL each text is matched with the text search configuration of its language
(english, french, spanish, portuguese: stems and stop words), "websearch" syntax; a text
whose language is not recorded (a justification, a practice) is matched in each of the four.
On SQLite, a simple fallback: every word of the query must appear, whatever its case.
Justifications, the one large table searched, have a GIN index per configuration
(practices/migrations/0001_initial.py), matching the expression SearchVector writes.

What may be found goes through the visibility policy: justifications of published
assessments only (the same published-for-everyone rule as the peers), practices of the
plans whose assessment the user may read (signed-in users only, as the plan pages), case
studies the user may read.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from assessment.models import Assessment, Response
from frameworks.models import Framework, Indicator
from plans.models import Practice

from .models import CaseStudy

SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "pt": "portuguese"}
MAX_RESULTS = 20
MAX_QUERY_LENGTH = 200


@dataclass
class SearchResults:
    query: str
    indicators: list = field(default_factory=list)
    justifications: list = field(default_factory=list)
    case_studies: list = field(default_factory=list)
    practices: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(map(len, (self.indicators, self.justifications, self.case_studies,
                             self.practices)))  # fmt: skip


def search(user, query: str) -> SearchResults:
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    results = SearchResults(query)
    if not query:
        return results
    published = Assessment.objects.readable_by(None)
    frameworks = Framework.objects.published().latest_versions()
    indicators = Indicator.objects.filter(recommendation__area__framework__in=frameworks)
    results.indicators = list(
        _matching(indicators, query, [f"statement_{lang}" for lang in SEARCH_CONFIGS]
                  + [f"guidance_{lang}" for lang in SEARCH_CONFIGS], by_column=True)
        .select_related("recommendation__area__framework")[:MAX_RESULTS]
    )  # fmt: skip
    responses = Response.objects.filter(assessment__in=published).exclude(justification="")
    results.justifications = list(
        _matching(responses, query, ["justification"])
        .select_related("assessment__country", "indicator", "level")
        .order_by("-assessment__round", "assessment__country__iso3")[:MAX_RESULTS]
    )
    cases = CaseStudy.objects.readable_by(user)
    results.case_studies = list(
        _matching_by_language(cases, query, ["title", "practice", "what_was_done", "results",
                                             "minerals", "asm_type"])
        .select_related("country")[:MAX_RESULTS]
    )  # fmt: skip
    if user is None or not user.is_authenticated:
        return results  # plans are for signed-in readers only (plans/access.py)
    practices = Practice.objects.filter(plan__assessment__in=Assessment.objects.readable_by(user))
    results.practices = list(
        _matching(practices, query, ["name", "instrument"]).select_related(
            "plan__assessment__country"
        )[:MAX_RESULTS]
    )
    return results


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _matching(queryset, query: str, columns: list[str], *, by_column: bool = False):
    """Rows of which one of `columns` matches; on PostgreSQL in each of the four languages,
    or, `by_column`, each "<name>_<language>" column in its own language only."""
    if not _is_postgresql():
        return _containing(queryset, query, columns)
    from django.contrib.postgres.search import SearchQuery, SearchVector

    where = Q()
    for language, config in SEARCH_CONFIGS.items():
        names = [c for c in columns if c.endswith(f"_{language}")] if by_column else columns
        if not names:
            continue
        alias = f"search_{language}"
        queryset = queryset.alias(**{alias: SearchVector(*names, config=config)})
        where |= Q(**{alias: SearchQuery(query, config=config, search_type="websearch")})
    return queryset.filter(where).distinct()


def _matching_by_language(queryset, query: str, columns: list[str]):
    """Rows with a `language` matched with that language's configuration."""
    if not _is_postgresql():
        return _containing(queryset, query, columns)
    from django.contrib.postgres.search import SearchQuery, SearchVector

    where = Q()
    for language, config in SEARCH_CONFIGS.items():
        alias = f"search_{language}"
        queryset = queryset.alias(**{alias: SearchVector(*columns, config=config)})
        matches = SearchQuery(query, config=config, search_type="websearch")
        where |= Q(language=language, **{alias: matches})
    return queryset.filter(where)


def _containing(queryset, query: str, columns: list[str]):
    """The SQLite fallback: every word in one of the columns, ignoring case."""
    for word in query.split():
        word = word.strip("\"'")
        if word:
            any_column = Q()
            for column in columns:
                any_column |= Q(**{f"{column}__icontains": word})
            queryset = queryset.filter(any_column)
    return queryset.distinct()
