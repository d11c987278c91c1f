from django import template

from publications.models import ScheduledPublication

register = template.Library()


@register.simple_tag
def scheduled_publication(assessment):
    """The assessment's pending scheduled publication, or None. Pages that show it are the
    team's and IGF's own (the caller has checked who reads them)."""
    return ScheduledPublication.objects.pending().filter(assessment=assessment).first()
