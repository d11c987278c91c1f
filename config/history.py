"""Restoring a backup (`manage.py loaddata`) must not write history: the dump holds it.

django-simple-history skips raw saves, but it records a new version of an object when
loaddata then sets the object's many-to-many fields (an action's stakeholders and
indicators, a case study's indicators and recommendations), which would add a spurious
version of each such object to every restore. So every raw save, of any model, is marked to
be left out of history; the flag means nothing to a model without history.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save)
def skip_history_of_loaded_objects(sender, instance, raw=False, **kwargs):
    if raw:
        instance.skip_history_when_saving = True
