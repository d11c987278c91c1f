"""Restoring a backup (`manage.py loaddata`) must not write history: the dump holds it.

django-simple-history skips raw saves, but it records a new version of an Action when
loaddata then sets the action's many-to-many fields (stakeholders, indicators,
recommendations), which would add a spurious version of every action to each restore.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Action


@receiver(pre_save, sender=Action)
def skip_history_of_loaded_actions(sender, instance, raw=False, **kwargs):
    if raw:
        instance.skip_history_when_saving = True
