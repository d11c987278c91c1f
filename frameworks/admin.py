from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Area, Framework, Indicator, Recommendation, ScaleLevel


class ScaleLevelInline(TranslationTabularInline):
    model = ScaleLevel
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(TranslationAdmin):
    list_display = ("title", "slug", "version", "status", "created_at")
    list_filter = ("slug", "status")
    readonly_fields = ("content_hash", "created_at")
    inlines = [ScaleLevelInline]


@admin.register(Area)
class AreaAdmin(TranslationAdmin):
    list_display = ("code", "title", "framework")
    list_filter = ("framework",)


@admin.register(Recommendation)
class RecommendationAdmin(TranslationAdmin):
    list_display = ("code", "title", "area")
    list_filter = ("area__framework",)


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ("code", "statement", "recommendation")
    list_filter = ("recommendation__area__framework",)
    search_fields = ("code", "statement")
