"""Framework files (YAML or Excel) to a new framework version in the database, and back.

A file is parsed (formats.py; workbook.py for Excel) into a plain document plus the place of
each node, checked here as a whole so that every problem is reported at once, and only then
loaded: as a new version, unless a version with the same content exists. Existing versions are never changed, so an
assessment always points at exactly what it was rated against.
"""

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max

from .crosswalk import PreviousCodes, check_crosswalk
from .formats import (
    DUPLICATE_KEY,
    EXCEL_SUFFIX,
    FILE_NOT_FOUND,
    REQUIRED,
    UNKNOWN_KEY,
    UNKNOWN_LANGUAGE,
    UNSUPPORTED_FILE_TYPE,
    YAML_SUFFIXES,
    FrameworkFileError,
    NodePath,
    ParsedFile,
    Place,
    Problem,
    did_you_mean,
    either,
    framework_document,
    languages,
    parse_framework_file,
    plain_number,
    write_yaml,
)
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
from .workbook import write_workbook

__all__ = [  # for other code; the tests also import the message constants
    "DUPLICATE_KEY",
    "FILE_NOT_FOUND",
    "REQUIRED",
    "UNKNOWN_KEY",
    "UNKNOWN_LANGUAGE",
    "UNSUPPORTED_FILE_TYPE",
    "FrameworkFileError",
    "LoadResult",
    "ParsedFile",
    "Place",
    "Problem",
    "content_hash",
    "export_framework",
    "framework_document",
    "load_framework_document",
    "load_framework_file",
    "load_framework_files",
    "read_framework_file",
    "validate_framework",
]

EMPTY_FILE = "the file is empty"
NOT_A_MAPPING = "must be a mapping of keys to values"
NOT_A_LIST = "must be a list"
NOT_TEXT = "must be text"
NOT_A_TRANSLATED_TEXT = 'must be a mapping of language to text, like {{en: "...", fr: "..."}}'
CODE_NOT_TEXT = 'must be text: write it in quotes, "{value}"'
ENGLISH_REQUIRED = "the English text (en) is required"
TOO_LONG = "is {length} characters long; at most {limit} are allowed"
BAD_SLUG = '"{value}" is not a valid slug: use letters, digits, "-" and "_" only'
BAD_STATUS = '"{value}" is not a status: use draft or published'
BAD_SCORING_METHOD = '"{value}" is not a scoring method: use {methods}'
NOT_BOOLEAN = "must be true or false"
NOT_A_NUMBER = '"{value}" is not a number'
NOT_A_LEVEL_CODE = '"{value}" is not a level code: use a whole number from 0 to {maximum}'
TOO_MANY_DECIMALS = "{value} has more than {places} decimals"
WEIGHT_OUT_OF_RANGE = "must be more than 0 and at most {maximum}, not {value}"
PERCENTAGE_OUT_OF_RANGE = "must be between 0 and 100, not {value}"
PERCENTAGE_NOT_INCREASING = (
    "{value} is not more than {previous}, the percentage of level {previous_code}: "
    "percentages must increase with the level code"
)
AT_LEAST_ONE = "at least one {item} is required"
DUPLICATE_CODE = '"{code}" is used twice'
TAG_LISTED_TWICE = 'tag "{code}" is listed twice'
UNKNOWN_TAG = 'unknown tag "{code}"'
UNKNOWN_LEVEL = 'unknown scale level "{code}"'
LOADED = 'Loaded "{title}" ({slug}) as version {version}'
UNCHANGED = '"{title}" ({slug}) is unchanged (version {version})'

SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")
MAX_WEIGHT = Decimal("999.999")
MAX_LEVEL_CODE = 32767
CODE_LENGTH = 20


# Checking -----------------------------------------------------------------------------------------


