from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from config.caching import public_cacheable

from .models import CrosswalkEntry, Framework, Indicator, Recommendation

# A version is never altered once loaded: a visitor may keep its page for a while.
PUBLIC_MAX_AGE = 600


@public_cacheable(max_age=PUBLIC_MAX_AGE)
def framework_list(request):
    frameworks = Framework.objects.shown_to(request.user)
    return render(request, "frameworks/list.html", {"frameworks": frameworks})


@public_cacheable(max_age=PUBLIC_MAX_AGE)
def framework_detail(request, slug, version):
    framework = get_object_or_404(
        Framework.objects.shown_to(request.user).select_related("previous_version"),
        slug=slug,
        version=version,
    )
    areas = framework.areas.prefetch_related(
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.prefetch_related(
                Prefetch(
                    "indicators",
                    queryset=Indicator.objects.prefetch_related("tags", "level_guidance"),
                )
            ),
        )
    )
    changes = framework.crosswalk_entries.exclude(kind=CrosswalkEntry.Kind.SAME)
    changes = changes.prefetch_related("previous_indicators", "indicators")
    context = {
        "framework": framework,
        "areas": areas,
        "levels": framework.levels.all(),
        "versions": Framework.objects.filter(slug=slug).only("slug", "version", "status"),
        "changes": changes if framework.previous_version_id else [],
        "comparable": framework.crosswalk_entries.filter(
            kind__in=CrosswalkEntry.COMPARABLE_KINDS
        ).count(),
        "indicator_count": Indicator.objects.filter(
            recommendation__area__framework=framework
        ).count(),
    }
    return render(request, "frameworks/detail.html", context)
