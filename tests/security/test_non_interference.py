"""Non-interference: what a country's user or a signed-out visitor sees does not depend, by a
single character, on other countries' unpublished data.

On the demo data set (14 countries, rounds 2022/2024/2026 in every status, plans, comments,
evidence), each observer crawls every page its links reach from the home page, plus the
htmx fragments, the exports, the JSON API and the PDF reports' text. Then every unpublished
rating, justification, reason, comment, evidence title and plan of the other countries is
changed, with the ASM profiles (what comparisons may be narrowed by), and everything is read
again: it must read exactly the same.
"""

import re
from collections import deque
from datetime import date
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test import Client
from pypdf import PdfReader

from accounts.models import User
from assessment.models import AsmProfile, Assessment, Comment, Evidence, Response
from assessment.scores import clear_framework_indexes
from plans.models import Action, Plan, Practice, Problem
from reports.pdf import report_pdf
from reports.report_context import country_report_context, regional_report_context
from scores.comparison import invalidate
from scores.query import ComparisonQuery

pytestmark = pytest.mark.django_db

OWN_COUNTRY = "SEN"
MAX_PAGES = 2000
SKIPPED_PATHS = re.compile(r"^/(static|media|admin|i18n|health)/|/accounts/|/sign-out/|/logout/")
LINK = re.compile(r'(?:href|data-hx-get)="([^"#]+)')
# Words of the demo's justifications, practices and case studies, in its languages.
SEARCHES = ["permis", "orpailleurs", "mining", "minería", "licencias", "cooperativa", "gold",
            "amalgame", "mercure", "Demo"]  # fmt: skip
# What differs between two requests for reasons that have nothing to do with the data.
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'"X-CSRFToken": ?"[^"]*"'),
    re.compile(r'name="csrf-token" content="[^"]*"'),
    re.compile(r'name="dcterms.created" content="[^"]*"'),  # a report's build time
    re.compile(r"'Exported at \(UTC\)', '[^']*'"),  # a workbook's
]


