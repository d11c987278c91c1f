"""The read-only JSON API: frameworks, countries, assessments' scores and comparisons.

Every view reads, checks access through api/permissions.py, validates its query parameters
(api/parameters.py) and renders with api/serializers.py; the figures come from
scores/comparison.py, cut down to what the caller may see. The OpenAPI schema is at /api/schema/.
"""

import functools
from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response

from assessment.models import Assessment
from config.security import audit
from countries.models import Country
from frameworks.models import Indicator, Recommendation
from scores.comparison import load_comparison
from scores.country import country_scores

from . import serializers as out
from .exceptions import exception_handler
from .models import ApiToken
from .parameters import AssessmentFilters, ComparisonParameters, LanguageParameters, validated
from .payloads import comparison_payload, scores_payload
from .permissions import (
    assessments_for,
    frameworks_for,
    get_assessment_for_user,
    get_country,
    get_framework_for_user,
)

NOT_FOUND = OpenApiResponse(
    out.ErrorSerializer, description="No such object, or not yours to read."
)
ERRORS = {
    400: OpenApiResponse(out.ParameterErrorSerializer, description="Invalid query parameters."),
    401: OpenApiResponse(out.ErrorSerializer, description="The token or session is not valid."),
    429: OpenApiResponse(out.ErrorSerializer, description="Too many requests: wait and retry."),
}


def in_requested_language(view):
    """Run the view in the language of `?lang=` (validated), else the one LocaleMiddleware
    took from Accept-Language, and say which in Content-Language."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        language = validated(LanguageParameters, request).get("lang")
        with translation.override(language or translation.get_language()):
            try:
                response = view(request, *args, **kwargs)
            except APIException as error:
                # Rendered here, not by DRF after this block, to say the message's language.
                response = exception_handler(error, {"request": request})
            response["Content-Language"] = translation.get_language()
        return response

    return wrapper


def audit_unpublished_token_read(request, assessments: Iterable[tuple[int, str]]) -> None:
    """Reading unpublished assessments (drafts, validated, confidential) with a personal API
    token goes into the audit trail, with the token and the assessments' numbers."""
    token = request.auth
    if not isinstance(token, ApiToken):
        return
    unpublished = sorted(
        {pk for pk, status in assessments if status != Assessment.Status.PUBLISHED}
    )
    if unpublished:
        audit("api_token_read_unpublished", request, token_id=token.pk, token=token.key_start,
              assessment_ids=unpublished)  # fmt: skip


def path_parameter(name: str, type_, description: str, example=None) -> OpenApiParameter:
    examples = [OpenApiExample(str(example), value=example)] if example is not None else None
    return OpenApiParameter(
        name, type_, OpenApiParameter.PATH, description=description, examples=examples
    )


@extend_schema(
    tags=["frameworks"],
    summary="Framework versions",
    parameters=[LanguageParameters],
    responses={200: out.FrameworkSerializer(many=True), **ERRORS},
)
@api_view(["GET"])
@in_requested_language
def framework_list(request):
    frameworks = frameworks_for(request.user).select_related("previous_version")
    frameworks = frameworks.order_by("slug", "-version")
    return Response(out.FrameworkSerializer(frameworks, many=True).data)


@extend_schema(
    tags=["frameworks"],
    summary="A framework version's tree",
    description=(
        "Areas, recommendations and indicators with their weights, the scale, the scoring "
        "method and, for a version that follows another, its crosswalk from that version."
    ),
    parameters=[
        path_parameter("slug", str, "The framework's slug.", "mpf-pillar-6"),
        path_parameter("version", int, "The version number.", 1),
        LanguageParameters,
    ],
    responses={200: out.FrameworkDetailSerializer, 404: NOT_FOUND, **ERRORS},
)
@api_view(["GET"])
@in_requested_language
def framework_detail(request, slug, version):
    framework = get_framework_for_user(request.user, slug, version)
    indicators = Indicator.objects.prefetch_related("tags", "level_guidance")
    recommendations = Recommendation.objects.prefetch_related(
        Prefetch("indicators", queryset=indicators)
    )
    prefetch_related_objects(
        [framework],
        "levels",
        Prefetch("areas__recommendations", queryset=recommendations),
        "crosswalk_entries__previous_indicators",
        "crosswalk_entries__indicators",
    )
    return Response(out.FrameworkDetailSerializer(framework).data)


@extend_schema(
    tags=["countries"],
    summary="Countries",
    parameters=[LanguageParameters],
    responses={200: out.CountrySerializer(many=True), **ERRORS},
)
@api_view(["GET"])
@in_requested_language
def country_list(request):
    return Response(out.CountrySerializer(Country.objects.all(), many=True).data)


@extend_schema(
    tags=["countries"],
    summary="A country",
    parameters=[
        path_parameter("iso3", str, "ISO 3166 alpha-3 code (any case).", "SEN"),
        LanguageParameters,
    ],
    responses={200: out.CountrySerializer, 404: NOT_FOUND, **ERRORS},
)
@api_view(["GET"])
@in_requested_language
def country_detail(request, iso3):
    return Response(out.CountrySerializer(get_country(iso3)).data)


