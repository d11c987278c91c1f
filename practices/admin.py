from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseStudy


@admin.register(CaseStudy)
class CaseStudyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "country", "language", "status", "is_demo", "published_at"]
    list_filter = ["status", "language", "is_demo"]
    search_fields = ["title", "practice"]
    raw_id_fields = ["indicators", "recommendations", "original"]
