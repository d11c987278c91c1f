"""The project's URLs plus two yardsticks: a bare view (every timing is divided by it) and
the area page's floor (the same forms as the area page, rendered plainly)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from assessment.forms import ResponseForm
from assessment.models import Assessment
from assessment.views import _form_kwargs, _responses_with_tree
from config.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok")


def floor(request, pk, area_code):
    """The response forms of one area, as the area page loads them, rendered plainly: what
    any page showing those forms must cost at least."""
    assessment = Assessment.objects.select_related("framework", "country").get(pk=pk)
    responses = [
        r for r in _responses_with_tree(assessment)
        if r.indicator.recommendation.area.code == area_code
    ]  # fmt: skip
    kwargs = _form_kwargs(assessment)
    forms = [
        ResponseForm(initial=ResponseForm.initial_for(r), prefix=f"r{r.pk}", **kwargs)
        for r in responses
    ]
    return render(request, "bench/floor.html", {"forms": forms})


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/floor/<int:pk>/<str:area_code>/", floor),
    *project_urlpatterns,
]
