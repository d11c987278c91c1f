"""The Atom feed of new publications: each published assessment and regional report."""

from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import RegionalReport
from .views import published_with_dates, regional_title

LATEST = 50
# Assessments published before the workflow recorded transitions have no date: last.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class PublicationsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Published results · IGF Mining Policy Framework, Pillar 6")

    def subtitle(self):
        return _("New published self-assessments and regional reports.")

    def link(self):
        return reverse("publications:landing")

    def items(self):
        assessments = list(published_with_dates()[:LATEST])
        reports = list(RegionalReport.objects.public().select_related("framework")[:LATEST])
        items = [*assessments, *reports]
        return sorted(items, key=lambda item: item.published_at or _EPOCH, reverse=True)[:LATEST]

    def item_title(self, item):
        if isinstance(item, RegionalReport):
            return regional_title(item)
        return _("%(country)s, round %(round)s") % {"country": item.country.name,
                                                    "round": item.round}  # fmt: skip

    def item_description(self, item):
        if isinstance(item, RegionalReport):
            return str(item.framework)
        return f"{item.framework.title} v{item.framework.version}"

    def item_link(self, item):
        if isinstance(item, RegionalReport):
            return reverse("publications:regional", args=[item.pk])
        return reverse("publications:assessment", args=[item.country.iso3, item.round])

    def item_pubdate(self, item):
        return item.published_at or _EPOCH

    def item_updateddate(self, item):
        return item.published_at or _EPOCH
