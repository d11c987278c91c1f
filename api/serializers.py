"""What the API answers, field by field: these serializers render the responses and, through
drf-spectacular, describe them in the OpenAPI schema. Texts are in the active language
(the views activate the one asked for). Percentages are floats from 0 to 100, unrounded;
null means "no figure": nothing rated, or an average withheld (see `suppressed`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from assessment.models import AsmProfile, Assessment
from assessment.scoring import RatingStatus
from countries.models import Country
from frameworks.models import (
    Area,
    CrosswalkEntry,
    Framework,
    Indicator,
    Recommendation,
    ScaleLevel,
)

PERCENT = {"allow_null": True, "min_value": 0, "max_value": 100}
CHANGE = {"allow_null": True, "min_value": -100, "max_value": 100}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong."))


class ParameterErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Names the invalid query parameters."))
    parameters = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Parameter name -> what is wrong with its value."),
    )


# Frameworks.


class ScaleLevelSerializer(serializers.ModelSerializer):
    percentage = serializers.FloatField(min_value=0, max_value=100)

    class Meta:
        model = ScaleLevel
        fields = ["code", "percentage", "label", "description"]


class LevelGuidanceSerializer(serializers.Serializer):
    level = serializers.IntegerField(source="level_code")
    text = serializers.CharField()


class IndicatorSerializer(serializers.ModelSerializer):
    weight = serializers.FloatField()
    tags = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    level_guidance = LevelGuidanceSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["code", "statement", "guidance", "weight", "tags", "level_guidance"]


class RecommendationSerializer(serializers.ModelSerializer):
    weight = serializers.FloatField()
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["code", "title", "description", "source", "weight", "indicators"]


class AreaSerializer(serializers.ModelSerializer):
    weight = serializers.FloatField()
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = Area
        fields = ["code", "title", "description", "weight", "recommendations"]


SCORING_METHOD_HELP = _(
    "How indicator scores roll up: nested_means (each level the mean of the level below), "
    "recommendation_mean (areas and pillar: the mean of their recommendations) or "
    "indicator_mean (areas and pillar: the mean of their indicators)."
)


class FrameworkSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("This version's tree in the API."))
    scoring_method = serializers.ChoiceField(
        choices=Framework.ScoringMethod.values, help_text=SCORING_METHOD_HELP
    )
    previous_version = serializers.IntegerField(
        source="previous_version.version",
        allow_null=True,
        default=None,
        help_text=_("The version this version's crosswalk maps from, if any."),
    )

    class Meta:
        model = Framework
        fields = [
            "slug", "version", "title", "description", "status", "allows_not_applicable",
            "scoring_method", "previous_version", "url",
        ]  # fmt: skip

    def get_url(self, framework) -> str:
        return reverse("api:framework-detail", args=[framework.slug, framework.version])


class CrosswalkEntrySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CrosswalkEntry.Kind.values)
    previous = serializers.SlugRelatedField(
        source="previous_indicators",
        slug_field="code",
        many=True,
        read_only=True,
        help_text=_("Indicator codes of the previous version."),
    )
    current = serializers.SlugRelatedField(
        source="indicators",
        slug_field="code",
        many=True,
        read_only=True,
        help_text=_("Indicator codes of this version."),
    )
    comparable = serializers.BooleanField(
        source="is_comparable",
        help_text=_("Same or reworded: ratings of the two versions may be compared."),
    )

    class Meta:
        model = CrosswalkEntry
        fields = ["kind", "previous", "current", "comparable", "note"]


class FrameworkDetailSerializer(FrameworkSerializer):
    scale = ScaleLevelSerializer(source="levels", many=True, read_only=True)
    areas = AreaSerializer(many=True, read_only=True)
    crosswalk = CrosswalkEntrySerializer(
        source="crosswalk_entries",
        many=True,
        read_only=True,
        help_text=_("What became of each indicator of the previous version (empty for none)."),
    )

    class Meta(FrameworkSerializer.Meta):
        fields = [*FrameworkSerializer.Meta.fields, "scale", "areas", "crosswalk"]


# Countries.


class CountrySerializer(serializers.ModelSerializer):
    code = serializers.CharField(help_text=_("ISO 3166 alpha-2 code."))
    name = serializers.CharField()
    igf_region_name = serializers.CharField(source="get_igf_region_display")
    m49_region_name = serializers.CharField()
    m49_subregion_name = serializers.CharField()
    analysis_region = serializers.CharField(
        help_text=_(
            "The M49 region analysts compare by (grouping m49): the Americas split into "
            "Latin America and the Caribbean (419) and Northern America (021)."
        )
    )
    analysis_region_name = serializers.CharField()
    membership_status_name = serializers.CharField(source="get_membership_status_display")

    class Meta:
        model = Country
        fields = [
            "iso3", "code", "name", "igf_region", "igf_region_name", "m49_region",
            "m49_region_name", "m49_subregion", "m49_subregion_name", "analysis_region",
            "analysis_region_name", "membership_status", "membership_status_name",
        ]  # fmt: skip


# Assessments and their scores.


class AssessmentSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso3", help_text=_("ISO3 code."))
    country_name = serializers.CharField(source="country.name")
    status_label = serializers.CharField(source="get_status_display")
    is_draft = serializers.SerializerMethodField(
        help_text=_("Unfinished (draft, submitted, in review): its figures may still change.")
    )
    framework = serializers.CharField(source="framework.slug")
    framework_version = serializers.IntegerField(source="framework.version")
    scores_url = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id", "country", "country_name", "round", "status", "status_label", "is_draft",
            "framework", "framework_version", "scores_url",
        ]  # fmt: skip

    def get_is_draft(self, assessment) -> bool:
        return not assessment.is_countable

    def get_scores_url(self, assessment) -> str:
        return reverse("api:assessment-scores", args=[assessment.pk])


class CountsFields(serializers.Serializer):
    rated = serializers.IntegerField(min_value=0)
    not_applicable = serializers.IntegerField(min_value=0)
    missing = serializers.IntegerField(min_value=0, help_text=_("Unrated: never counted as 0."))


class ScoreField(serializers.Serializer):
    score = serializers.FloatField(**PERCENT)


class ComparedFields(serializers.Serializer):
    compared_on = serializers.IntegerField(
        min_value=0,
        help_text=_(
            "Indicators rated in both rounds: the previous and compared scores rest on them."
        ),
    )
    compared_score = serializers.FloatField(
        **PERCENT, help_text=_("This round's score on the indicators rated in both rounds.")
    )
    previous_score = serializers.FloatField(
        **PERCENT, help_text=_("The previous round's score on the indicators rated in both.")
    )
    change = serializers.FloatField(
        **CHANGE, help_text=_("Percentage points: compared_score minus previous_score.")
    )


class RegionFields(serializers.Serializer):
    region_mean = serializers.FloatField(**PERCENT)
    region_n = serializers.IntegerField(min_value=0, help_text=_("Countries behind region_mean."))
    region_suppressed = serializers.BooleanField(
        help_text=_("True when region_mean is withheld: too few countries behind it.")
    )


class PillarScoreSerializer(ComparedFields, RegionFields, ScoreField, CountsFields):
    comparable = serializers.IntegerField(
        min_value=0,
        help_text=_(
            "Indicators that could be compared with the previous round at all: fewer than "
            "the framework's when the previous round used an earlier version."
        ),
    )
    is_complete = serializers.BooleanField(
        help_text=_("Every indicator is answered; otherwise the score is provisional.")
    )
    change_is_partial = serializers.BooleanField(
        help_text=_(
            "The change rests on part of the framework: an indicator is unanswered in either "
            "round, or answered in one round and not the other."
        )
    )


class AreaFields(serializers.Serializer):
    area = serializers.CharField(source="area_code")
    title = serializers.CharField()


class AreaScoreSerializer(AreaFields, ComparedFields, RegionFields, ScoreField, CountsFields):
    pass


class RecommendationFields(serializers.Serializer):
    recommendation = serializers.CharField(source="recommendation_code")
    area = serializers.CharField(source="area_code")
    title = serializers.CharField()
    score = serializers.FloatField(**PERCENT)


class RecommendationScoreSerializer(ComparedFields, RecommendationFields, CountsFields):
    pass


class IndicatorScoreSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator_code")
    recommendation = serializers.CharField(source="recommendation_code")
    area = serializers.CharField(source="area_code")
    statement = serializers.CharField()
    status = serializers.ChoiceField(choices=[s.value for s in RatingStatus])
    level = serializers.IntegerField(allow_null=True, help_text=_("Code on the scale."))
    level_label = serializers.CharField(allow_blank=True)
    score = serializers.FloatField(**PERCENT)
    target = serializers.IntegerField(allow_null=True, help_text=_("Target level, if set."))
    gap = serializers.FloatField(
        allow_null=True, help_text=_("Percentage points from the level to the target.")
    )
    previous_level = serializers.IntegerField(allow_null=True)
    previous_score = serializers.FloatField(**PERCENT)
    level_change = serializers.IntegerField(
        allow_null=True, help_text=_("Steps on the scale since the previous round.")
    )


class HighlightSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    score = serializers.FloatField(**PERCENT)


class TrendAreaSerializer(serializers.Serializer):
    area = serializers.CharField()
    score = serializers.FloatField(**PERCENT)


class TrendRoundSerializer(serializers.Serializer):
    round = serializers.CharField()
    version = serializers.IntegerField(help_text=_("The framework version the round used."))
    is_draft = serializers.BooleanField()
    rated = serializers.IntegerField(
        min_value=0, help_text=_("Indicators rated in that round among those compared.")
    )
    pillar = serializers.FloatField(**PERCENT)
    areas = TrendAreaSerializer(many=True)


class TrendSerializer(serializers.Serializer):
    compared_on = serializers.IntegerField(
        min_value=0,
        help_text=_(
            "Indicators of this version that every round shown can be compared on: all of "
            "them unless the rounds used versions linked by a crosswalk."
        ),
    )
    rounds = TrendRoundSerializer(many=True, help_text=_("The rounds you may see, oldest first."))


class ProfileSerializer(serializers.ModelSerializer):
    workforce_men = serializers.IntegerField(allow_null=True, read_only=True)
    formalised_share = serializers.FloatField(allow_null=True, min_value=0, max_value=100)
    minamata_status_label = serializers.CharField(source="get_minamata_status_display")
    eiti_status_label = serializers.CharField(source="get_eiti_status_display")

    class Meta:
        model = AsmProfile
        fields = [
            name
            for group, names in AsmProfile.GROUPS.items()
            for name in (*names, f"{group}_source", f"{group}_year")
        ] + ["workforce_men", "minamata_status_label", "eiti_status_label"]


class ScoresSerializer(serializers.Serializer):
    assessment = AssessmentSerializer()
    scoring_method = serializers.ChoiceField(
        choices=Framework.ScoringMethod.values, help_text=SCORING_METHOD_HELP
    )
    region = serializers.CharField(help_text=_("The country's M49 analysis region code."))
    region_name = serializers.CharField()
    previous_round = serializers.CharField(
        allow_null=True,
        help_text=_("The country's latest countable round before this one that you may see."),
    )
    previous_version = serializers.IntegerField(
        allow_null=True, help_text=_("The framework version the previous round used.")
    )
    pillar = PillarScoreSerializer()
    areas = AreaScoreSerializer(many=True)
    recommendations = RecommendationScoreSerializer(many=True)
    indicators = IndicatorScoreSerializer(many=True)
    strengths = HighlightSerializer(many=True, help_text=_("The highest-scoring indicators."))
    gaps = HighlightSerializer(many=True, help_text=_("The lowest-scoring indicators."))
    trend = TrendSerializer()
    profile = ProfileSerializer(
        allow_null=True, help_text=_("The round's ASM profile; null when not filled in.")
    )


# The comparison.


class GroupFigureSerializer(serializers.Serializer):
    mean = serializers.FloatField(
        **PERCENT, help_text=_("Average implementation % over the group's countries.")
    )
    n_countries = serializers.IntegerField(min_value=0, help_text=_("Countries behind the mean."))
    suppressed = serializers.BooleanField(
        help_text=_("True when the mean is withheld: fewer than min_group_size countries.")
    )


class GroupAreaFields(serializers.Serializer):
    area = serializers.CharField()
    title = serializers.CharField()


class GroupAreaSerializer(GroupAreaFields, GroupFigureSerializer):
    pass


class ComparisonGroupSerializer(serializers.Serializer):
    group = serializers.CharField(help_text=_("Region code (M49 or IGF) or group:<id>."))
    name = serializers.CharField()
    round = serializers.CharField()
    n_drafts = serializers.IntegerField(
        min_value=0, help_text=_("Unfinished assessments counted (include_drafts).")
    )
    pillar = GroupFigureSerializer()
    areas = GroupAreaSerializer(many=True)


class ComparisonSerializer(serializers.Serializer):
    framework = serializers.CharField(help_text=_("The framework's slug."))
    version = serializers.IntegerField()
    rounds = serializers.ListField(
        child=serializers.CharField(), help_text=_("Rounds with data in the comparison.")
    )
    grouping = serializers.CharField()
    grouping_name = serializers.CharField()
    include_drafts = serializers.BooleanField()
    profile = serializers.ListField(
        child=serializers.CharField(), help_text=_("The facts of the ASM profile asked for.")
    )
    scoring_method = serializers.ChoiceField(
        choices=Framework.ScoringMethod.values, help_text=SCORING_METHOD_HELP
    )
    min_group_size = serializers.IntegerField(
        help_text=_("Means of fewer countries are withheld, except from IGF analysts.")
    )
    groups = ComparisonGroupSerializer(many=True)


class OpenDataRowSerializer(serializers.Serializer):
    """One figure of a published assessment: the open data's row (publications/open_data.py)."""

    iso3 = serializers.CharField()
    country = serializers.CharField()
    m49_region = serializers.CharField()
    igf_region = serializers.CharField()
    round = serializers.CharField()
    framework = serializers.CharField()
    framework_version = serializers.IntegerField()
    level = serializers.ChoiceField(choices=["pillar", "area", "recommendation", "indicator"])
    code = serializers.CharField(allow_blank=True)
    title = serializers.CharField()
    rating = serializers.IntegerField(allow_null=True)
    rating_label = serializers.CharField(allow_blank=True)
    percent = serializers.FloatField(allow_null=True)
    published_on = serializers.CharField(allow_blank=True)
    licence = serializers.CharField()


class OpenDataSerializer(serializers.Serializer):
    round = serializers.CharField()
    licence = serializers.CharField()
    licence_url = serializers.URLField()
    data_dictionary = serializers.DictField(child=serializers.CharField())
    rows = OpenDataRowSerializer(many=True)
