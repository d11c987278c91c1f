from babel import Locale
from django.db import models
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

M49_AMERICAS = "019"
LATIN_AMERICA_AND_CARIBBEAN = "419"

# CLDR calls "419" just "Latin America"; the UN M49 name includes the Caribbean.
M49_NAME_OVERRIDES = {LATIN_AMERICA_AND_CARIBBEAN: _("Latin America and the Caribbean")}


def m49_region_name(code: str, language: str | None = None) -> str:
    """The name of a UN M49 region (e.g. "002") in the given or active language.

    Names come from CLDR through Babel, so they are translated without a hand-typed list.
    """
    language = (language or get_language() or "en").split("-")[0]
    if code in M49_NAME_OVERRIDES:
        with override(language):
            return str(M49_NAME_OVERRIDES[code])
    return Locale.parse(language).territories.get(code, code)


class CountryQuerySet(models.QuerySet):
    def members(self):
        """Countries that are IGF members today."""
        return self.filter(membership_status=Country.MembershipStatus.MEMBER)


class Country(models.Model):
    """An IGF member (or former member) country.

    Names come translated from django-countries; M49 region names from Babel (CLDR).
    """

    class IgfRegion(models.TextChoices):
        AMERICAS = "americas", _("Americas")
        AFRICA = "africa", _("Africa")
        EURASIA = "eurasia", _("Eurasia")
        OCEANIA = "oceania", _("Oceania")

    class MembershipStatus(models.TextChoices):
        MEMBER = "member", _("Member")
        FORMER = "former", _("Former member")

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    code = CountryField(_("country"), unique=True)
    igf_region = models.CharField(_("IGF region"), max_length=20, choices=IgfRegion.choices)
    m49_region = models.CharField(_("UN M49 region"), max_length=3)
    m49_subregion = models.CharField(_("UN M49 sub-region"), max_length=3)
    m49_intermediate = models.CharField(_("UN M49 intermediate region"), max_length=3, blank=True)
    membership_status = models.CharField(
        _("membership"), max_length=10, choices=MembershipStatus.choices
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso3"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iso3__regex=r"^[A-Z]{3}$"), name="iso3_is_three_capitals"
            )
        ]

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("countries:detail", args=[self.iso3])

    @property
    def name(self):
        return self.code.name

    @property
    def analysis_region(self) -> str:
        """The M49 grouping analysts compare: Africa, Asia, Europe, Oceania, and the Americas
        split into Latin America and the Caribbean and Northern America."""
        return self.m49_subregion if self.m49_region == M49_AMERICAS else self.m49_region

    def analysis_region_name(self, language=None) -> str:
        return m49_region_name(self.analysis_region, language)

    def m49_region_name(self, language=None) -> str:
        return m49_region_name(self.m49_region, language)

    def m49_subregion_name(self, language=None) -> str:
        return m49_region_name(self.m49_subregion, language)
