from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from frameworks.formats import (
    DUPLICATE_KEY,
    FILE_NOT_FOUND,
    INVALID_YAML,
    MISSING_SHEET,
    REQUIRED,
    UNKNOWN_COLUMN,
    UNKNOWN_KEY,
    UNKNOWN_LANGUAGE,
    UNKNOWN_REFERENCE,
    UNSUPPORTED_FILE_TYPE,
)
from frameworks.loading import (
    AT_LEAST_ONE,
    BAD_SLUG,
    BAD_STATUS,
    CODE_NOT_TEXT,
    DUPLICATE_CODE,
    ENGLISH_REQUIRED,
    LOADED,
    NOT_A_TRANSLATED_TEXT,
    PERCENTAGE_NOT_INCREASING,
    PERCENTAGE_OUT_OF_RANGE,
    TAG_LISTED_TWICE,
    TOO_LONG,
    UNCHANGED,
    UNKNOWN_LEVEL,
    UNKNOWN_TAG,
    WEIGHT_OUT_OF_RANGE,
    FrameworkFileError,
    content_hash,
    load_framework_file,
    read_framework_file,
)
from frameworks.management.commands.load_framework import PROBLEMS_FOUND
from frameworks.models import Area, Framework, Indicator, LevelGuidance, Recommendation
from frameworks.workbook import write_workbook

from .framework_documents import (
    COUNTS,
    HAND_MADE_SHEETS,
    VALID_YAML,
    line_of,
    problems_of,
    replaced,
    set_cell,
    write_rows,
    write_text,
)

ALL_LANGUAGES = "en, fr, es or pt"


def _indicator(framework: Framework, code: str) -> Indicator:
    return Indicator.objects.get(recommendation__area__framework=framework, code=code)


# A valid file --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_valid_file_loads_its_areas_recommendations_and_indicators(tmp_path):
    result = load_framework_file(write_text(tmp_path))

    framework = result.framework
    assert result.created
    assert (framework.slug, framework.version, framework.status) == ("test-pillar", 1, "draft")
    assert framework.areas.count() == COUNTS["areas"]
    assert Recommendation.objects.filter(area__framework=framework).count() == 3
    assert Indicator.objects.filter(recommendation__area__framework=framework).count() == 5
    assert framework.levels.count() == COUNTS["levels"]
    assert framework.tags.count() == COUNTS["tags"]
    assert framework.allows_not_applicable is True
    assert len(framework.content_hash) == 64


@pytest.mark.django_db
def test_every_translation_of_the_file_is_stored(tmp_path):
    framework = load_framework_file(write_text(tmp_path)).framework

    indicator = _indicator(framework, "6.1.1.a")
    assert indicator.statement_en == "The mining law defines ASM."
    assert indicator.statement_fr == "La loi minière définit l'EMAPE."
    assert indicator.statement_es == "La ley minera define la MAPE."
    assert indicator.statement_pt == "A lei de mineração define a MAPE."
    assert framework.title_pt == "Pilar de teste"
    assert framework.areas.get(code="6.1").title_es == "Sistema jurídico"


@pytest.mark.django_db
def test_a_missing_translation_falls_back_to_english(tmp_path):
    framework = load_framework_file(write_text(tmp_path)).framework

    indicator = _indicator(framework, "6.1.1.b")
    assert indicator.statement_fr is None
    with translation.override("fr"):
        assert indicator.statement == "ASM permits are simple to obtain."


@pytest.mark.django_db
def test_orders_weights_tags_and_level_guidance_follow_the_file(tmp_path):
    framework = load_framework_file(write_text(tmp_path)).framework

    assert [(a.code, a.order, a.weight) for a in framework.areas.all()] == [
        ("6.1", 1, 1),
        ("6.2", 2, 2),
    ]
    indicators = Indicator.objects.filter(recommendation__area__framework=framework)
    assert [(i.code, i.order) for i in indicators] == [
        ("6.1.1.a", 1),
        ("6.1.1.b", 2),
        ("6.1.2.a", 1),
        ("6.2.1.a", 1),
        ("6.2.1.b", 2),
    ]
    mapped = _indicator(framework, "6.2.1.a")
    assert mapped.weight == pytest.approx(0.5)
    assert sorted(tag.code for tag in mapped.tags.all()) == ["minamata-c-b", "seed-1"]
    guidance = LevelGuidance.objects.filter(indicator=_indicator(framework, "6.1.1.a"))
    assert [(g.level_code, g.text_fr) for g in guidance] == [
        (0, "La loi ne mentionne pas l'EMAPE."),
        (2, None),
    ]
    assert [(level.code, level.percentage) for level in framework.levels.all()] == [
        (0, 0),
        (1, 50),
        (2, 100),
    ]