def validate_framework(parsed: ParsedFile, previous_codes: PreviousCodes | None = None) -> dict:
    """The checked, normalized document; raises FrameworkFileError with every problem found.

    Normalized: every key present (empty texts as {}), texts stripped and without empty
    languages, numbers as int or float; scale levels, tags and level guidance sorted by code
    (the database keeps no order for them). The optional keys added after the first
    framework files (`scoring_method` when not the default, `crosswalk`) are present only
    when given, so that the content hash of a file without them never changes.
    `previous_codes` gives the indicator codes of an earlier version, for the crosswalk
    (default: the versions loaded in the database).
    """
    if parsed.document is None and parsed.problems:
        raise FrameworkFileError(parsed.problems)  # not parsed: nothing to check
    checker = _Checker(parsed, previous_codes or loaded_indicator_codes)
    document = checker.framework(parsed.document)
    if parsed.problems:
        parsed.problems.sort(key=lambda problem: problem.line or 0)
        raise FrameworkFileError(parsed.problems)
    return document


def read_framework_file(path: Path) -> dict:
    """Parse and check a framework file; raises FrameworkFileError."""
    return validate_framework(parse_framework_file(path))


def loaded_indicator_codes(slug: str, version: int) -> list[str] | None:
    """The indicator codes of a loaded framework version, in order; None if not loaded."""
    framework = Framework.objects.filter(slug=slug, version=version).first()
    if framework is None:
        return None
    indicators = Indicator.objects.filter(recommendation__area__framework=framework)
    return list(indicators.values_list("code", flat=True))


