"""The public pages of published results.

They show what the public may read, through the one visibility policy
(`Assessment.objects.readable_by(None)`: a visitor's view), to everybody alike, signed in or
not: the page of a published assessment is the same for a minister and a journalist. For
anonymous visitors they are cacheable (config/caching.py).
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Max, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessment.models import Assessment
from config.caching import public_cacheable, set_last_modified
from countries.models import Country
from reports.report_context import indicator_sections
from scores.country import country_scores
from scores.dashboard_views import dashboard_context

from .editions import edition_correct
from .models import Edition, RegionalReport
from .public import PUBLIC_READER, public_assessments

CORRECTION_REQUESTED = gettext_lazy(
    "Edition %(number)s is being written in every language. Edition %(previous)s stays "
    "available, marked as superseded."
)

# A published page changes only when an assessment is published or corrected.
MAX_AGE = 600
# An edition's file never changes: anybody may keep it for good.
EDITION_MAX_AGE = 365 * 24 * 3600


def get_published_assessment(iso3: str, round_: str) -> Assessment:
    """The published assessment of a country's round, or 404."""
    return get_object_or_404(
        public_assessments().select_related("country", "framework"),
        country__iso3=iso3.upper(),
        round=round_,
    )


def published_with_dates():
    """The public assessments with the moment each was (last) published, newest first."""
    published_at = Max("transitions__created_at",
                       filter=Q(transitions__to_status=Assessment.Status.PUBLISHED))  # fmt: skip
    assessments = public_assessments().select_related("country", "framework")
    return assessments.annotate(published_at=published_at).order_by(
        F("published_at").desc(nulls_last=True), "country__iso3", "-round"
    )


@require_GET
@public_cacheable(max_age=MAX_AGE)
def landing(request):
    """Published results: the latest publications (by region and round), the regional
    reports, the frozen editions and the open data."""
    every = published_with_dates()
    assessments = every
    region, round_ = request.GET.get("region", ""), request.GET.get("round", "")
    if region:
        assessments = assessments.filter(country__m49_region=region)
    if round_:
        assessments = assessments.filter(round=round_)
    regions = {a.country.m49_region: a.country.m49_region_name() for a in every}
    context = {
        "assessments": assessments,
        "regions": sorted(regions.items(), key=lambda item: item[1]),
        "rounds": sorted({a.round for a in every}, reverse=True),
        "region": region,
        "round": round_,
        "regional_reports": RegionalReport.objects.public().select_related("framework"),
        "editions": Edition.objects.filter(
            Q(assessment__in=public_assessments()) | Q(regional_report__published_at__isnull=False),
            superseded_at__isnull=True,
            language=get_language(),
        ).select_related("assessment__country", "regional_report")[:50],
    }
    response = render(request, "publications/landing.html", context)
    set_last_modified(
        response, max((a.published_at for a in every if a.published_at), default=None)
    )
    return response


@require_GET
@public_cacheable(max_age=MAX_AGE)
def country_results(request, iso3):
    """The country page as the public sees it: its published rounds."""
    country = get_object_or_404(Country, iso3=iso3.upper())
    assessments = public_assessments().filter(country=country).select_related("framework")
    context = {"country": country, "assessments": assessments.order_by("-round"), "public": True}
    response = render(request, "countries/detail.html", context)
    latest = assessments.order_by("-updated_at").values_list("updated_at", flat=True).first()
    set_last_modified(response, latest)
    return response


@require_GET
@public_cacheable(max_age=MAX_AGE)
def published_assessment(request, iso3, round):
    assessment = get_published_assessment(iso3, round)
    scores = country_scores(assessment, PUBLIC_READER)
    context = {
        "assessment": assessment,
        "scores": scores,
        "sections": indicator_sections(assessment, scores),
        "current_editions": current_editions(assessment),
        "description": _meta_description(assessment),
    }
    response = render(request, "publications/assessment.html", context)
    set_last_modified(response, assessment.updated_at)
    return response


@require_GET
@public_cacheable(max_age=MAX_AGE)
def published_dashboard(request, iso3, round):
    assessment = get_published_assessment(iso3, round)
    context = dashboard_context(assessment, country_scores(assessment, PUBLIC_READER))
    context["public"] = True
    context["description"] = _meta_description(assessment)
    context["current_editions"] = current_editions(assessment)
    response = render(request, "scores/dashboard.html", context)
    set_last_modified(response, assessment.updated_at)
    return response


def _meta_description(assessment: Assessment) -> str:
    return _(
        "%(country)s's published self-assessment of Pillar 6 (artisanal and small-scale "
        "mining) of the IGF Mining Policy Framework, round %(round)s: every indicator's "
        "rating, justification and evidence."
    ) % {"country": assessment.country.name, "round": assessment.round}


def current_editions(assessment) -> list[Edition]:
    """The newest edition of a published report, one per language."""
    editions = list(Edition.objects.filter(assessment=assessment, superseded_at__isnull=True))
    language = get_language()
    return sorted(editions, key=lambda e: (e.language != language, e.language))


