from modeltranslation.translator import TranslationOptions, register

from .models import (
    Area,
    CrosswalkEntry,
    Framework,
    Indicator,
    LevelGuidance,
    Recommendation,
    ScaleLevel,
    Tag,
)


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ScaleLevel)
class ScaleLevelTranslation(TranslationOptions):
    fields = ("label", "description")


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("label",)


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "description", "source")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("statement", "guidance")


@register(LevelGuidance)
class LevelGuidanceTranslation(TranslationOptions):
    fields = ("text",)


@register(CrosswalkEntry)
class CrosswalkEntryTranslation(TranslationOptions):
    fields = ("note",)
