from collections import defaultdict

from django.shortcuts import get_object_or_404, render

from assessment.access import readable_assessments

from .forms import CountryFilterForm
from .models import Country


def country_list(request):
    form = CountryFilterForm(request.GET or None)
    countries = Country.objects.all()
    if form.is_valid():
        countries = form.filter(countries)
    countries = sorted(countries, key=lambda c: str(c.name))
    by_country = defaultdict(list)
    for assessment in readable_assessments(request.user).order_by("-round"):
        by_country[assessment.country_id].append(assessment)
    for country in countries:
        country.visible_assessments = by_country[country.pk]
    return render(request, "countries/list.html", {"form": form, "countries": countries})


def country_detail(request, iso3):
    country = get_object_or_404(Country, iso3=iso3.upper())
    assessments = readable_assessments(request.user).filter(country=country).order_by("-round")
    return render(
        request, "countries/detail.html", {"country": country, "assessments": assessments}
    )
