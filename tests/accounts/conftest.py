import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def committed(settings, django_capture_on_commit_callbacks):
    """committed(function, *args): call it as if its transaction committed, so that the
    e-mails it queued are sent (by the task worker, here run at once)."""
    settings.TASKS = IMMEDIATE

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
