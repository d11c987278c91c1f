"""The gettext catalogues are complete for every string of the code and templates."""

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

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


def test_the_catalogues_hold_every_string_of_the_code(tmp_path, monkeypatch):
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("gettext is required in CI (apt-get install gettext)")
        pytest.skip("gettext is not installed")
    shutil.copytree(LOCALE / "fr", tmp_path / "fr")
    monkeypatch.setattr(settings, "LOCALE_PATHS", [tmp_path])
    monkeypatch.chdir(settings.BASE_DIR)
    call_command(
        "makemessages", locale=["fr"], ignore_patterns=[".venv", "var", "tests"], verbosity=0
    )
    ours = {m.id for m in catalogue("fr")}
    extracted = {m.id for m in catalogue("fr", tmp_path)}
    assert sorted(map(str, extracted - ours)) == []
