"""The gettext catalogues are complete for every string of the code and templates."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LANGUAGES = ["fr", "es", "pt"]
LOCALE = Path(settings.BASE_DIR) / "locale"


def catalogue(language: str, locale_dir: Path = LOCALE):
    with open(locale_dir / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


def untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(strings)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_catalogue_is_translated(language):
    missing = [m.id for m in catalogue(language) if m.id and untranslated(m)]
    assert missing == []


def test_the_catalogues_hold_every_string_of_the_code(tmp_path):
    """Extract the strings of a copy of the project: a string missing from our catalogue
    would show untranslated."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("gettext is required in CI (apt-get install gettext)")
        pytest.skip("gettext is not installed")
    copy = tmp_path / "project"
    skip = shutil.ignore_patterns(".venv", "var", "tests", "vendor", "node_modules", ".git", "*.mo")
    shutil.copytree(settings.BASE_DIR, copy, ignore=skip)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--ignore", "static"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/unused.sqlite3"},
    )
    ours = {m.id for m in catalogue("fr")}
    extracted = {m.id for m in catalogue("fr", copy / "locale")}
    assert sorted(map(str, extracted - ours)) == []
