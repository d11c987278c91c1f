from django.contrib import admin

from .models import Country


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = (
        "iso3",
        "name",
        "igf_region",
        "m49_region",
        "m49_subregion",
        "membership_status",
    )
    list_filter = ("igf_region", "m49_region", "membership_status")
    search_fields = ("iso3",)
