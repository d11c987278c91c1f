from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, ActionComment, Institution, Plan, PlannedGap, Problem, ProgressNote


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym"]


class ProblemInline(admin.TabularInline):
    model = Problem
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["assessment", "vision_language", "updated_at"]
    list_select_related = ["assessment__country"]
    inlines = [ProblemInline]


@admin.register(PlannedGap)
class PlannedGapAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "indicator", "selected_by", "created_at"]
    list_select_related = ["plan__assessment__country", "indicator"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["description", "problem", "impact", "start_semester", "status"]
    list_filter = ["status", "impact"]
    search_fields = ["description", "problem__text"]
    autocomplete_fields = ["stakeholders"]
    raw_id_fields = ["indicators", "government_recommendations"]


@admin.register(ProgressNote)
class ProgressNoteAdmin(SimpleHistoryAdmin):
    list_display = ["action", "date", "author"]


@admin.register(ActionComment)
class ActionCommentAdmin(SimpleHistoryAdmin):
    list_display = ["action", "author", "created_at"]
