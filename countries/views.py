from django.shortcuts import get_object_or_404, render

from .forms import CountryFilterForm
from .models import Country


def country_list(request):
    form = CountryFilterForm(request.GET or None)
    countries = Country.objects.all()
    if form.is_valid():
        countries = form.filter(countries)
    countries = sorted(countries, key=lambda c: str(c.name))
    return render(request, "countries/list.html", {"form": form, "countries": countries})


def country_detail(request, iso3):
    country = get_object_or_404(Country, iso3=iso3.upper())
    return render(request, "countries/detail.html", {"country": country})