@extend_schema(
    tags=["assessments"],
    summary="Assessments you may read",
    description=(
        "Anonymous callers: published assessments. Ministry staff: also their own "
        "countries'. IGF analysts: every country's. Unfinished assessments (draft, "
        "submitted, in review) only with include_drafts=true or when a status names them."
    ),
    parameters=[AssessmentFilters],
    responses={200: out.AssessmentSerializer(many=True), **ERRORS},
)
@api_view(["GET"])
@in_requested_language
def assessment_list(request):
    filters = validated(AssessmentFilters, request)
    statuses = filters.get("status")
    include_drafts = bool(statuses) or filters.get("include_drafts", False)
    assessments = assessments_for(request.user, include_drafts=include_drafts)
    if statuses:
        assessments = assessments.filter(status__in=statuses)
    if "country" in filters:
        assessments = assessments.filter(country__iso3=filters["country"].upper())
    if "round" in filters:
        assessments = assessments.filter(round=filters["round"])
    if "framework" in filters:
        assessments = assessments.filter(framework__slug=filters["framework"])
    assessments = list(assessments.order_by("country__iso3", "-round"))
    audit_unpublished_token_read(request, ((a.pk, a.status) for a in assessments))
    return Response(out.AssessmentSerializer(assessments, many=True).data)


@extend_schema(
    tags=["assessments"],
    summary="An assessment's scores",
    description=(
        "Implementation % of the pillar, each area, recommendation and indicator, beside "
        "the region's averages for the same round (withheld below min_group_size countries "
        "except for IGF analysts) and the change since the previous round you may see."
    ),
    parameters=[
        path_parameter("id", int, "The assessment's number."),
        LanguageParameters,
    ],
    responses={200: out.ScoresSerializer, 404: NOT_FOUND, **ERRORS},
)
@api_view(["GET"])
@in_requested_language
def assessment_scores(request, id):
    assessment = get_assessment_for_user(request.user, id)
    audit_unpublished_token_read(request, [(assessment.pk, assessment.status)])
    scores = country_scores(assessment, request.user)
    return Response(out.ScoresSerializer(scores_payload(scores, assessment)).data)


@extend_schema(
    tags=["comparison"],
    summary="Averages per group of countries and area",
    description=(
        "For each group and round: the average implementation % of the pillar and of each "
        "area, and the number of countries behind each mean. It counts the assessments "
        "whose figures you may see: published ones; your own countries' validated and "
        "confidential ones; for IGF analysts every validated, published and confidential "
        "one, and unfinished ones too with include_drafts=true. A mean of fewer than "
        "min_group_size countries is withheld (null, suppressed) except for IGF analysts."
    ),
    parameters=[ComparisonParameters],
    responses={200: out.ComparisonSerializer, **ERRORS},
)
@api_view(["GET"])
@in_requested_language
def comparison(request):
    parameters = validated(ComparisonParameters, request)
    query = parameters["query"]
    figures = load_comparison(query, request.user)
    rows = figures.assessments[["assessment_id", "status"]].itertuples(index=False)
    audit_unpublished_token_read(request, ((int(pk), status) for pk, status in rows))
    payload = comparison_payload(figures, query, parameters["grouping_name"])
    return Response(out.ComparisonSerializer(payload).data)


@extend_schema(exclude=True)
@api_view(["GET"])
def api_root(request):
    """Where everything is: a starting point for somebody trying the API by hand."""
    names = ["framework-list", "country-list", "assessment-list", "comparison", "schema"]
    return Response({name: reverse(f"api:{name}") for name in names})


@extend_schema(
    tags=["open data"],
    summary="Open data of a round",
    description=(
        "Every published assessment's scores in the round, one row per figure (the pillar, "
        "each area, recommendation and indicator), with the data dictionary and the licence. "
        "The same rows as the CSV and Excel downloads of the Published results pages. Open to "
        "everybody, rate-limited like the rest of the API."
    ),
    parameters=[
        path_parameter("round", str, "An assessment round with published assessments.", "2024")
    ],
    responses={200: out.OpenDataSerializer, 404: NOT_FOUND, **ERRORS},
)
@api_view(["GET"])
def open_data(request, round):
    from django.conf import settings

    from publications.open_data import DATA_DICTIONARY, open_data_rounds, open_data_rows

    if round not in open_data_rounds():
        raise NotFound()
    with translation.override("en"):
        dictionary = {column: str(text) for column, text in DATA_DICTIONARY.items()}
    payload = {
        "round": round,
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "data_dictionary": dictionary,
        "rows": open_data_rows(round),
    }
    return Response(out.OpenDataSerializer(payload).data)


@extend_schema(exclude=True)
@api_view(["GET"])
def not_found(request, path=""):
    raise NotFound()
