"""At 390 px (a phone held upright), no main page of any role scrolls sideways: tables
scroll inside their own box, button bars wrap, tags break."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessment.models import Assessment
from demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
WIDEST = "() => document.documentElement.scrollWidth"
# What sticks out: the outermost elements wider than the window (for the failure message).
CULPRITS = """(width) => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > width + 1
    && e.parentElement.getBoundingClientRect().right <= width + 1
    && !e.parentElement.closest(".table-responsive, .save-status, .visually-hidden"))
  .slice(0, 3).map((e) => e.tagName.toLowerCase() + "." + [...e.classList].join("."))"""


@pytest.fixture
def demo(pillar6):
    call_command("load_demo", stdout=StringIO())
    by_key = {
        (a.country.iso3, a.round): a
        for a in Assessment.objects.select_related("country", "framework").filter(is_demo=True)
    }
    return by_key


def main_pages(demo) -> dict[str, list[str]]:
    """{role's username ("" for a visitor): the main paths of that role}."""
    sen_2024, sen_2026, dom_2026 = demo["SEN", "2024"], demo["SEN", "2026"], demo["DOM", "2026"]
    framework = sen_2026.framework
    public = [
        reverse("home"),
        reverse("frameworks:detail", args=[framework.slug, framework.version]),
        reverse("countries:detail", args=["SEN"]),
        reverse("scores:compare"),
        reverse("scores:dashboard", args=[sen_2024.pk]),
        reverse("plans:detail", args=[sen_2024.pk]),
    ]
    team = [
        reverse("workspace:my_work"),
        reverse("assessment:list"),
        reverse("assessment:detail", args=[sen_2026.pk]),
        reverse("assessment:area", args=[sen_2026.pk, "6.1"]),
        reverse("assessment:area", args=[sen_2026.pk, "6.3"]),
        reverse("scores:dashboard", args=[sen_2026.pk]),
        reverse("plans:detail", args=[sen_2026.pk]),
        reverse("plans:gaps", args=[sen_2026.pk]),
        reverse("plans:timeline", args=[sen_2026.pk]),
    ]
    igf = [
        reverse("workspace:my_work"),
        reverse("workspace:my_work") + "?status=submitted&region=africa",
        reverse("assessment:detail", args=[dom_2026.pk]),
        reverse("assessment:area", args=[dom_2026.pk, "6.3"]),
        reverse("scores:compare") + "?include_drafts=on&round=2024&round=2026",
        reverse("scores:dashboard", args=[dom_2026.pk]),
    ]
    return {
        "": public,
        "sen-contributor": public + team,
        "sen-focal": public + team,
        "analyst": public + igf,
        "admin": public + igf,
    }


def test_no_main_page_scrolls_sideways_at_390_px_for_any_role(chromium, live_server, demo):
    too_wide = []
    for username, paths in main_pages(demo).items():
        context = chromium.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
        context.set_default_timeout(15_000)
        page = context.new_page()
        if username:
            page.goto("/fr/accounts/sign-in/")
            page.locator("#id_username").fill(username)
            page.locator("#id_password").fill(DEMO_PASSWORD)
            page.locator("main form [type=submit]").click()
            page.wait_for_load_state()
        for path in paths:
            page.goto(path.replace("/en/", "/fr/", 1))
            page.wait_for_load_state("networkidle")
            width = page.evaluate(WIDEST)
            if width > PHONE["width"]:
                culprits = page.evaluate(CULPRITS, PHONE["width"])
                too_wide.append(f"{username or 'visitor'} {path}: {width} px {culprits}")
        context.close()
    assert too_wide == [], "\n".join(too_wide)
