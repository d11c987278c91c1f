from collections import defaultdict

from django.shortcuts import get_object_or_404, render

from .forms import CountryFilterForm
from .models import Country


def _readable_assessments(user):
    """The assessments `user` may read, through the one visibility policy on the assessment
    model. Reached by the model's relation to Country: the assessment app depends on this
    one, not the other way round."""
    return Country.assessments.rel.related_model.objects.readable_by(user)


def country_list(request):
    form = CountryFilterForm(request.GET or None)
    countries = Country.objects.all()
    if form.is_valid():
        countries = form.filter(countries)
    countries = sorted(countries, key=lambda c: str(c.name))
    by_country = defaultdict(list)
    for assessment in (
        _readable_assessments(request.user).select_related("framework").order_by("-round")
    ):
        by_country[assessment.country_id].append(assessment)
    for country in countries:
        country.visible_assessments = by_country[country.pk]
    return render(request, "countries/list.html", {"form": form, "countries": countries})


def country_detail(request, iso3):
    country = get_object_or_404(Country, iso3=iso3.upper())
    assessments = country.assessments.readable_by(request.user).select_related("framework")
    return render(
        request,
        "countries/detail.html",
        {"country": country, "assessments": assessments.order_by("-round")},
    )