class _Checker:
    """Checks each node of a parsed document, reports its problems and normalizes it."""

    def __init__(self, parsed: ParsedFile, previous_codes: PreviousCodes):
        self.parsed = parsed
        self.previous_codes = previous_codes
        self.report = parsed.report
        self.codes: dict[str, dict[str, NodePath]] = defaultdict(dict)
        self.level_codes: set[int] = set()
        self.tag_codes: set[str] = set()

    def framework(self, value: Any) -> dict:
        if value is None:
            self.report((), EMPTY_FILE)
        required = ("slug", "status", "title", "scale", "areas")
        keys = (*required[:3], "description", "scale", "scoring_method", "tags", "areas")
        node = self.mapping(value, (), (*keys, "crosswalk"), required)
        document = {
            "slug": self.slug(node.get("slug"), ("slug",)),
            "status": self.status(node.get("status"), ("status",)),
            "title": self.text(node.get("title"), ("title",), max_length=200),
            "description": self.text(node.get("description"), ("description",)),
            "scale": self.scale(node.get("scale"), ("scale",)),
            "tags": sorted(self.items(node.get("tags"), ("tags",), self.tag), key=_code_key),
        }
        method = self.scoring_method(node.get("scoring_method"), ("scoring_method",))
        if method != Framework.ScoringMethod.NESTED_MEANS:
            document["scoring_method"] = method
        document["areas"] = self.items(node.get("areas"), ("areas",), self.area, "area")
        crosswalk = check_crosswalk(
            self, node.get("crosswalk"), ("crosswalk",), document["slug"], self.previous_codes
        )
        if crosswalk is not None:
            document["crosswalk"] = crosswalk
        return document

    # One function per kind of node, each returning the normalized node.

    def scale(self, value: Any, path: NodePath) -> dict:
        node = self.mapping(value, path, ("not_applicable", "levels"), ("levels",))
        levels = self.items(node.get("levels"), (*path, "levels"), self.level, "level")
        self.check_percentages_increase(levels, (*path, "levels"))
        not_applicable = node.get("not_applicable", True)
        if not isinstance(not_applicable, bool):
            self.report((*path, "not_applicable"), NOT_BOOLEAN)
        return {"not_applicable": not_applicable, "levels": sorted(levels, key=_code_key)}

    def level(self, value: Any, path: NodePath) -> dict:
        keys = ("code", "percentage", "label", "description")
        node = self.mapping(value, path, keys, ("code", "percentage", "label"))
        code = self.level_code(node.get("code"), (*path, "code"))
        if code is not None:
            self.claim("level", code, path)
            self.level_codes.add(code)
        return {
            "code": code,
            "percentage": self.percentage(node.get("percentage"), (*path, "percentage")),
            "label": self.text(node.get("label"), (*path, "label"), max_length=100),
            "description": self.text(node.get("description"), (*path, "description")),
        }

    def tag(self, value: Any, path: NodePath) -> dict:
        node = self.mapping(value, path, ("code", "label"), ("code", "label"))
        code = self.slug(node.get("code"), (*path, "code"), max_length=40)
        if code is not None:
            self.claim("tag", code, path)
            self.tag_codes.add(code)
        return {"code": code, "label": self.text(node.get("label"), (*path, "label"), 200)}

    def area(self, value: Any, path: NodePath) -> dict:
        keys = ("code", "weight", "title", "description", "recommendations")
        node = self.mapping(value, path, keys, ("code", "title", "recommendations"))
        recommendations = node.get("recommendations")
        return {
            **self.coded(node, path, "area"),
            "title": self.text(node.get("title"), (*path, "title"), max_length=200),
            "description": self.text(node.get("description"), (*path, "description")),
            "recommendations": self.items(
                recommendations, (*path, "recommendations"), self.recommendation, "recommendation"
            ),
        }

    def recommendation(self, value: Any, path: NodePath) -> dict:
        keys = ("code", "weight", "title", "description", "source", "indicators")
        node = self.mapping(value, path, keys, ("code", "title", "indicators"))
        indicators = node.get("indicators")
        return {
            **self.coded(node, path, "recommendation"),
            "title": self.text(node.get("title"), (*path, "title"), max_length=200),
            "description": self.text(node.get("description"), (*path, "description")),
            "source": self.text(node.get("source"), (*path, "source")),
            "indicators": self.items(
                indicators, (*path, "indicators"), self.indicator, "indicator"
            ),
        }

    def indicator(self, value: Any, path: NodePath) -> dict:
        keys = ("code", "weight", "tags", "statement", "guidance", "levels")
        node = self.mapping(value, path, keys, ("code", "statement"))
        return {
            **self.coded(node, path, "indicator"),
            "tags": self.indicator_tags(node.get("tags"), (*path, "tags")),
            "statement": self.text(node.get("statement"), (*path, "statement")),
            "guidance": self.text(node.get("guidance"), (*path, "guidance")),
            "levels": self.level_guidance(node.get("levels"), (*path, "levels")),
        }

    def indicator_tags(self, value: Any, path: NodePath) -> list[str]:
        codes: list[str] = []
        for index, code in enumerate(self.items(value, path, lambda item, _: item)):
            if not isinstance(code, str):
                self.report((*path, index), NOT_TEXT)
            elif code not in self.tag_codes:
                self.report((*path, index), UNKNOWN_TAG, code=code)
            elif code in codes:
                self.report((*path, index), TAG_LISTED_TWICE, code=code)
            else:
                codes.append(code)
        return sorted(codes)

    def level_guidance(self, value: Any, path: NodePath) -> dict[int, dict]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.report(path, NOT_A_MAPPING)
            return {}
        guidance: dict[int, dict] = {}
        for key, text in value.items():
            code = _as_level_code(key)
            if code not in self.level_codes:
                self.report((*path, key), UNKNOWN_LEVEL, code=key)
            else:
                guidance[code] = self.text(text, (*path, key), required=True)
        return dict(sorted(guidance.items()))

    # Checks shared by several kinds of node.

    def mapping(self, value: Any, path: NodePath, keys: tuple, required: tuple) -> dict:
        """The node as a dict ({} if it is not one), reporting unknown and missing keys.

        A missing node (None) is reported by its parent, which knows whether it is required.
        """
        if not isinstance(value, dict):
            if value is not None:
                self.report(path, NOT_A_MAPPING)
            return {}
        for key in value:
            if key not in keys:
                self.report((*path, key), UNKNOWN_KEY, key=key, hint=did_you_mean(key, keys))
        for key in required:
            if value.get(key) is None:
                self.report((*path, key), REQUIRED)
        return value

    def items(
        self, value: Any, path: NodePath, check: Callable[[Any, NodePath], Any], item: str = ""
    ) -> list:
        """Each item checked; `item` names what at least one of is required."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(path, NOT_A_LIST)
            return []
        if not value and item:
            self.report(path, AT_LEAST_ONE, item=item)
        checked = []
        for index, element in enumerate(value):
            if element is None:
                self.report((*path, index), REQUIRED)
            else:
                checked.append(check(element, (*path, index)))
        return checked

    def coded(self, node: dict, path: NodePath, kind: str) -> dict:
        """The code (unique in the framework for its kind) and weight of a node."""
        code = self.code(node.get("code"), (*path, "code"))
        if code is not None:
            self.claim(kind, code, path)
        return {"code": code, "weight": self.weight(node.get("weight"), (*path, "weight"))}

    def claim(self, kind: str, code: Any, path: NodePath) -> None:
        first = self.codes[kind].setdefault(code, path)
        if first != path:
            self.report((*path, "code"), DUPLICATE_CODE, code=code)

    def code(self, value: Any, path: NodePath) -> str | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.report(path, CODE_NOT_TEXT, value=value)
            return None
        return self.string(value, path, CODE_LENGTH)

    def string(self, value: Any, path: NodePath, max_length: int | None = None) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.report(path, NOT_TEXT)
            return None
        value = value.strip()
        if not value:
            self.report(path, REQUIRED)
        elif max_length and len(value) > max_length:
            self.report(path, TOO_LONG, length=len(value), limit=max_length)
        return value

    def slug(self, value: Any, path: NodePath, max_length: int = 80) -> str | None:
        slug = self.string(value, path, max_length)
        if slug and not SLUG_PATTERN.match(slug):
            self.report(path, BAD_SLUG, value=slug)
        return slug

    def scoring_method(self, value: Any, path: NodePath) -> str | None:
        method = self.string(value, path)
        if method is None:
            return Framework.ScoringMethod.NESTED_MEANS.value
        if method not in Framework.ScoringMethod.values:
            methods = either(tuple(Framework.ScoringMethod.values))
            self.report(path, BAD_SCORING_METHOD, value=method, methods=methods)
        return method

    def status(self, value: Any, path: NodePath) -> str | None:
        status = self.string(value, path)
        if status and status not in Framework.Status.values:
            self.report(path, BAD_STATUS, value=status)
        return status

    def text(
        self, value: Any, path: NodePath, max_length: int | None = None, required: bool = False
    ) -> dict[str, str]:
        """A translated text: {language: text}, English required, empty languages dropped."""
        if value is None:
            if required:
                self.report(path, REQUIRED)
            return {}
        if not isinstance(value, dict):
            self.report(path, NOT_A_TRANSLATED_TEXT)
            return {}
        for key in value:
            if key not in languages():
                self.report((*path, key), UNKNOWN_LANGUAGE, key=key, languages=either(languages()))
        text = {
            language: self.string(value[language], (*path, language), max_length)
            for language in languages()
            if value.get(language) not in (None, "")
        }
        if "en" not in text:
            self.report((*path, "en"), ENGLISH_REQUIRED)
        return {language: string for language, string in text.items() if string}

    def number(self, value: Any, path: NodePath, places: int) -> Decimal | None:
        if value is None:
            return None
        try:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidOperation
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.report(path, NOT_A_NUMBER, value=value)
            return None
        if -number.normalize().as_tuple().exponent > places:
            self.report(path, TOO_MANY_DECIMALS, value=value, places=places)
        return number

    def weight(self, value: Any, path: NodePath) -> int | float | None:
        weight = self.number(1 if value is None else value, path, places=3)
        if weight is not None and not 0 < weight <= MAX_WEIGHT:
            self.report(path, WEIGHT_OUT_OF_RANGE, maximum=MAX_WEIGHT, value=value)
        return plain_number(weight)

    def percentage(self, value: Any, path: NodePath) -> int | float | None:
        percentage = self.number(value, path, places=2)
        if percentage is not None and not 0 <= percentage <= 100:
            self.report(path, PERCENTAGE_OUT_OF_RANGE, value=value)
        return plain_number(percentage)

    def level_code(self, value: Any, path: NodePath) -> int | None:
        code = _as_level_code(value)
        if value is not None and code is None:
            self.report(path, NOT_A_LEVEL_CODE, value=value, maximum=MAX_LEVEL_CODE)
        return code

    def check_percentages_increase(self, levels: list[dict], path: NodePath) -> None:
        known = [
            (level["code"], index, level["percentage"])
            for index, level in enumerate(levels)
            if level["code"] is not None and level["percentage"] is not None
        ]
        for (previous_code, _, previous), (_, index, value) in pairwise(sorted(known)):
            if value <= previous:
                self.report(
                    (*path, index, "percentage"),
                    PERCENTAGE_NOT_INCREASING,
                    **{"value": value, "previous": previous, "previous_code": previous_code},
                )


def _as_level_code(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_LEVEL_CODE:
        return value
    return None


def _code_key(node: dict) -> tuple[bool, Any]:
    return (node["code"] is None, node["code"] or 0)


# Loading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    framework: Framework
    created: bool

    def __str__(self) -> str:
        framework = self.framework
        template = LOADED if self.created else UNCHANGED
        return template.format(
            title=framework.title_en, slug=framework.slug, version=framework.version
        )


def content_hash(document: dict) -> str:
    """SHA-256 of the normalized document: equal content, equal hash, whatever the format."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_framework_file(path: Path) -> LoadResult:
    """Check a framework file and load it as a new version unless that content is loaded."""
    return load_framework_document(read_framework_file(path))


