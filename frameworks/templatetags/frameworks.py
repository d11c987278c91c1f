"""The published frameworks, for the home page.

A template tag, so that the home page (config/views.py) shows the frameworks without config
importing the frameworks app: the apps import config (its shared spreadsheet, security and
form helpers), frameworks included, so config cannot import them.
"""

from django import template

from frameworks.models import Framework

register = template.Library()


@register.simple_tag
def published_frameworks():
    """The latest published version of each framework."""
    return Framework.objects.published().latest_versions()
