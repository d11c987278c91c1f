"""The API's query parameters: serializers that validate them and, exploded into query
parameters by drf-spectacular, describe them in the OpenAPI schema.

Validation is exactly what the schema says (whole-string patterns, `true`/`false` only), so
that a value the schema accepts is accepted here and one it refuses gets a 400 naming the
parameter: never a 500.
"""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import APIException

from assessment.models import Assessment
from frameworks.models import Framework
from scores.query import (
    GROUPINGS,
    PROFILE_FACTS,
    SAVED_GROUP_PREFIX,
    InvalidComparison,
    comparison_query,
    default_framework,
)

from .permissions import frameworks_for, saved_group_for_user

ROUND_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z ._-]{0,19}$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,80}$"
ISO3_PATTERN = r"^[A-Za-z]{3}$"
SAVED_GROUP_PATTERN = r"^group:[1-9][0-9]{0,17}$"
GROUPING_PATTERN = rf"^({'|'.join(GROUPINGS)}|{SAVED_GROUP_PATTERN[1:-1]})$"
MAX_VERSION = 2_147_483_647

INVALID_PARAMETERS = _("Invalid query parameter(s): %(names)s.")
DOES_NOT_MATCH = _("“%(value)s” is not valid here: expected %(expected)s.")
NOT_A_BOOLEAN = _("Use true or false.")
NOT_A_VERSION = _("“%(value)s” is not a version number such as 1.")
UNKNOWN_FRAMEWORK = _("There is no framework “%(slug)s” you may read.")
UNKNOWN_VERSION = _("Framework “%(slug)s” has no version %(version)s you may read.")
UNKNOWN_GROUP = _("You have no saved group of countries number %(pk)s.")


class InvalidParameters(APIException):
    """400 with a message naming each bad parameter and the reasons, per parameter."""

    status_code = 400
    default_code = "invalid_parameters"

    def __init__(self, errors: dict[str, list[str]]):
        names = ", ".join(errors)
        super().__init__(
            {"detail": str(INVALID_PARAMETERS % {"names": names}), "parameters": errors}
        )


class PatternField(serializers.CharField):
    """A string that must match `pattern` as a whole (Python's `$` lets a newline through)."""

    def __init__(self, pattern: str, expected: str, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        self.pattern, self.expected = pattern, expected

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not re.fullmatch(self.pattern.removeprefix("^").removesuffix("$"), value):
            self.fail_with(value)
        return value

    def fail_with(self, value):
        raise serializers.ValidationError(
            str(DOES_NOT_MATCH % {"value": value[:40], "expected": self.expected})
        )


@extend_schema_field(
    {"type": "string", "pattern": ROUND_PATTERN, "maxLength": 20, "example": "2024"}
)
class RoundField(PatternField):
    def __init__(self, **kwargs):
        super().__init__(ROUND_PATTERN, _("a round such as 2024"), **kwargs)


@extend_schema_field(
    {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80, "example": "mpf-pillar-6"}
)
class SlugField(PatternField):
    def __init__(self, **kwargs):
        super().__init__(SLUG_PATTERN, _("a framework slug such as mpf-pillar-6"), **kwargs)


@extend_schema_field({"type": "string", "pattern": ISO3_PATTERN, "example": "SEN"})
class Iso3Field(PatternField):
    def __init__(self, **kwargs):
        super().__init__(ISO3_PATTERN, _("an ISO 3166 alpha-3 code such as SEN"), **kwargs)


@extend_schema_field(
    {
        "type": "string",
        "anyOf": [{"enum": list(GROUPINGS)}, {"pattern": SAVED_GROUP_PATTERN}],
        "default": "m49",
        "example": "m49",
    }
)
class GroupingField(PatternField):
    def __init__(self, **kwargs):
        expected = _("igf, m49, subregion or group:<number of a group you saved>")
        super().__init__(GROUPING_PATTERN, expected, **kwargs)


@extend_schema_field({"type": "boolean", "default": False})
class StrictBooleanField(serializers.Field):
    """`true` or `false`, as OpenAPI query booleans are written; absent means false."""

    def to_internal_value(self, data):
        if data not in ("true", "false"):
            raise serializers.ValidationError(str(NOT_A_BOOLEAN))
        return data == "true"

    def to_representation(self, value):
        return bool(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_VERSION, "example": 1})
class VersionField(serializers.Field):
    """A version number written in plain digits (no sign, no decimals, no spaces)."""

    def to_internal_value(self, data):
        if not (isinstance(data, str) and re.fullmatch(r"[1-9][0-9]{0,9}", data)):
            raise serializers.ValidationError(str(NOT_A_VERSION % {"value": str(data)[:40]}))
        if int(data) > MAX_VERSION:
            raise serializers.ValidationError(str(NOT_A_VERSION % {"value": data}))
        return int(data)

    def to_representation(self, value):
        return value