def load_framework_files(paths: Iterable[Path]) -> list[LoadResult]:
    """Check and load the files in turn, in one transaction, so that a file's crosswalk may
    map from the version an earlier file loads. If any file has a problem, every problem
    found is reported and nothing is loaded."""
    results: list[LoadResult] = []
    problems: list[Problem] = []
    with transaction.atomic():
        for path in paths:
            try:
                document = read_framework_file(path)
            except FrameworkFileError as error:
                problems += error.problems
                continue
            results.append(load_framework_document(document))
        if problems:
            raise FrameworkFileError(problems)  # rolls back what the other files loaded
    return results


def load_framework_document(document: dict) -> LoadResult:
    """Load a document from validate_framework(); the same content is never loaded twice."""
    digest = content_hash(document)
    versions = Framework.objects.filter(slug=document["slug"])
    existing = versions.filter(content_hash=digest).order_by("-version").first()
    if existing is not None:
        return LoadResult(existing, created=False)
    with transaction.atomic():
        version = (versions.aggregate(newest=Max("version"))["newest"] or 0) + 1
        framework = _create_framework(document, version, digest)
        _create_levels(framework, document["scale"]["levels"])
        tags = _create_tags(framework, document["tags"])
        _create_areas(framework, document["areas"], tags)
        if "crosswalk" in document:
            _create_crosswalk(framework, document["crosswalk"]["indicators"])
    return LoadResult(framework, created=True)


