from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project package as an app, for its management commands (`manage.py doctor`)."""

    name = "config"
    verbose_name = "Configuration"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            history,  # noqa: F401  (no history written by a restore)
        )
