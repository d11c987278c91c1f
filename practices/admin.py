from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseStudy, JustificationTranslation


@admin.register(CaseStudy)
class CaseStudyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "country", "language", "status", "is_demo", "published_at"]
    list_filter = ["status", "language", "is_demo"]
    search_fields = ["title", "practice"]
    raw_id_fields = ["indicators", "recommendations", "original"]


@admin.register(JustificationTranslation)
class JustificationTranslationAdmin(SimpleHistoryAdmin):
    list_display = ["response", "language", "translated_by", "updated_at"]
    list_filter = ["language"]
    raw_id_fields = ["response"]
    readonly_fields = ["translated_by"]

    def save_model(self, request, obj, form, change):
        obj.translated_by = request.user
        super().save_model(request, obj, form, change)
