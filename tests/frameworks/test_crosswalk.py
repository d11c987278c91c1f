"""A framework version's crosswalk from an earlier version, and its declared scoring method:
checked by the loader with the place of every problem, stored, and written back."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from frameworks.crosswalk import (
    BAD_KIND,
    BAD_VERSION,
    MAPPED_TWICE,
    PREVIOUS_NOT_LOADED,
    PREVIOUS_UNMAPPED,
    UNKNOWN_INDICATOR,
    UNKNOWN_PREVIOUS_INDICATOR,
    UNMAPPED,
    WRONG_COUNT,
)
from frameworks.crosswalk import EXPECTED as EXPECTED_COUNTS
from frameworks.crosswalk import KINDS as CROSSWALK_KINDS
from frameworks.formats import UNKNOWN_KEY
from frameworks.loading import (
    BAD_SCORING_METHOD,
    content_hash,
    export_framework,
    load_framework_file,
    read_framework_file,
)
from frameworks.models import CrosswalkEntry, Framework
from frameworks.workbook import write_workbook

from .framework_documents import (
    CROSSWALK,
    VALID_YAML,
    VERSION_2_YAML,
    line_of,
    problems_of,
    replaced,
    set_cell,
    write_text,
)

KINDS = ", ".join(CROSSWALK_KINDS)


@pytest.fixture
def version_1(tmp_path, db) -> Framework:
    return load_framework_file(write_text(tmp_path, name="v1.yaml")).framework


def version_2_problems(tmp_path, text: str) -> list[str]:
    return problems_of(write_text(tmp_path, text, name="v2.yaml"))


def test_a_version_with_a_crosswalk_records_what_became_of_each_indicator(tmp_path, version_1):
    result = load_framework_file(write_text(tmp_path, VERSION_2_YAML, name="v2.yaml"))

    framework = result.framework
    assert (result.created, framework.version, framework.previous_version) == (True, 2, version_1)
    entries = framework.crosswalk_entries.order_by("order")
    assert [entry.kind for entry in entries] == ["same", "reworded", "split", "merged", "new"]
    split = entries.get(kind=CrosswalkEntry.Kind.SPLIT)
    assert [i.code for i in split.previous_indicators.all()] == ["6.1.2.a"]
    assert sorted(i.code for i in split.indicators.all()) == ["6.1.2.b", "6.1.2.c"]
    assert split.previous_indicators.get().recommendation.area.framework == version_1
    assert entries.get(kind="reworded").note_fr == "Plus clair."
    assert not entries.get(kind="merged").is_comparable


def test_only_same_and_reworded_indicators_are_comparable(tmp_path, version_1):
    version_2 = load_framework_file(write_text(tmp_path, VERSION_2_YAML, name="v2.yaml")).framework

    assert version_2.comparable_codes(version_1) == {"6.1.1.a": "6.1.1.a", "6.1.1.b": "6.1.1.b"}
    assert len(version_2.comparable_codes(version_2)) == 6
    assert version_1.comparable_codes(version_2) is None


def test_comparable_codes_follow_a_chain_of_crosswalks(tmp_path, version_1):
    version_2 = load_framework_file(write_text(tmp_path, VERSION_2_YAML, name="v2.yaml")).framework
    version_3_text = replaced(
        CROSSWALK,
        """crosswalk:
  from_version: 2
  indicators:
    - {kind: reworded, from: "6.1.1.a", to: "6.1.1.a"}
    - {kind: split, from: "6.1.1.b", to: ["6.1.2.b", "6.1.2.c"]}
    - {kind: same, from: "6.1.2.b", to: "6.1.1.b"}
    - {kind: removed, from: "6.1.2.c"}
    - {kind: same, from: "6.2.1.c", to: "6.2.1.c"}
    - {kind: same, from: "6.2.1.d", to: "6.2.1.d"}
