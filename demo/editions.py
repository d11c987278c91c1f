"""The demo's frozen PDF editions: every published demo assessment gets its first edition.

Publishing through the workflow queues it already (publications/signals.py); a demo loaded
before this existed, or whose editions were deleted, gets it queued here. The task worker
(`manage.py db_worker`, started by `make run`) writes the PDFs in the background.
"""

from django.db import transaction

from assessment.models import Assessment
from publications.tasks import issue_editions


def queue_demo_editions(*, except_ids=()) -> int:
    """Queue edition 1 of every published demo assessment that has none; how many."""
    missing = Assessment.objects.published().filter(is_demo=True, editions__isnull=True)
    ids = [pk for pk in missing.values_list("pk", flat=True) if pk not in set(except_ids)]
    for pk in ids:
        transaction.on_commit(lambda pk=pk: issue_editions.enqueue(number=1, assessment_id=pk))
    return len(ids)
