"""The reports draw on the same hand-checkable assessments as the scores' tests, and on the
demo data (`demo_reports`: its reports rendered once per test session)."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from accounts.models import User
from assessment.models import Assessment
from reports.pdf import report_pdf
from reports.report_context import country_report_context, regional_report_context
from scores.query import ComparisonQuery
from tests.scores.conftest import (  # noqa: F401 - fixtures and helpers shared with scores
    LEVELS_2024,
    Status,
    five_countries,
    fresh_caches,
    make_assessment,
)

GENERATED_AT = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def demo_reports(django_db_setup, django_db_blocker):
    """Senegal's 2024 report in French for its focal point, and the 2024 regional report for
    that focal point, from the demo data (loaded once, rolled back afterwards)."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        call_command("load_demo", stdout=StringIO())
        senegal = Assessment.objects.get(country__iso3="SEN", round="2024")
        focal = User.objects.get(username="sen-focal")
        country = country_report_context(senegal, user=focal, language="fr")
        query = ComparisonQuery(framework=senegal.framework, rounds=("2024",))
        regional = regional_report_context(query, user=focal, language="en")
        for context in (country, regional):  # the same footer whatever the day (snapshots)
            context["generated_at"] = GENERATED_AT
        country, regional = report_pdf("country", country), report_pdf("regional", regional)
        transaction.set_rollback(True)
    cache.clear()
    return {"country": country, "regional": regional}
