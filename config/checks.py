"""System checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks

NO_SOURCE_CODE_URL = checks.Warning(
    "SOURCE_CODE_URL is not set: the footer's 'Source code' link leads to the About page only.",
    hint=(
        "The GNU AGPL asks that the users of this server be offered the source code of the "
        "version it runs: set SOURCE_CODE_URL to where it can be downloaded."
    ),
    id="config.W001",
)


@checks.register(checks.Tags.security, deploy=True)
def source_code_url_is_set(app_configs, **kwargs):
    return [] if settings.SOURCE_CODE_URL else [NO_SOURCE_CODE_URL]