def _translations(name: str, text: dict[str, str]) -> dict[str, str | None]:
    """Model field values of a text; a missing translation is NULL so English shows instead."""
    values = {f"{name}_{language}": text.get(language) for language in languages()}
    values[f"{name}_en"] = text.get("en", "")
    return values


def _create_framework(document: dict, version: int, digest: str) -> Framework:
    crosswalk = document.get("crosswalk")
    previous = None
    if crosswalk is not None:
        versions = Framework.objects.filter(slug=document["slug"])
        previous = versions.get(version=crosswalk["from_version"])
    return Framework.objects.create(
        slug=document["slug"],
        version=version,
        status=document["status"],
        allows_not_applicable=document["scale"]["not_applicable"],
        scoring_method=document.get("scoring_method", Framework.ScoringMethod.NESTED_MEANS),
        previous_version=previous,
        content_hash=digest,
        **_translations("title", document["title"]),
        **_translations("description", document["description"]),
    )


def _create_levels(framework: Framework, levels: list[dict]) -> None:
    ScaleLevel.objects.bulk_create(
        ScaleLevel(
            framework=framework,
            code=level["code"],
            percentage=Decimal(str(level["percentage"])),
            **_translations("label", level["label"]),
            **_translations("description", level["description"]),
        )
        for level in levels
    )


