from django.contrib import admin

from .models import Edition, RegionalReport, ScheduledPublication


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Read only: an edition never changes; corrections are issued from the editions page."""

    list_display = ["filename", "number", "language", "issued_at", "superseded_at"]
    list_filter = ["language", "superseded_at"]
    search_fields = ["filename", "sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegionalReport)
class RegionalReportAdmin(admin.ModelAdmin):
    list_display = ["framework", "round", "grouping", "published_at"]
    readonly_fields = ["published_at", "created_by", "created_at"]


@admin.register(ScheduledPublication)
class ScheduledPublicationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publish_at", "done_at", "cancelled_at"]
    readonly_fields = ["done_at", "cancelled_at", "cancelled_by", "created_by", "created_at"]
