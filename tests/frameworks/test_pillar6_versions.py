"""The two versions of the Pillar 6 framework: version 1 never changes, version 2 loads after
it with a crosswalk, and version 2 holds what the review of version 1 asked for."""

import re

import pytest
import yaml

from frameworks.crosswalk import PREVIOUS_NOT_LOADED
from frameworks.loading import (
    FrameworkFileError,
    content_hash,
    load_framework_file,
    read_framework_file,
)
from frameworks.models import CrosswalkEntry, Framework, Indicator
from tests.conftest import PILLAR6_FILE, PILLAR6_V2_FILE

# The content hash of version 1 as the 2022 and 2024 rounds were rated against it.
VERSION_1_HASH = "efbfcbba945c82990daed4b7260433f2a2690db404aba78bafe1823e74f32e59"
DRAFT_OR_PILOT = re.compile(r"\b(draft|pilot)", re.IGNORECASE)


def version_2() -> dict:
    return yaml.safe_load(PILLAR6_V2_FILE.read_text(encoding="utf-8"))


def indicators(document: dict) -> dict[str, dict]:
    return {
        indicator["code"]: indicator
        for area in document["areas"]
        for recommendation in area["recommendations"]
        for indicator in recommendation["indicators"]
    }


def entry_of(document: dict, code: str) -> dict:
    return next(e for e in document["crosswalk"]["indicators"] if code in (e.get("from") or ()))


def test_version_1_keeps_the_content_its_rounds_were_rated_against():
    assert content_hash(read_framework_file(PILLAR6_FILE)) == VERSION_1_HASH


@pytest.mark.django_db
def test_version_2_loads_after_version_1_with_its_crosswalk(pillar6_v2, pillar6):
    assert (pillar6.version, pillar6_v2.version, pillar6_v2.previous_version) == (1, 2, pillar6)
    assert Indicator.objects.filter(recommendation__area__framework=pillar6_v2).count() == 59
    assert len(pillar6_v2.comparable_codes(pillar6)) == 43
    kinds = set(pillar6_v2.crosswalk_entries.values_list("kind", flat=True))
    assert kinds == set(CrosswalkEntry.Kind.values)


@pytest.mark.django_db
def test_loading_either_version_again_never_makes_a_third(pillar6_v2):
    results = [load_framework_file(path) for path in (PILLAR6_FILE, PILLAR6_V2_FILE, PILLAR6_FILE)]

    assert [(r.created, r.framework.version) for r in results] == [
        (False, 1),
        (False, 2),
        (False, 1),
    ]
    assert Framework.objects.filter(slug="mpf-pillar-6").count() == 2


@pytest.mark.django_db
def test_version_2_is_refused_where_version_1_is_not_loaded():
    Framework.objects.filter(slug="mpf-pillar-6").delete()

    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(PILLAR6_V2_FILE)

    assert [problem.message for problem in refused.value.problems] == [
        PREVIOUS_NOT_LOADED.format(version=1, slug="mpf-pillar-6")
    ]
    assert not Framework.objects.exists()


def test_no_level_above_1_calls_a_draft_or_a_pilot_partly_in_place():
    """The scale puts "a draft, a study, a pilot" at level 1 (Initiated)."""
    problems = [
        f"{code} level {level}"
        for code, indicator in indicators(version_2()).items()
        for level, text in indicator["levels"].items()
        if level >= 2
        and DRAFT_OR_PILOT.search(text["en"])
        and not DRAFT_OR_PILOT.search(indicator["statement"]["en"])
    ]
    assert problems == []


def test_compound_indicators_are_split_and_double_counting_merged():
    document = version_2()

    for code in ("6.1.1.d", "6.3.1.b", "6.3.1.c", "6.3.3.d", "6.3.4.c"):
        assert entry_of(document, code)["kind"] == "split", code
    assert entry_of(document, "6.1.2.d") == entry_of(document, "6.3.1.d")
    assert entry_of(document, "6.1.2.d")["kind"] == "merged"
    assert entry_of(document, "6.3.4.b")["kind"] == "removed"
    assert entry_of(document, "6.2.2.d")["kind"] == "same"
    assert "finance" not in indicators(document)["6.3.4.f"]["statement"]["en"]


def test_a_code_of_version_1_is_never_reused_for_something_else():
    document = version_2()
    old_codes = indicators(yaml.safe_load(PILLAR6_FILE.read_text(encoding="utf-8")))

    for code in indicators(document):
        if code in old_codes:
            entry = next(e for e in document["crosswalk"]["indicators"] if e.get("to") == code)
            assert (entry["kind"], entry["from"]) in {("same", code), ("reworded", code)}, code


def test_what_was_missing_has_indicators_of_its_own():
    document = version_2()
    recommendations = {r["code"]: r for a in document["areas"] for r in a["recommendations"]}
    statements = {code: i["statement"]["en"] for code, i in indicators(document).items()}

    assert "cooperatives" in statements["6.1.4.a"]
    assert "Women hold leadership positions" in statements["6.1.4.c"]
    assert "responsible investment" in statements["6.2.2.e"]
    assert recommendations["6.3.5"]["title"]["en"] == "Mercury in ASM gold mining"
    assert "implementation schedule" in statements["6.3.5.d"]


def test_minamata_and_the_seven_recommendations_are_tagged_as_reviewed():
    document = version_2()
    tags = {code: set(i["tags"]) for code, i in indicators(document).items()}
    tagged = {tag for codes in tags.values() for tag in codes}

    assert {"minamata-c-j", "minamata-c-k", "minamata-c-2"} <= tagged
    assert "minamata-c-g" not in tags["6.1.1.e"]
    assert "minamata-c-i" not in tags["6.3.2.b"]
    assert {"seed-3"} <= tags["6.3.5.c"] & tags["6.3.5.d"]
    assert "seed-5" not in tags["6.1.2.b"]
    assert "seed-2" in tags["6.2.4.d"] and "seed-6" in tags["6.2.4.b"]
    assert "seed-5" in tags["6.2.2.d"]
    untagged = [
        code for code, codes in tags.items() if not any(t.startswith("seed-") for t in codes)
    ]
    assert untagged == []


def test_portuguese_says_em_pequena_escala_and_names_the_garimpo():
    document = version_2()

    assert document["title"]["pt"] == "QPM Pilar 6: Mineração artesanal e em pequena escala"
    assert "de pequena escala" not in PILLAR6_V2_FILE.read_text(encoding="utf-8")
    assert (
        "Permissão de Lavra Garimpeira (PLG)" in indicators(document)["6.1.1.a"]["guidance"]["pt"]
    )