""",
        VERSION_2_YAML.replace("simple and cheap", "simple, cheap and quick"),
    )

    version_3 = load_framework_file(write_text(tmp_path, version_3_text, name="v3.yaml")).framework

    assert version_3.comparable_codes(version_2) == {
        "6.1.1.a": "6.1.1.a", "6.1.1.b": "6.1.2.b", "6.2.1.c": "6.2.1.c", "6.2.1.d": "6.2.1.d",
    }  # fmt: skip
    assert version_3.comparable_codes(version_1) == {"6.1.1.a": "6.1.1.a"}


def test_reloading_either_version_never_makes_a_third(tmp_path, version_1):
    load_framework_file(write_text(tmp_path, VERSION_2_YAML, name="v2.yaml"))

    again = [
        load_framework_file(write_text(tmp_path, name="v1.yaml")),
        load_framework_file(write_text(tmp_path, VERSION_2_YAML, name="v2.yaml")),
        load_framework_file(write_text(tmp_path, name="v1.yaml")),
    ]

    assert [(result.created, result.framework.version) for result in again] == [
        (False, 1),
        (False, 2),
        (False, 1),
    ]
    assert Framework.objects.filter(slug="test-pillar").count() == 2


def test_both_versions_load_in_one_command_and_in_order_only(tmp_path, db):
    v1, v2 = write_text(tmp_path, name="v1.yaml"), write_text(tmp_path, VERSION_2_YAML, "v2.yaml")

    with pytest.raises(CommandError):
        call_command("load_framework", str(v2), str(v1), stdout=StringIO(), stderr=StringIO())
    assert not Framework.objects.filter(slug="test-pillar").exists()

    call_command("load_framework", str(v1), str(v2), stdout=StringIO())
    assert list(Framework.objects.filter(slug="test-pillar").values_list("version", flat=True))


CROSSWALK_PROBLEMS = [
    # (id, old, new, fragment on the reported line, message)
    (
        "unknown earlier code",
        'from: ["6.2.1.a", "6.2.1.b"]',
        'from: ["6.2.1.a", "6.2.1.b", "6.1.9.z"]',
        "6.1.9.z",
        UNKNOWN_PREVIOUS_INDICATOR.format(version=1, code="6.1.9.z"),
    ),
    (
        "unknown code of this version",
        'to: ["6.1.2.b", "6.1.2.c"]',
        'to: ["6.1.2.b", "6.1.2.c", "6.2.1.x"]',
        "6.2.1.x",
        UNKNOWN_INDICATOR.format(code="6.2.1.x"),
    ),
    (
        "an earlier code mapped twice",
        '{kind: new, to: "6.2.1.d"}',
        '{kind: reworded, from: "6.1.1.a", to: "6.2.1.d"}',
        'to: "6.2.1.d"',
        MAPPED_TWICE.format(code="6.1.1.a", entry=1),
    ),
    (
        "an unknown kind",
        "{kind: new,",
        "{kind: added,",
        "kind: added",
        BAD_KIND.format(value="added", kinds=KINDS),
    ),
    (
        "a split into one",
        'to: ["6.1.2.b", "6.1.2.c"]}',
        'to: "6.1.2.b"}\n    - {kind: new, to: "6.1.2.c"}',
        "kind: split",
        WRONG_COUNT.format(kind="split", expected=EXPECTED_COUNTS["split"]),
    ),
    (
        "a version that is not a number",
        "from_version: 1",
        "from_version: one",
        "from_version",
        BAD_VERSION.format(value="one"),
    ),
    (
        "a version not loaded",
        "from_version: 1",
        "from_version: 7",
        "from_version",
        PREVIOUS_NOT_LOADED.format(version=7, slug="test-pillar"),
    ),
    (
        "an unknown key",
        "  from_version: 1",
        "  from_version: 1\n  to_version: 2",
        "to_version",
        UNKNOWN_KEY.format(key="to_version", hint=' (did you mean "from_version"?)'),
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [case[1:] for case in CROSSWALK_PROBLEMS],
    ids=[case[0] for case in CROSSWALK_PROBLEMS],
)
def test_a_crosswalk_problem_is_reported_with_its_line(
    tmp_path, version_1, old, new, fragment, message
):
    text = replaced(old, new, VERSION_2_YAML)

    problems = version_2_problems(tmp_path, text)

    assert len(problems) == 1, problems
    assert problems[0].startswith(f"v2.yaml, line {line_of(text, fragment)}")
    assert problems[0].endswith(message)
    assert Framework.objects.filter(slug="test-pillar").count() == 1


def test_indicators_left_out_of_the_crosswalk_are_reported_where_they_are(tmp_path, version_1):
    text = replaced('    - {kind: new, to: "6.2.1.d"}\n', "", VERSION_2_YAML)
    text = replaced('    - {kind: same, from: "6.1.1.a", to: "6.1.1.a"}\n', "", text)

    problems = version_2_problems(tmp_path, text)

    first, new, crosswalk = (
        line_of(text, fragment) for fragment in ('"6.1.1.a"', '"6.2.1.d"', "from_version")
    )
    assert problems == [
        f"v2.yaml, line {first}, indicators[0].code: " + UNMAPPED.format(code="6.1.1.a"),
        f"v2.yaml, line {new}, indicators[1].code: " + UNMAPPED.format(code="6.2.1.d"),
        f"v2.yaml, line {crosswalk + 1}, crosswalk.indicators: "
        + PREVIOUS_UNMAPPED.format(code="6.1.1.a", version=1),
    ]


def test_a_crosswalk_round_trips_through_yaml_and_excel(tmp_path, version_1):
    framework = load_framework_file(write_text(tmp_path, VERSION_2_YAML, name="v2.yaml")).framework

    for name in ("export.yaml", "export.xlsx"):
        export_framework(framework, tmp_path / name)
        assert content_hash(read_framework_file(tmp_path / name)) == framework.content_hash
        assert not load_framework_file(tmp_path / name).created


def test_a_crosswalk_cell_with_an_unknown_code_is_reported_with_its_cell(tmp_path, version_1):
    path = tmp_path / "v2.xlsx"
    write_workbook(read_framework_file(write_text(tmp_path, VERSION_2_YAML, "v2.yaml")), path)
    set_cell(path, "Crosswalk", 4, "to", "6.1.2.b, 6.1.2.q")

    problems = problems_of(path)

    assert (
        "v2.xlsx, sheet Crosswalk, row 4, column to: " + UNKNOWN_INDICATOR.format(code="6.1.2.q")
        in problems
    )


def test_the_default_scoring_method_leaves_the_content_unchanged(tmp_path):
    explicit = replaced("status: draft", "status: draft\nscoring_method: nested_means")

    assert content_hash(read_framework_file(write_text(tmp_path, explicit))) == content_hash(
        read_framework_file(write_text(tmp_path, VALID_YAML, name="plain.yaml"))
    )


@pytest.mark.django_db
def test_a_declared_scoring_method_is_stored_and_written_back(tmp_path):
    text = replaced("status: draft", "status: draft\nscoring_method: recommendation_mean")

    framework = load_framework_file(write_text(tmp_path, text)).framework
    export_framework(framework, tmp_path / "export.yaml")

    assert framework.scoring_method == Framework.ScoringMethod.RECOMMENDATION_MEAN
    assert "scoring_method: recommendation_mean" in (tmp_path / "export.yaml").read_text()
    assert not load_framework_file(tmp_path / "export.yaml").created


def test_an_unknown_scoring_method_is_reported_with_its_line(tmp_path):
    text = replaced("status: draft", "status: draft\nscoring_method: median")

    problems = problems_of(write_text(tmp_path, text))

    methods = "nested_means, recommendation_mean or indicator_mean"
    assert problems == [
        f"mpf.yaml, line {line_of(text, 'median')}, scoring_method: "
        + BAD_SCORING_METHOD.format(value="median", methods=methods)
    ]
