"""Publishing an assessment, however it happens (an analyst's button, a scheduled time),
freezes its first edition: the workflow records a Transition, and this app listens."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from assessment.models import Assessment, Transition

from .tasks import issue_editions


@receiver(post_save, sender=Transition, dispatch_uid="publications_first_edition")
def issue_first_edition_on_publication(sender, instance, created, **kwargs):
    if created and instance.to_status == Assessment.Status.PUBLISHED:
        assessment_id = instance.assessment_id
        transaction.on_commit(lambda: issue_editions.enqueue(number=1, assessment_id=assessment_id))
