"""The demo queues the first PDF edition of each published demo assessment that has none."""

import pytest
from django_tasks import default_task_backend

from assessment.models import Assessment
from demo.editions import queue_demo_editions
from tests.scores.conftest import LEVELS_2024, Status, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_each_published_demo_assessment_without_editions_is_queued_once(
    pillar6, django_capture_on_commit_callbacks
):
    published = make_assessment(pillar6, "SEN", "2024", Status.PUBLISHED, LEVELS_2024["SEN"])
    make_assessment(pillar6, "RWA", "2024", Status.VALIDATED, LEVELS_2024["RWA"])
    Assessment.objects.update(is_demo=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_demo_editions() == 1
    queued = [r for r in default_task_backend.results if r.task.name == "issue_editions"]
    assert [r.kwargs for r in queued] == [{"number": 1, "assessment_id": published.pk}]
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_demo_editions(except_ids=[published.pk]) == 0
