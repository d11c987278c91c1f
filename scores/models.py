"""What analysts save for their comparisons."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryGroupQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The groups a user saved (none for an anonymous visitor)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class CountryGroup(models.Model):
    """An analyst's saved group of countries, offered as a grouping of the comparison."""

    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="country_groups",
        verbose_name=_("owner"),
    )
    countries = models.ManyToManyField(
        "countries.Country", related_name="country_groups", verbose_name=_("countries")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountryGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="unique_group_name_per_owner")
        ]

    def __str__(self):
        return self.name

    @property
    def grouping(self) -> str:
        """The comparison's grouping value for this group."""
        return f"group:{self.pk}"
