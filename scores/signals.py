"""Any write to the data behind comparisons makes every cached comparison stale.

Writes that send no signal (queryset.update(), bulk_create, bulk_update) must call
scores.comparison.invalidate() themselves.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from assessment.models import Assessment, Response
from countries.models import Country

from .comparison import invalidate
from .models import CountryGroup

WATCHED_MODELS = (Assessment, Response, CountryGroup, Country)


def invalidate_comparisons(sender, **kwargs):
    """Now, for this transaction's own reads; again on commit, so that a comparison another
    request computed from the data before the commit is not kept under the new version."""
    invalidate()
    transaction.on_commit(invalidate)


def invalidate_on_group_members(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        invalidate_comparisons(sender)


def connect() -> None:
    for model in WATCHED_MODELS:
        post_save.connect(
            invalidate_comparisons, sender=model, dispatch_uid=f"scores-save-{model._meta.label}"
        )
        post_delete.connect(
            invalidate_comparisons, sender=model, dispatch_uid=f"scores-delete-{model._meta.label}"
        )
    m2m_changed.connect(
        invalidate_on_group_members,
        sender=CountryGroup.countries.through,
        dispatch_uid="scores-group-members",
    )