def _create_tags(framework: Framework, tags: list[dict]) -> dict[str, Tag]:
    created = Tag.objects.bulk_create(
        Tag(framework=framework, code=tag["code"], **_translations("label", tag["label"]))
        for tag in tags
    )
    return {tag.code: tag for tag in created}


def _create_areas(framework: Framework, areas: list[dict], tags: dict[str, Tag]) -> None:
    """Areas, recommendations, indicators, their tags and level guidance, in file order."""
    created_areas = Area.objects.bulk_create(
        Area(framework=framework, **_ordered(area, order, "title", "description"))
        for order, area in enumerate(areas, start=1)
    )
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(area=area, **_ordered(node, order, "title", "description", "source"))
        for area, area_node in zip(created_areas, areas, strict=True)
        for order, node in enumerate(area_node["recommendations"], start=1)
    )
    nodes = [node for area in areas for node in area["recommendations"]]
    indicator_nodes = [
        (recommendation, order, indicator)
        for recommendation, node in zip(recommendations, nodes, strict=True)
        for order, indicator in enumerate(node["indicators"], start=1)
    ]
    indicators = Indicator.objects.bulk_create(
        Indicator(recommendation=recommendation, **_ordered(node, order, "statement", "guidance"))
        for recommendation, order, node in indicator_nodes
    )
    _create_indicator_details(indicators, [node for _, _, node in indicator_nodes], tags)


def _ordered(node: dict, order: int, *texts: str) -> dict[str, Any]:
    """Model field values of an area, recommendation or indicator node."""
    values = {"code": node["code"], "order": order, "weight": Decimal(str(node["weight"]))}
    for name in texts:
        values.update(_translations(name, node[name]))
    return values


def _create_indicator_details(
    indicators: list[Indicator], nodes: list[dict], tags: dict[str, Tag]
) -> None:
    Indicator.tags.through.objects.bulk_create(
        Indicator.tags.through(indicator=indicator, tag=tags[code])
        for indicator, node in zip(indicators, nodes, strict=True)
        for code in node["tags"]
    )
    LevelGuidance.objects.bulk_create(
        LevelGuidance(indicator=indicator, level_code=code, **_translations("text", text))
        for indicator, node in zip(indicators, nodes, strict=True)
        for code, text in node["levels"].items()
    )


def _create_crosswalk(framework: Framework, entries: list[dict]) -> None:
    def indicators_of(version: Framework) -> dict[str, Indicator]:
        found = Indicator.objects.filter(recommendation__area__framework=version)
        return {indicator.code: indicator for indicator in found}

    now, before = indicators_of(framework), indicators_of(framework.previous_version)
    created = CrosswalkEntry.objects.bulk_create(
        CrosswalkEntry(
            framework=framework, order=order, kind=entry["kind"],
            **_translations("note", entry["note"]),
        )
        for order, entry in enumerate(entries, start=1)
    )  # fmt: skip
    links = zip(created, entries, strict=True)
    CrosswalkEntry.indicators.through.objects.bulk_create(
        CrosswalkEntry.indicators.through(crosswalkentry=row, indicator=now[code])
        for row, entry in links
        for code in entry["to"]
    )
    CrosswalkEntry.previous_indicators.through.objects.bulk_create(
        CrosswalkEntry.previous_indicators.through(crosswalkentry=row, indicator=before[code])
        for row, entry in zip(created, entries, strict=True)
        for code in entry["from"]
    )


# Exporting ----------------------------------------------------------------------------------------


def export_framework(framework: Framework, path: Path) -> None:
    """Write a framework version as .yaml/.yml or .xlsx; loading the file back is a no-op."""
    path = Path(path)
    suffix = path.suffix.lower()
    document = framework_document(framework)
    if suffix in YAML_SUFFIXES:
        comment = f"{framework.slug} version {framework.version}: {framework.title_en}"
        write_yaml(document, path, comment=comment)
    elif suffix == EXCEL_SUFFIX:
        write_workbook(document, path)
    else:
        raise ValueError(UNSUPPORTED_FILE_TYPE.format(suffix=path.suffix))
