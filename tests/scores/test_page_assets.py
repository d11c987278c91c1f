"""What a page makes the browser download: plotly.js only where charts are drawn, and only
our partial bundle; every script deferred; the icon font cut down to the icons we show."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from .conftest import Status, make_assessment

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")
ICON = re.compile(r"\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)")


def scripts_of(html: str) -> list[str]:
    return SCRIPT.findall(html)


@pytest.fixture
def chart_pages(five_countries, pillar6):
    senegal = five_countries["SEN"]
    return {
        "dashboard": reverse("scores:dashboard", args=[senegal.pk]),
        "comparison": reverse("scores:compare"),
    }


def test_the_chart_pages_load_only_our_partial_plotly_bundle(client, analyst, chart_pages):
    client.force_login(analyst)
    for name, url in chart_pages.items():
        html = client.get(url).content.decode()
        plotly = [src for src in scripts_of(html) if "plotly" in src]
        assert plotly == ["/static/vendor/plotly/plotly-partial.min.js"], name


def test_pages_without_charts_load_no_plotly(client, analyst, five_countries):
    client.force_login(analyst)
    senegal = five_countries["SEN"]
    for url in [
        reverse("home"),
        reverse("accounts:login"),
        reverse("assessment:detail", args=[senegal.pk]),
        reverse("assessment:area", args=[senegal.pk, "6.2"]),
    ]:
        html = client.get(url).content.decode()
        assert not [src for src in scripts_of(html) if "plotly" in src], url


def test_every_script_of_a_page_is_deferred(client, analyst, chart_pages, five_countries):
    client.force_login(analyst)
    urls = [
        *chart_pages.values(),
        reverse("assessment:area", args=[five_countries["SEN"].pk, "6.1"]),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        assert tags, url
        assert all(" defer" in tag for tag in tags), url


def test_the_comparison_names_the_map_file_through_the_static_storage(
    client, analyst, chart_pages, pillar6
):
    make_assessment(pillar6, "SEN", "2022", Status.PUBLISHED, {"6.1": 2, "6.2": 2, "6.3": 2})
    client.force_login(analyst)
    html = client.get(chart_pages["comparison"]).content.decode()
    assert 'data-topojson-url="/static/vendor/plotly/topojson/world_110m.json"' in html


def used_icons() -> set[str]:
    names = set()
    for folder in ["templates", "scores", "assessment", "accounts", "plans", "reports", "config"]:
        for path in (settings.BASE_DIR / folder).rglob("*"):
            if path.suffix in {".html", ".py"}:
                names.update(ICON.findall(path.read_text(encoding="utf-8")))
    # Built from parts in templates/assessment/partials/evidence.html.
    return names | {"journal-text", "file-earmark-arrow-down", "link-45deg"}


def test_the_icon_font_holds_every_icon_the_templates_use_and_little_else():
    """A new icon in a template: run `make icons` (tools/subset_icons.py) and commit."""
    css_path = finders.find("vendor/bootstrap-icons/bootstrap-icons.min.css")
    with open(css_path, encoding="utf-8") as file:
        css = file.read()
    styled = set(re.findall(r"\.bi-([a-z0-9-]+)::before", css))
    assert used_icons() - styled == set()
    font = finders.find("vendor/bootstrap-icons/fonts/bootstrap-icons.woff2")
    with open(font, "rb") as file:
        assert file.read(4) == b"wOF2"
    assert 'url("fonts/bootstrap-icons.woff2")' in css
    assert len(styled) < 100