@pytest.mark.django_db
def test_a_load_takes_a_fixed_number_of_queries(tmp_path, django_assert_max_num_queries):
    path = write_text(tmp_path)

    with django_assert_max_num_queries(12):
        load_framework_file(path)


# Versions ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reloading_the_same_file_changes_nothing(tmp_path):
    path = write_text(tmp_path)
    first = load_framework_file(path)
    count = Framework.objects.count()

    again = load_framework_file(path)

    assert not again.created
    assert again.framework == first.framework
    assert Framework.objects.count() == count
    assert str(again) == UNCHANGED.format(title="Test pillar", slug="test-pillar", version=1)


@pytest.mark.django_db
def test_comments_and_layout_do_not_change_the_content(tmp_path):
    first = load_framework_file(write_text(tmp_path))
    text = "# Another comment\n" + replaced(
        'title: {en: "Mapping"}', "title:\n          en: Mapping"
    )

    again = load_framework_file(write_text(tmp_path, text))

    assert not again.created
    assert again.framework == first.framework


@pytest.mark.django_db
def test_a_changed_file_makes_version_2_and_leaves_version_1_untouched(tmp_path):
    first = load_framework_file(write_text(tmp_path)).framework
    changed = replaced("ASM activity is mapped.", "ASM activity is mapped every year.")

    second = load_framework_file(write_text(tmp_path, changed))

    assert second.created
    assert second.framework.version == 2
    assert str(second) == LOADED.format(title="Test pillar", slug="test-pillar", version=2)
    assert _indicator(first, "6.2.1.a").statement_en == "ASM activity is mapped."
    assert _indicator(second.framework, "6.2.1.a").statement_en == (
        "ASM activity is mapped every year."
    )
    first.refresh_from_db()
    assert first.version == 1
    assert first.content_hash != second.framework.content_hash


# Bad files: each problem is reported with its place, and nothing is loaded --------------------


def _line_in_valid_file(line: str) -> int:
    return VALID_YAML.splitlines().index(line) + 1


@pytest.mark.django_db
def test_a_duplicate_indicator_code_is_reported_with_its_line(tmp_path):
    text = replaced('code: "6.1.1.b"', 'code: "6.1.1.a"')
    count = Framework.objects.count()

    problems = problems_of(write_text(tmp_path, text))

    line = _line_in_valid_file('          - code: "6.1.1.b"')
    message = DUPLICATE_CODE.format(code="6.1.1.a")
    assert problems == [f"mpf.yaml, line {line}, indicators[1].code: {message}"]
    with pytest.raises(FrameworkFileError):
        load_framework_file(write_text(tmp_path, text))
    assert Framework.objects.count() == count


@pytest.mark.django_db
def test_an_indicator_code_used_in_another_recommendation_is_reported(tmp_path):
    text = replaced('code: "6.2.1.b"', 'code: "6.1.1.b"')

    problems = problems_of(write_text(tmp_path, text))

    line = _line_in_valid_file('          - code: "6.2.1.b"')
    message = DUPLICATE_CODE.format(code="6.1.1.b")
    assert problems == [f"mpf.yaml, line {line}, indicators[1].code: {message}"]


