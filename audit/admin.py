from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: events are written by the application, and removed only when they are
    older than the retention period (manage.py prune_audit_events)."""

    list_display = ("created_at", "event", "username", "country", "ip", "path")
    list_filter = ("event", "level")
    search_fields = ("username", "ip", "path")
    list_select_related = ("country",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
