from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Framework, Indicator, Recommendation


def framework_list(request):
    frameworks = Framework.objects.all()
    if not (request.user.is_authenticated and request.user.is_staff):
        frameworks = frameworks.published()
    return render(request, "frameworks/list.html", {"frameworks": frameworks})


def framework_detail(request, slug, version):
    frameworks = Framework.objects.all()
    if not (request.user.is_authenticated and request.user.is_staff):
        frameworks = frameworks.published()
    framework = get_object_or_404(frameworks, slug=slug, version=version)
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
    context = {
        "framework": framework,
        "areas": areas,
        "levels": framework.levels.all(),
        "versions": Framework.objects.filter(slug=slug).only("slug", "version", "status"),
    }
    return render(request, "frameworks/detail.html", context)