BAD_FILES = [
    # (what is wrong, fragment replaced, replacement, fragment of the reported line, field, message)
    (
        "missing English",
        'statement: {en: "ASM permits are simple to obtain."}',
        'statement: {fr: "Les titres sont simples."}',
        "Les titres sont simples",
        "indicators[1].statement.en",
        ENGLISH_REQUIRED,
    ),
    (
        "unknown language",
        'guidance: {en: "Cite the articles."}',
        'guidance: {en: "Cite the articles.", de: "Artikel nennen."}',
        "Artikel nennen",
        "indicators[0].guidance.de",
        UNKNOWN_LANGUAGE.format(key="de", languages=ALL_LANGUAGES),
    ),
    (
        "misspelt key",
        "    weight: 2\n",
        "    wieght: 2\n",
        "wieght: 2",
        "areas[1].wieght",
        UNKNOWN_KEY.format(key="wieght", hint=' (did you mean "weight"?)'),
    ),
    (
        "unknown tag",
        "tags: [seed-1]",
        "tags: [seed-9]",
        "tags: [seed-9]",
        "indicators[0].tags[0]",
        UNKNOWN_TAG.format(code="seed-9"),
    ),
    (
        "tag listed twice",
        "tags: [minamata-c-b, seed-1]",
        "tags: [seed-1, seed-1]",
        "tags: [seed-1, seed-1]",
        "indicators[0].tags[1]",
        TAG_LISTED_TWICE.format(code="seed-1"),
    ),
    (
        "guidance for an unknown level",
        '2: {en: "ASM is defined with graduated permits."}',
        '7: {en: "ASM is defined with graduated permits."}',
        "7: {en:",
        "indicators[0].levels[7]",
        UNKNOWN_LEVEL.format(code=7),
    ),
    (
        "percentages not increasing",
        "percentage: 50",
        "percentage: 0.0",
        "percentage: 0.0",
        "scale.levels[1].percentage",
        PERCENTAGE_NOT_INCREASING.format(value=0, previous=0, previous_code=0),
    ),
    (
        "percentage above 100",
        "percentage: 100",
        "percentage: 120",
        "percentage: 120",
        "scale.levels[2].percentage",
        PERCENTAGE_OUT_OF_RANGE.format(value=120),
    ),
    (
        "weight of zero",
        "weight: 1.5",
        "weight: 0.0",
        "weight: 0.0",
        "indicators[1].weight",
        WEIGHT_OUT_OF_RANGE.format(maximum="999.999", value=0.0),
    ),
    (
        "bad slug",
        "slug: test-pillar",
        "slug: test pillar",
        "slug:",
        "slug",
        BAD_SLUG.format(value="test pillar"),
    ),
    (
        "bad status",
        "status: draft",
        "status: final",
        "status:",
        "status",
        BAD_STATUS.format(value="final"),
    ),
    (
        "code written as a number",
        'code: "6.2"',
        "code: 6.2",
        "code: 6.2",
        "areas[1].code",
        CODE_NOT_TEXT.format(value=6.2),
    ),
    (
        "missing statement",
        '            statement: {en: "The regulator has staff in the mining regions."}\n',
        "",
        'code: "6.1.2.a"',
        "indicators[0].statement",
        REQUIRED,
    ),
    (
        "recommendation without indicators",
        '      - code: "6.1.2"\n        weight: 1\n        title: {en: "Technical support"}\n'
        '        indicators:\n          - code: "6.1.2.a"\n            weight: 1\n'
        '            statement: {en: "The regulator has staff in the mining regions."}\n',
        '      - code: "6.1.2"\n        title: {en: "Technical support"}\n        indicators: []\n',
        "indicators: []",
        "recommendations[1].indicators",
        AT_LEAST_ONE.format(item="indicator"),
    ),
    (
        "text that is not translated",
        'title: {en: "Mapping"}',
        "title: Mapping",
        "title: Mapping",
        "recommendations[0].title",
        NOT_A_TRANSLATED_TEXT.format(),
    ),
    (
        "title too long for the database",
        'title: {en: "Mapping"}',
        f'title: {{en: "{"M" * 201}"}}',
        "MMMM",
        "recommendations[0].title.en",
        TOO_LONG.format(length=201, limit=200),
    ),
    (
        "duplicate YAML key",
        "    weight: 2\n",
        "    weight: 2\n    weight: 3\n",
        "weight: 3",
        None,
        DUPLICATE_KEY.format(key="weight"),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "fragment", "field", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_each_kind_of_problem_is_reported_with_its_place(
    tmp_path, old, new, fragment, field, message
):
    text = replaced(old, new)
    count = Framework.objects.count()

    problems = problems_of(write_text(tmp_path, text))

    where = f"mpf.yaml, line {line_of(text, fragment)}"
    assert problems == [f"{where}, {field}: {message}" if field else f"{where}: {message}"]
    with pytest.raises(FrameworkFileError):
        load_framework_file(write_text(tmp_path, text))
    assert Framework.objects.count() == count


@pytest.mark.django_db
def test_all_problems_are_reported_at_once(tmp_path):
    text = replaced("status: draft", "status: final")
    text = replaced("percentage: 100", "percentage: 120", text)
    text = replaced("tags: [seed-1]", "tags: [seed-9]", text)
    text = replaced('code: "6.2.1.b"', 'code: "6.2.1.a"', text)
    count = Framework.objects.count()

    problems = problems_of(write_text(tmp_path, text))

    lines = [line_of(text, fragment) for fragment in ("status:", "percentage: 120", "seed-9")]
    lines.append(_line_in_valid_file('          - code: "6.2.1.b"'))
    assert [problem.split(", ")[1] for problem in problems] == [f"line {n}" for n in lines]
    assert Framework.objects.count() == count


def test_invalid_yaml_is_reported_with_its_line(tmp_path):
    text = replaced('title: {en: "Mapping"}', 'title: {en: "Mapping"')

    problems = problems_of(write_text(tmp_path, text))

    assert len(problems) == 1
    assert problems[0].startswith("mpf.yaml, line ")
    assert INVALID_YAML.split(":")[0] in problems[0]


def test_an_empty_file_is_reported(tmp_path):
    assert problems_of(write_text(tmp_path, "# nothing yet\n")) == [
        "mpf.yaml, line 1: the file is empty"
    ]


def test_a_missing_file_and_an_unsupported_type_are_reported(tmp_path):
    missing, text = tmp_path / "missing.yaml", write_text(tmp_path, "x", name="mpf.txt")

    assert problems_of(missing) == [f"{missing}: {FILE_NOT_FOUND}"]
    assert problems_of(text) == [f"{text}: {UNSUPPORTED_FILE_TYPE.format(suffix='.txt')}"]


# Excel ---------------------------------------------------------------------------------------


@pytest.fixture
def workbook_path(tmp_path):
    """The test framework as a workbook in the layout the exporter writes."""
    path = tmp_path / "mpf.xlsx"
    write_workbook(read_framework_file(write_text(tmp_path)), path)
    return path


@pytest.mark.django_db
def test_an_excel_workbook_loads_the_same_as_the_yaml_file(tmp_path, workbook_path):
    from_yaml = read_framework_file(write_text(tmp_path))

    from_excel = read_framework_file(workbook_path)
    framework = load_framework_file(workbook_path).framework

    assert from_excel == from_yaml
    assert framework.content_hash == content_hash(from_yaml)
    assert Indicator.objects.filter(recommendation__area__framework=framework).count() == 5
    assert _indicator(framework, "6.1.1.a").statement_fr == "La loi minière définit l'EMAPE."
    assert not load_framework_file(write_text(tmp_path)).created


@pytest.mark.django_db
def test_a_hand_made_workbook_in_the_documented_layout_loads(tmp_path):
    write_rows(tmp_path / "hand.xlsx", HAND_MADE_SHEETS)

    framework = load_framework_file(tmp_path / "hand.xlsx").framework

    assert (framework.slug, framework.allows_not_applicable) == ("hand-made", False)
    assert framework.areas.get().code == "6.1"
    indicator = _indicator(framework, "6.1.1.a")
    assert (indicator.weight, indicator.statement_pt) == (2, "A lei existe.")
    assert indicator.level_guidance.get().text_en == "It is applied."


@pytest.mark.django_db
def test_an_unknown_recommendation_in_the_workbook_is_reported_with_sheet_row_and_column(
    workbook_path,
):
    set_cell(workbook_path, "Indicators", 3, "recommendation", "6.9.9")
    count = Framework.objects.count()

    problems = problems_of(workbook_path)

    assert problems == [
        "mpf.xlsx, sheet Indicators, row 3, column recommendation: "
        + UNKNOWN_REFERENCE.format(kind="recommendation", code="6.9.9")
    ]
    assert Framework.objects.count() == count


def test_problems_in_a_workbook_are_reported_with_their_cell(workbook_path):
    set_cell(workbook_path, "Indicators", 4, "code", "6.1.1.b")
    set_cell(workbook_path, "Indicators", 2, "statement_en", None)
    set_cell(workbook_path, "Scale", 3, "percentage", 0)
    set_cell(workbook_path, "Framework", 3, "value", "final")

    problems = problems_of(workbook_path)

    assert problems == [
        "mpf.xlsx, sheet Framework, row 3, column value: " + BAD_STATUS.format(value="final"),
        "mpf.xlsx, sheet Scale, row 3, column percentage: "
        + PERCENTAGE_NOT_INCREASING.format(value=0, previous=0, previous_code=0),
        "mpf.xlsx, sheet Indicators, row 2, column statement_en: " + ENGLISH_REQUIRED,
        "mpf.xlsx, sheet Indicators, row 4, column code: " + DUPLICATE_CODE.format(code="6.1.1.b"),
    ]


def test_unknown_columns_and_missing_sheets_are_reported(workbook_path):
    book = openpyxl.load_workbook(workbook_path)
    book["Areas"]["C1"] = "titel_en"
    book["Areas"]["D1"] = "title_de"
    del book["LevelGuidance"]
    book.save(workbook_path)

    problems = problems_of(workbook_path)

    assert problems[:3] == [
        "mpf.xlsx, sheet Areas, row 1, column titel_en: "
        + UNKNOWN_COLUMN.format(key="titel_en", hint=' (did you mean "title_en"?)'),
        "mpf.xlsx, sheet Areas, row 1, column title_de: "
        + UNKNOWN_LANGUAGE.format(key="de", languages=ALL_LANGUAGES),
        "mpf.xlsx, sheet LevelGuidance: " + MISSING_SHEET.format(sheet="LevelGuidance"),
    ]


def test_a_workbook_bomb_is_refused_before_it_is_parsed(workbook_path):
    """The checks of every uploaded workbook (config/spreadsheets.py) apply here too."""
    import zipfile

    with zipfile.ZipFile(workbook_path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    cells = b"<c/>" * 1000
    rows = b"".join(b'<row r="%d">%s</row>' % (n + 1, cells) for n in range(200))
    parts["xl/worksheets/sheet2.xml"] = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows + b"</sheetData></worksheet>"
    )
    with zipfile.ZipFile(workbook_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    [problem] = problems_of(workbook_path)

    assert problem.startswith("mpf.xlsx: The workbook has more than 40,000 cells")


# The command ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_prints_the_loaded_version_then_unchanged(tmp_path):
    path, out = write_text(tmp_path), StringIO()

    call_command("load_framework", str(path), stdout=out)
    call_command("load_framework", str(path), stdout=out)

    assert out.getvalue().splitlines() == [
        LOADED.format(title="Test pillar", slug="test-pillar", version=1),
        UNCHANGED.format(title="Test pillar", slug="test-pillar", version=1),
    ]


@pytest.mark.django_db
def test_the_command_prints_every_problem_and_fails_without_loading(tmp_path):
    bad = write_text(tmp_path, replaced("status: draft", "status: final"), name="bad.yaml")
    good, err = write_text(tmp_path), StringIO()
    count = Framework.objects.count()

    with pytest.raises(CommandError) as raised:
        call_command("load_framework", str(good), str(bad), tmp_path / "gone.yaml", stderr=err)

    assert str(raised.value) == PROBLEMS_FOUND.format(count=2)
    assert err.getvalue().splitlines() == [
        f"bad.yaml, line 3, status: {BAD_STATUS.format(value='final')}",
        f"{tmp_path / 'gone.yaml'}: {FILE_NOT_FOUND}",
    ]
    assert Framework.objects.count() == count
    assert not Area.objects.filter(framework__slug="test-pillar").exists()