def editions_by_number(editions) -> list[dict]:
    """Editions grouped by number, the newest first: what the download page lists."""
    groups = []
    ordered = sorted(editions, key=lambda e: (-e.number, e.language))
    for number, files in groupby(ordered, key=lambda e: e.number):
        files = list(files)
        first = files[0]
        groups.append({"number": number, "issued_at": first.issued_at, "files": files,
                       "is_superseded": first.is_superseded,
                       "superseded_reason": first.superseded_reason,
                       "correction_reason": first.correction_reason,
                       "framework": first.framework, "scale": first.scale})  # fmt: skip
    return groups


@require_GET
@public_cacheable(max_age=MAX_AGE)
def assessment_editions(request, iso3, round):
    """The download page: every edition, its checksum, and why an older one was replaced."""
    assessment = get_published_assessment(iso3, round)
    editions = Edition.objects.filter(assessment=assessment).select_related("framework")
    context = {
        "assessment": assessment,
        "editions": editions_by_number(editions),
        "can_correct": request.user.is_authenticated and request.user.is_igf_staff,
    }
    response = render(request, "publications/editions.html", context)
    set_last_modified(response, max((e.issued_at for e in editions), default=None))
    return response


@login_required
@require_POST
def assessment_correct(request, iso3, round):
    """An analyst issues a corrected edition, with the reason readers will see."""
    assessment = get_published_assessment(iso3, round)
    try:
        number = edition_correct(user=request.user, reason=request.POST.get("reason", ""),
                                 assessment=assessment)  # fmt: skip
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, CORRECTION_REQUESTED % {"number": number,
                                                          "previous": number - 1})  # fmt: skip
    return redirect("publications:editions", iso3=assessment.country.iso3, round=assessment.round)


@require_GET
@public_cacheable(max_age=EDITION_MAX_AGE)
def edition_download(request, pk, filename):
    """An edition's PDF, to anybody while its report is public; superseded ones too."""
    edition = get_object_or_404(Edition.objects.select_related("assessment"), pk=pk)
    if filename != edition.filename or not _is_public(edition):
        raise Http404("No such edition")
    response = FileResponse(edition.file.open("rb"), as_attachment=True,
                            filename=edition.filename, content_type="application/pdf")  # fmt: skip
    response["ETag"] = f'"{edition.sha256}"'
    set_last_modified(response, edition.issued_at)
    return response


def _is_public(edition: Edition) -> bool:
    if edition.assessment_id is not None:
        return public_assessments().filter(pk=edition.assessment_id).exists()
    return RegionalReport.objects.public().filter(pk=edition.regional_report_id).exists()


def regional_title(report: RegionalReport) -> str:
    from scores.query import GROUPINGS

    grouping = GROUPINGS.get(report.grouping, report.grouping)
    return _("Regional report %(round)s, by %(grouping)s") % {
        "round": report.round,
        "grouping": str(grouping).lower(),
    }


@require_GET
@public_cacheable(max_age=MAX_AGE)
def regional_report(request, pk):
    report = get_object_or_404(RegionalReport.objects.public().select_related("framework"), pk=pk)
    editions = Edition.objects.filter(regional_report=report).select_related("framework")
    context = {
        "report": report,
        "title": regional_title(report),
        "editions": editions_by_number(editions),
        "can_correct": request.user.is_authenticated and request.user.is_igf_staff,
    }
    response = render(request, "publications/regional.html", context)
    set_last_modified(response, max((e.issued_at for e in editions), default=report.published_at))
    return response


@login_required
@require_POST
def regional_correct(request, pk):
    report = get_object_or_404(RegionalReport.objects.public(), pk=pk)
    try:
        number = edition_correct(user=request.user, reason=request.POST.get("reason", ""),
                                 regional_report=report)  # fmt: skip
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, CORRECTION_REQUESTED % {"number": number,
                                                          "previous": number - 1})  # fmt: skip
    return redirect("publications:regional", pk=report.pk)


@require_GET
@public_cacheable(max_age=MAX_AGE)
def open_data(request):
    """The open data: per round, CSV and Excel, with the data dictionary and the licence."""
    from .open_data import DATA_DICTIONARY, open_data_rounds

    context = {"rounds": open_data_rounds(), "dictionary": DATA_DICTIONARY.items()}
    return render(request, "publications/open_data.html", context)


def _open_data_file(round_: str, make):
    from .open_data import open_data_rounds

    if round_ not in open_data_rounds():
        raise Http404("No published assessment in this round")
    return make(round_).as_response()


@require_GET
@public_cacheable(max_age=MAX_AGE)
def open_data_csv(request, round):
    from .open_data import open_data_csv as make

    return _open_data_file(round, make)


@require_GET
@public_cacheable(max_age=MAX_AGE)
def open_data_xlsx(request, round):
    from .open_data import open_data_xlsx as make

    return _open_data_file(round, make)


@require_GET
@public_cacheable(max_age=MAX_AGE)
def open_data_dictionary(request):
    from .open_data import data_dictionary_csv

    return data_dictionary_csv().as_response()