@pytest.fixture
def demo_world(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()
    clear_framework_indexes()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    invalidate()
    yield
    cache.clear()


def observers() -> dict[str, Client]:
    visitor = Client()
    member = Client()
    member.force_login(User.objects.get(username=f"{OWN_COUNTRY.lower()}-contributor"))
    return {"visitor": visitor, "contributor": member}


def extra_urls() -> list[str]:
    """What no link leads to but a script or a program asks for: the htmx fragments of
    every indicator and the JSON API, for every assessment (readable or not)."""
    urls = ["/api/assessments/?include_drafts=true", "/api/countries/"]
    for assessment in Assessment.objects.order_by("pk"):
        pk = assessment.pk
        response = assessment.responses.order_by("pk").first()
        urls += [
            f"/api/assessments/{pk}/scores/",
            f"/en/assessments/{pk}/",
            f"/en/assessments/{pk}/areas/6.3/",
            f"/en/assessments/{pk}/profile/",
            f"/en/assessments/{pk}/responses/{response.pk}/",
            f"/en/assessments/{pk}/responses/{response.pk}/history/",
            f"/en/assessments/{pk}/workbook/",
            f"/en/dashboards/{pk}/",
            f"/en/dashboards/{pk}/scores.csv",
            f"/en/dashboards/{pk}/scores.xlsx",
            f"/en/plans/{pk}/",
            f"/en/plans/{pk}/gaps/",
            f"/en/plans/{pk}/timeline/",
            f"/en/plans/{pk}/export.csv",
            f"/en/reports/assessments/{pk}/",
        ]
    for round_ in ["2022", "2024", "2026"]:
        for group in ["m49", "igf", "subregion"]:
            urls.append(f"/api/comparison/?framework=mpf-pillar-6&round={round_}&group={group}")
            urls.append(
                f"/api/comparison/?framework=mpf-pillar-6&version=1&round={round_}&group={group}"
            )
    urls += [f"/en/practices/search/?q={quote(word)}" for word in SEARCHES]
    urls += ["/en/practices/cases/", "/en/practices/cases/?language=pt"]
    for fact in ["national_action_plan", "minamata_party", "eiti"]:
        urls.append(f"/api/comparison/?framework=mpf-pillar-6&version=1&profile={fact}")
        urls.append(f"/en/compare/?profile={fact}")
    return urls


def crawl(client: Client, start: list[str]) -> dict[str, tuple[int, str]]:
    """Every page reached from `start` by the links on the pages: url -> (status, body)."""
    seen: dict[str, tuple[int, str]] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        body = _text(response)
        seen[url] = (response.status_code, body)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for link in LINK.findall(body):
                target = _local(url, link.replace("&amp;", "&"))
                if target and target not in seen:
                    queue.append(target)
    return seen


def _local(base: str, link: str) -> str | None:
    parts = urlsplit(urljoin(f"http://testserver{base}", link))
    if parts.netloc != "testserver" or SKIPPED_PATHS.search(parts.path):
        return None
    if not parts.path.startswith(("/en/", "/api/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats-officedocument"):
        text = _xlsx_text(content)
    else:
        text = content.decode("utf-8", errors="replace")
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return text


def _xlsx_text(content: bytes) -> str:
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(content), read_only=True)
    return "\n".join(
        repr(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
    )


def pdf_texts(user) -> dict[str, str]:
    """The country report of another country's published assessment and the regional report,
    as `user` would download them."""
    texts = {}
    published = Assessment.objects.published().exclude(country__iso3=OWN_COUNTRY)
    for assessment in published.select_related("country", "framework").order_by("pk")[:1]:
        context = country_report_context(assessment, user=user, language="en")
        texts[f"country {assessment}"] = _pdf_text(report_pdf("country", context))
    framework = Assessment.objects.first().framework
    query = ComparisonQuery(framework=framework, rounds=("2024",), grouping="m49")
    context = regional_report_context(query, user=user, language="en")
    texts["regional 2024"] = _pdf_text(report_pdf("regional", context))
    return texts


def _pdf_text(content: bytes) -> str:
    from io import BytesIO

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def change_other_countries_unpublished_data() -> None:
    """Every unpublished rating, justification, reason, comment, evidence title and plan of
    every country but the observer's."""
    others = Assessment.objects.exclude(country__iso3=OWN_COUNTRY)
    unpublished = others.exclude(status=Assessment.Status.PUBLISHED)
    responses = Response.objects.filter(assessment__in=unpublished)
    for response in responses.select_related("assessment__framework"):
        levels = list(response.assessment.framework.levels.order_by("code"))
        rated = response.level_id is not None
        response.level = None if rated else levels[-1]
        response.not_applicable = False
        response.justification += " (changed in secret)"
        response.save(update_fields=["level", "not_applicable", "justification"])
    Evidence.objects.filter(response__assessment__in=unpublished).update(
        title=Concat(F("title"), Value(" (changed in secret)"))
    )
    Comment.objects.filter(response__assessment__in=others).update(
        body=Concat(F("body"), Value(" (changed in secret)"))
    )
    for assessment in others:
        response = assessment.responses.order_by("pk").first()
        Comment.objects.create(response=response, body="A new confidential remark")
    Plan.objects.filter(assessment__in=unpublished).update(
        vision=Concat(F("vision"), Value(" (changed in secret)"))
    )
    Problem.objects.filter(plan__assessment__in=unpublished).update(
        text=Concat(F("text"), Value(" (changed in secret)"))
    )
    Action.objects.filter(problem__plan__assessment__in=unpublished).update(
        description=Concat(F("description"), Value(" (changed in secret)"))
    )
    Practice.objects.filter(plan__assessment__in=unpublished).update(
        name=Concat(F("name"), Value(" (changed in secret)"))
    )
    for profile in AsmProfile.objects.filter(assessment__in=unpublished):
        profile.minerals += " (changed in secret)"
        profile.minamata_plan = None if profile.minamata_plan else date(2020, 1, 1)
        profile.eiti_status = "" if profile.eiti_status else AsmProfile.EitiStatus.IMPLEMENTING
        profile.save()
    invalidate()
    cache.clear()
    clear_framework_indexes()


def test_other_countries_unpublished_data_never_shows(demo_world):
    clients = observers()
    users = {"visitor": None, "contributor": User.objects.get(username="sen-contributor")}
    before = {
        name: crawl(client, ["/en/", "/en/countries/", "/en/compare/", *extra_urls()])
        for name, client in clients.items()
    }
    pdfs_before = {name: pdf_texts(user) for name, user in users.items()}
    assert len(before["contributor"]) > 100, "the crawl reached too few pages to mean much"
    assert any("/areas/" in url for url in before["contributor"]), "no area page was reached"

    change_other_countries_unpublished_data()

    for name, client in clients.items():
        for url, (status, body) in before[name].items():
            again_status, again_body = _again(client, url)
            assert (again_status, again_body) == (status, body), f"{name} sees a change at {url}"
    for name, user in users.items():
        assert pdf_texts(user) == pdfs_before[name], f"{name}'s PDF reports changed"


def _again(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, _text(response)


def test_the_change_is_seen_by_those_who_may_see_it(demo_world):
    """The same change does show to IGF: the test above does not pass by seeing nothing."""
    analyst = Client()
    analyst.force_login(User.objects.get(username="analyst"))
    draft = (
        Assessment.objects.exclude(country__iso3=OWN_COUNTRY)
        .exclude(status=Assessment.Status.PUBLISHED)
        .order_by("pk")
        .first()
    )
    url = f"/en/assessments/{draft.pk}/areas/6.1/"
    profile = f"/en/assessments/{draft.pk}/profile/"
    before, profile_before = analyst.get(url).content, analyst.get(profile).content
    change_other_countries_unpublished_data()
    assert analyst.get(url).content != before
    assert analyst.get(profile).content != profile_before


def test_peers_and_search_never_show_unpublished_data_even_to_an_analyst(demo_world):
    """Peer examples and searched justifications follow the published-for-everyone rule:
    what an analyst reads there does not change when unpublished data changes."""
    analyst = Client()
    analyst.force_login(User.objects.get(username="analyst"))
    senegal = Assessment.objects.get(country__iso3=OWN_COUNTRY, round="2026")
    codes = senegal.responses.values_list("indicator__code", flat=True)
    urls = [f"/en/practices/peers/{senegal.pk}/{code}/" for code in codes]
    urls += [f"/en/practices/search/?q={quote(word)}" for word in SEARCHES if word != "amalgame"]
    before = {url: _again(analyst, url) for url in urls}
    assert any("peer-example" in body for _status, body in before.values())
    change_other_countries_unpublished_data()
    for url, seen in before.items():
        assert _again(analyst, url) == seen, f"the analyst sees a change at {url}"
