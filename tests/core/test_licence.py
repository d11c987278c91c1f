"""The licence: the AGPL's text, the footer's source code link, the About page and the
deployment check that asks for the link."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def test_the_licence_file_is_the_agpl_that_pyproject_declares():
    pyproject = tomllib.loads((BASE / "pyproject.toml").read_text())["project"]
    assert pyproject["license"] == "AGPL-3.0-or-later"
    assert set(pyproject["license-files"]) == {"LICENSE", "THIRD_PARTY_NOTICES.md"}
    text = (BASE / "LICENSE").read_text()
    assert text.split()[:8] == [
        "GNU",
        "AFFERO",
        "GENERAL",
        "PUBLIC",
        "LICENSE",
        "Version",
        "3,",
        "19",
    ]
    assert "13. Remote Network Interaction; Use with the GNU General Public\nLicense." in text
    assert text.rstrip().endswith("the GNU AGPL, see <http://www.gnu.org/licenses/>.")


def test_the_build_backend_understands_the_spdx_licence_string():
    requires = tomllib.loads((BASE / "pyproject.toml").read_text())["build-system"]["requires"]
    assert requires == ["setuptools>=77"]


def test_the_footer_links_to_the_configured_source_code(client, db, settings):
    settings.SOURCE_CODE_URL = "https://code.example.org/mpf-assess/-/tree/v0.1.0"
    page = client.get("/en/").content.decode()
    assert 'href="https://code.example.org/mpf-assess/-/tree/v0.1.0">Source code</a>' in page


def test_without_a_configured_url_the_source_code_link_leads_to_the_about_page(client, db):
    page = client.get("/en/").content.decode()
    assert 'href="/en/about/#source-code">Source code</a>' in page
    about = client.get("/en/about/").content.decode()
    assert 'id="source-code"' in about and "/en/about/licence.txt" in about


def test_the_licence_and_the_notices_are_served_as_text(client, db):
    for name, file in (("licence", "LICENSE"), ("notices", "THIRD_PARTY_NOTICES.md")):
        response = client.get(f"/en/about/{name}.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert b"".join(response.streaming_content) == (BASE / file).read_bytes()
    assert client.get("/en/about/settings.txt").status_code == 404


def test_check_deploy_asks_for_the_source_code_url():
    env = {
        **{k: v for k, v in os.environ.items() if k != "SOURCE_CODE_URL"},
        "DJANGO_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org",
    }  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "security"],
        cwd=BASE, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert "config.W001" in result.stdout + result.stderr
    env["SOURCE_CODE_URL"] = "https://code.example.org/mpf-assess"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "security"],
        cwd=BASE, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert "config.W001" not in result.stdout + result.stderr
