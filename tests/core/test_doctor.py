"""`manage.py doctor`: each system dependency, and the exact apt-get line for what is missing."""

import pytest
from django.core.management import call_command

from config import system


@pytest.fixture
def no_test_tools(monkeypatch, tmp_path, settings):
    """A server with the application's needs but none of the tests' (no Chromium, Java,
    gettext, npm or the npm tools)."""
    real_which = system.shutil.which
    missing = {"chromium", "java", "xgettext", "npm"}
    monkeypatch.setattr(
        system.shutil, "which", lambda name: None if name in missing else real_which(name)
    )
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    settings.BASE_DIR = tmp_path  # no tools/node_modules there


def test_missing_test_tools_are_listed_with_one_apt_get_line_and_the_npm_command(
    db, no_test_tools, capsys
):
    call_command("doctor")  # the application itself lacks nothing: no failure
    out = capsys.readouterr().out
    for name in ("Chromium", "Java", "axe-core, vnu-jar (npm)", "GNU gettext"):
        assert f"MISSING  {name}" in out
    assert "  apt-get install chromium default-jre-headless npm gettext\n" in out
    assert "  npm ci --prefix tools --omit=dev\n" in out


def test_a_configured_redis_that_does_not_answer_is_a_missing_dependency(settings, capsys):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    checks = {check.name: check for check in system.application_checks()}
    assert not checks["Redis"].ok
    assert checks["Redis"].apt == ("redis-server",)
    assert "REDIS_URL" in checks["Redis"].problem


def test_postgresql_and_redis_are_checked_only_when_configured(settings):
    settings.REDIS_URL = ""
    names = {check.name for check in system.application_checks()}
    engine = settings.DATABASES["default"]["ENGINE"]
    assert ("PostgreSQL" in names) == (engine == "django.db.backends.postgresql")
    assert "Redis" not in names