class LanguageParameters(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text=_(
            "Language of titles, names and labels. Without it the Accept-Language header "
            "decides, else English."
        ),
    )


def validated(serializer_class, request) -> dict:
    """The request's query parameters checked by `serializer_class`, or InvalidParameters.

    A plain dict, not the QueryDict, goes to the serializer: DRF reads an empty value in a
    QueryDict as "not given", where the schema calls it invalid (`?lang=` is a 400).
    """
    params = request.query_params
    lists = {name for name, field in serializer_class().fields.items() if _is_list(field)}
    data = {name: params.getlist(name) if name in lists else params[name] for name in params}
    serializer = serializer_class(data=data, context={"request": request})
    if not serializer.is_valid():
        raise InvalidParameters(_flat(serializer.errors))
    return serializer.validated_data


def _is_list(field) -> bool:
    return isinstance(field, serializers.ListField)


def _flat(errors: dict) -> dict[str, list[str]]:
    """{"status": {"1": ["…"]}} (a list's item errors) becomes {"status": ["…"]}."""
    flat = {}
    for name, messages in errors.items():
        if isinstance(messages, dict):
            messages = [m for item in messages.values() for m in item]
        flat[name] = [str(message) for message in messages]
    return flat


class AssessmentFilters(LanguageParameters):
    country = Iso3Field(required=False, help_text=_("Only this country's assessments."))
    round = RoundField(required=False, help_text=_("Only this round, e.g. 2024."))
    framework = SlugField(required=False, help_text=_("Only assessments of this framework."))
    status = serializers.ListField(
        child=serializers.ChoiceField(choices=Assessment.Status.choices),
        required=False,
        help_text=_(
            "Only these statuses (repeat the parameter for several). Naming an unfinished "
            "status (draft, submitted, in_review) lists those you may read."
        ),
    )
    include_drafts = StrictBooleanField(
        required=False,
        help_text=_(
            "Also list unfinished assessments (draft, submitted, in review) that you may "
            "read: your own country's, or every country's for IGF analysts."
        ),
    )


class ComparisonParameters(LanguageParameters):
    framework = SlugField(help_text=_("The framework compared, e.g. mpf-pillar-6."))
    version = VersionField(
        required=False,
        help_text=_("The framework's version; the newest published one when left out."),
    )
    round = serializers.ListField(
        child=RoundField(),
        required=False,
        help_text=_("Rounds compared (repeat the parameter for several); every round if none."),
    )
    group = GroupingField(
        required=False,
        default="m49",
        help_text=_(
            "How countries are grouped: m49 (UN M49 regions, the Americas split into Latin "
            "America and the Caribbean and Northern America), subregion (UN M49 "
            "sub-regions), igf (IGF regions), or group:<id> for a group of countries you "
            "saved."
        ),
    )
    include_drafts = StrictBooleanField(
        required=False,
        help_text=_(
            "IGF analysts only: count unfinished assessments too (labelled in n_drafts). "
            "Ignored for everybody else."
        ),
    )
    profile = serializers.ListField(
        child=serializers.ChoiceField(choices=list(PROFILE_FACTS.items())),
        required=False,
        help_text=_(
            "Only the assessments whose ASM profile states this fact (repeat the parameter "
            "for several): national_action_plan, minamata_notification, minamata_party, eiti."
        ),
    )

    def validate(self, data):
        user = self.context["request"].user
        framework = _framework(user, data["framework"], data.get("version"))
        grouping = data.get("group", "m49")
        data["grouping_name"] = str(GROUPINGS.get(grouping, ""))
        if grouping.startswith(SAVED_GROUP_PREFIX):
            pk = int(grouping.removeprefix(SAVED_GROUP_PREFIX))
            group = saved_group_for_user(user, pk)
            if group is None:
                raise serializers.ValidationError({"group": str(UNKNOWN_GROUP % {"pk": pk})})
            data["grouping_name"] = group.name
        try:
            data["query"] = comparison_query(
                user=user,
                framework=framework,
                rounds=tuple(data.get("round") or ()),
                grouping=grouping,
                include_drafts=bool(data.get("include_drafts")),
                profile=tuple(data.get("profile") or ()),
            )
        except InvalidComparison as invalid:
            names = {"grouping": "group"}
            raise serializers.ValidationError(
                {names.get(name, name): messages for name, messages in invalid.errors.items()}
            ) from invalid
        return data


def _framework(user, slug: str, version: int | None) -> Framework:
    versions = frameworks_for(user).filter(slug=slug)
    if version is not None:
        framework = versions.filter(version=version).first()
        if framework is None:
            message = UNKNOWN_VERSION % {"slug": slug, "version": version}
            raise serializers.ValidationError({"version": str(message)})
        return framework
    framework = default_framework(slug)
    framework = framework or versions.order_by("-version").first()
    if framework is None:
        raise serializers.ValidationError({"framework": str(UNKNOWN_FRAMEWORK % {"slug": slug})})
    return framework
