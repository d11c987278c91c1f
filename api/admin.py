from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators see every token and may revoke one; tokens are made by their owners
    (API tokens page) or with `manage.py create_api_token`, since the key is shown once."""

    list_display = ["name", "user", "key_start", "created_at", "expires_on", "last_used_at",
                    "revoked_at"]  # fmt: skip
    list_filter = ["revoked_at", "expires_on"]
    search_fields = ["name", "user__username", "key_start"]
    readonly_fields = ["user", "name", "key_start", "created_at", "expires_on", "last_used_at",
                       "revoked_at"]  # fmt: skip
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request, _("%(count)s tokens revoked.") % {"count": count}, messages.SUCCESS
        )
