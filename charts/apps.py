from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartsConfig(AppConfig):
    """Chart specs and their renderers (plotly figures, SVG, data tables): no models."""

    name = "charts"
    verbose_name = _("Charts")
