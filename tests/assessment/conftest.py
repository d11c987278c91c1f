import pytest

from assessment.models import Assessment, Response
from assessment.services import assessment_create


@pytest.fixture
def draft_a(senegal, pillar6, focal_a) -> Assessment:
    """Senegal's 2026 draft."""
    return assessment_create(country=senegal, round="2026", framework=pillar6, user=focal_a)


@pytest.fixture
def draft_b(ecuador, pillar6, focal_b) -> Assessment:
    return assessment_create(country=ecuador, round="2026", framework=pillar6, user=focal_b)


def rate_everything(assessment: Assessment, level_code: int = 2) -> None:
    """Fill every response directly, as if the team had finished."""
    level = assessment.framework.levels.get(code=level_code)
    Response.objects.filter(assessment=assessment).update(level=level, justification="Done.")


def first_response(assessment: Assessment) -> Response:
    return assessment.responses.select_related("indicator").order_by(*Response._meta.ordering)[0]
