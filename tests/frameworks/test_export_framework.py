from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from frameworks.formats import UNSUPPORTED_FILE_TYPE
from frameworks.loading import (
    content_hash,
    export_framework,
    framework_document,
    load_framework_file,
    read_framework_file,
)
from frameworks.management.commands.export_framework import UNKNOWN_FRAMEWORK, WRITTEN
from frameworks.models import Framework
from frameworks.workbook import sheet_columns

from .framework_documents import replaced, write_text

SHEETS = ["Framework", "Scale", "Tags", "Areas", "Recommendations", "Indicators", "LevelGuidance"]


@pytest.fixture
def framework(db, tmp_path) -> Framework:
    return load_framework_file(write_text(tmp_path, name="source.yaml")).framework


def _export(tmp_path, name: str, *options: str) -> str:
    out = StringIO()
    call_command(
        "export_framework", "test-pillar", *options, "--output", str(tmp_path / name), stdout=out
    )
    return out.getvalue()


@pytest.mark.parametrize("name", ["export.yaml", "export.yml", "export.xlsx"])
def test_an_exported_file_loads_back_unchanged(framework, tmp_path, name):
    count = Framework.objects.count()

    _export(tmp_path, name)
    again = load_framework_file(tmp_path / name)

    assert not again.created
    assert again.framework == framework
    assert Framework.objects.count() == count


def test_the_exported_document_is_the_loaded_document(framework, tmp_path):
    source = read_framework_file(write_text(tmp_path))

    document = framework_document(framework)

    assert document == source
    assert content_hash(document) == framework.content_hash


def test_the_yaml_export_is_readable_and_keeps_the_file_order(framework, tmp_path):
    _export(tmp_path, "export.yaml")

    text = (tmp_path / "export.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# test-pillar version 1: Test pillar"
    assert lines[1:3] == ["slug: test-pillar", "status: draft"]
    assert "        fr: Inexistant" in lines
    assert "La loi minière définit l'EMAPE." in text  # not escaped
    assert text.index("6.1.1.a") < text.index("6.1.2.a") < text.index("6.2.1.b")
    assert "    es:" not in text.split("6.1.1.b")[1].split("6.1.2")[0]  # no empty translations


def test_the_excel_export_is_a_real_workbook_in_the_documented_layout(framework, tmp_path):
    _export(tmp_path, "export.xlsx")

    assert (tmp_path / "export.xlsx").read_bytes()[:2] == b"PK"
    book = openpyxl.load_workbook(tmp_path / "export.xlsx")
    assert book.sheetnames == SHEETS
    indicators = list(book["Indicators"].iter_rows(values_only=True))
    assert indicators[0][:5] == ("recommendation", "code", "weight", "tags", "statement_en")
    assert indicators[0] == sheet_columns("Indicators")
    assert indicators[4][:4] == ("6.2.1", "6.2.1.a", 0.5, "minamata-c-b, seed-1")
    assert len(indicators) == 1 + 5
    framework_rows = dict(book["Framework"].iter_rows(min_row=2, values_only=True))
    assert framework_rows["slug"] == "test-pillar"
    assert framework_rows["title_fr"] == "Pilier de test"
    assert framework_rows["not_applicable"] is True


def test_the_newest_version_is_exported_unless_a_version_is_given(framework, tmp_path):
    changed = replaced("ASM activity is mapped.", "ASM activity is mapped yearly.")
    newest = load_framework_file(write_text(tmp_path, changed, name="changed.yaml")).framework

    _export(tmp_path, "newest.yaml")
    out = _export(tmp_path, "first.xlsx", "--version", "1")

    assert content_hash(read_framework_file(tmp_path / "newest.yaml")) == newest.content_hash
    assert content_hash(read_framework_file(tmp_path / "first.xlsx")) == framework.content_hash
    assert out == WRITTEN.format(path=tmp_path / "first.xlsx", framework=framework) + "\n"


def test_exporting_takes_a_fixed_number_of_queries(framework, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        framework_document(framework)


@pytest.mark.django_db
def test_an_unknown_framework_or_version_fails(tmp_path):
    with pytest.raises(CommandError) as unknown:
        _export(tmp_path, "export.yaml")
    with pytest.raises(CommandError) as raised:
        _export(tmp_path, "export.yaml", "--version", "3")
    assert str(unknown.value) == UNKNOWN_FRAMEWORK.format(slug="test-pillar", version="any")
    assert str(raised.value) == UNKNOWN_FRAMEWORK.format(slug="test-pillar", version=3)
    assert not (tmp_path / "export.yaml").exists()


def test_an_unsupported_extension_fails(framework, tmp_path):
    with pytest.raises(CommandError) as raised:
        _export(tmp_path, "export.csv")

    assert str(raised.value) == UNSUPPORTED_FILE_TYPE.format(suffix=".csv")
    with pytest.raises(ValueError):
        export_framework(framework, tmp_path / "export.json")
