import os
import subprocess
import sys

from django.conf import settings


def _settings_in_a_fresh_process(**env):
    """Import the settings in a new interpreter with the given environment."""
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env)
    code = environment.pop("CHECK", "import config.settings as s; print(s.DEBUG, s.DEMO_MODE)")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_a_fresh_process(DJANGO_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_refuses_to_start_without_a_secret_key():
    result = _settings_in_a_fresh_process(DEBUG="0")
    assert "SECRET_KEY is not set" in result.stderr


def test_demo_mode_is_never_on_in_production():
    result = _settings_in_a_fresh_process(
        DJANGO_ENV="production", SECRET_KEY="x" * 50, DEMO_MODE="1"
    )
    assert result.stdout.split()[:2] == ["False", "False"]


def test_the_default_database_is_sqlite_with_wal_and_immediate_transactions():
    result = _settings_in_a_fresh_process(
        DATABASE_URL="",
        CHECK="import config.settings as s; o = s.DATABASES['default']['OPTIONS']; "
        "print(s.DATABASES['default']['ENGINE'], o['transaction_mode'], o['timeout'], "
        "'journal_mode=WAL' in o['init_command'])",
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "IMMEDIATE", "20", "True"]
