"""The library of case studies: analysts write, translate and publish; readers browse and
filter the published ones."""

import pytest
from django.urls import reverse
from django.utils import timezone

from countries.models import Country
from frameworks.models import Indicator, Tag
from practices.case_views import ONLY_ANALYSTS_WRITE
from practices.forms import TRANSLATION_EXISTS, TRANSLATION_SAME_LANGUAGE
from practices.models import CaseStudy

pytestmark = pytest.mark.django_db


def make_case(title, iso3="SEN", *, language="en", status="published", minerals="gold",
              codes=(), tags=(), original=None):  # fmt: skip
    case = CaseStudy.objects.create(
        title=title, country=Country.objects.get(iso3=iso3), minerals=minerals,
        practice=f"{title}: the practice", what_was_done="Training", results="Results",
        language=language, status=status, original=original,
        published_at=timezone.now() if status == "published" else None,
    )  # fmt: skip
    case.indicators.set(Indicator.objects.filter(code__in=codes))
    case.recommendations.set(Tag.objects.filter(code__in=tags))
    return case


@pytest.fixture
def library(pillar6):
    coop = make_case("Gold cooperative in Kédougou", codes=["6.1.1.a"], tags=["seed-4"])
    return {
        "coop": coop,
        "coop-fr": make_case("Coopérative aurifère de Kédougou", language="fr", original=coop,
                             codes=["6.1.1.a"], tags=["seed-4"]),
        "tin": make_case("Tin traceability in the Andes", "ECU", minerals="tin, tungsten",
                         codes=["6.2.4.a"], tags=["seed-2"]),
        "draft": make_case("Unfinished mercury case", "MNG", status="draft", codes=["6.1.1.a"]),
    }  # fmt: skip


def titles(page) -> list[str]:
    return [case.title for case in page.context["cases"]]


def test_visitors_browse_published_cases_once_per_story_in_their_language(client, library):
    page = client.get(reverse("practices:case_list"))
    assert page.status_code == 200
    assert sorted(titles(page)) == ["Gold cooperative in Kédougou", "Tin traceability in the Andes"]
    french = client.get(reverse("practices:case_list").replace("/en/", "/fr/"))
    assert "Coopérative aurifère de Kédougou" in titles(french)
    assert "Gold cooperative in Kédougou" not in titles(french)


@pytest.mark.parametrize(
    "query,expected",
    [
        ("indicator=6.1.1.a", ["Gold cooperative in Kédougou"]),
        ("recommendation=seed-2", ["Tin traceability in the Andes"]),
        ("region=419", ["Tin traceability in the Andes"]),
        ("region=002", ["Gold cooperative in Kédougou"]),
        ("mineral=TUNGSTEN", ["Tin traceability in the Andes"]),
        ("language=fr", ["Coopérative aurifère de Kédougou"]),
        ("indicator=6.1.1.a&language=en", ["Gold cooperative in Kédougou"]),
        ("region=zzz", ["Gold cooperative in Kédougou", "Tin traceability in the Andes"]),
    ],
)
def test_readers_filter_the_library(client, library, query, expected):
    page = client.get(reverse("practices:case_list") + "?" + query)
    assert sorted(titles(page)) == expected


def test_drafts_are_for_igf_staff_only(client, library, focal_a, analyst):
    draft = reverse("practices:case", args=[library["draft"].pk])
    assert client.get(draft).status_code == 404
    client.force_login(focal_a)
    assert client.get(draft).status_code == 404
    assert "Unfinished mercury case" not in titles(client.get(reverse("practices:case_list")))
    client.force_login(analyst)
    assert client.get(draft).status_code == 200
    assert "Unfinished mercury case" in titles(client.get(reverse("practices:case_list")))


def test_the_library_reads_in_a_fixed_number_of_queries(
    client, library, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(reverse("practices:case_list") + "?indicator=6.1.1.a")


def test_an_analyst_writes_a_draft_then_publishes_it(client, analyst, library):
    client.force_login(analyst)
    senegal = Country.objects.get(iso3="SEN")
    indicator = Indicator.objects.filter(code="6.3.2.a").order_by("-pk").first()
    answer = client.post(reverse("practices:case_new"), {
        "title": "Retorts in Kédougou", "language": "en", "country": senegal.pk,
        "minerals": "gold", "practice": "Amalgam burnt in the open", "what_was_done": "Retorts",
        "results": "Less mercury", "indicators": [indicator.pk],
    })  # fmt: skip
    case = CaseStudy.objects.get(title="Retorts in Kédougou")
    assert answer.status_code == 302 and answer["Location"] == case.get_absolute_url()
    assert case.status == "draft" and case.created_by == analyst
    assert [i.code for i in case.indicators.all()] == ["6.3.2.a"]
    client.post(reverse("practices:case_publish", args=[case.pk]))
    case.refresh_from_db()
    assert case.is_published and case.published_at is not None
    client.post(reverse("practices:case_publish", args=[case.pk]), {"publish": "0"})
    case.refresh_from_db()
    assert case.status == "draft" and case.published_at is None


def test_a_translation_is_another_language_and_only_one_per_language(client, analyst, library):
    client.force_login(analyst)
    coop = library["coop"]
    data = {"title": "Cooperativa", "country": coop.country_id, "minerals": "ouro",
            "practice": "p", "what_was_done": "w", "results": "r", "original": coop.pk}  # fmt: skip
    same = client.post(reverse("practices:case_new"), {**data, "language": "en"})
    assert str(TRANSLATION_SAME_LANGUAGE) in same.content.decode()
    taken = client.post(reverse("practices:case_new"), {**data, "language": "fr"})
    assert str(TRANSLATION_EXISTS % {"language": "French"}) in taken.content.decode()
    assert client.post(reverse("practices:case_new"), {**data, "language": "pt"}).status_code == 302
    page = client.get(reverse("practices:case", args=[coop.pk])).content.decode()
    assert "Cooperativa" in page and "Coopérative aurifère de Kédougou" in page


def test_ministry_staff_and_visitors_may_not_write(client, focal_a, library):
    case = library["coop"]
    assert client.get(reverse("practices:case_new")).status_code == 302  # to sign in
    client.force_login(focal_a)
    for url in (reverse("practices:case_new"), reverse("practices:case_edit", args=[case.pk])):
        answer = client.get(url)
        assert answer.status_code == 403
        assert str(ONLY_ANALYSTS_WRITE) in answer.content.decode()
    assert client.post(reverse("practices:case_publish", args=[case.pk]), {"publish": "0"}
                       ).status_code == 403  # fmt: skip
    case.refresh_from_db()
    assert case.is_published


def test_publishing_needs_a_post(client, analyst, library):
    client.force_login(analyst)
    assert (
        client.get(reverse("practices:case_publish", args=[library["coop"].pk])).status_code == 405
    )


def test_each_indicator_of_the_framework_page_links_to_its_case_studies(client, pillar6):
    page = client.get(pillar6.get_absolute_url()).content.decode()
    assert reverse("practices:case_list") + "?indicator=6.1.1.a" in page
