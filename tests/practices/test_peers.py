"""Peers who do it well: published ratings of other countries, and the plan action made
from one of them."""

import pytest
from django.urls import reverse

from plans.models import Action
from practices.peers import peer_examples

from .conftest import WEAK_CODE

pytestmark = pytest.mark.django_db

SECRETS = ("SECRET-UGA", "SECRET-NAM", "SECRET-ECU")


def peers_url(assessment, code=WEAK_CODE):
    return reverse("practices:peers", args=[assessment.pk, code])


def action_url(assessment, code=WEAK_CODE):
    return reverse("practices:peer_action", args=[assessment.pk, code])


def test_peers_are_published_largely_or_fully_in_place_same_region_first(weak_a, peers):
    examples = peer_examples(weak_a, WEAK_CODE)
    assert [(e.country.iso3, e.assessment.round) for e in examples] == [
        ("RWA", "2024"), ("ECU", "2022")
    ]  # fmt: skip
    assert examples[0].same_region and not examples[1].same_region
    law = examples[0].legal_references[0]
    assert (law.instrument, law.article, law.date.year) == ("Law No. 13/2014 on mining", "art. 7",
                                                            2014)  # fmt: skip


def test_within_a_region_the_most_recent_round_comes_first(weak_a, peers, pillar6, analyst):
    from countries.models import Country

    from .conftest import rated

    rated(Country.objects.get(iso3="MNG"), "2025", pillar6, analyst, status="published", level=3)
    rated(Country.objects.get(iso3="KGZ"), "2022", pillar6, analyst, status="published", level=3)
    codes = [e.country.iso3 for e in peer_examples(weak_a, WEAK_CODE)]
    assert codes == ["RWA", "MNG", "ECU", "KGZ"]


def test_the_country_itself_is_never_its_own_peer(weak_a, peers, senegal, pillar6, focal_a):
    from .conftest import rated

    rated(senegal, "2024", pillar6, focal_a, status="published", level=4)
    assert "SEN" not in [e.country.iso3 for e in peer_examples(weak_a, WEAK_CODE)]


@pytest.mark.parametrize("who", ["focal_a", "contributor_a", "analyst", "administrator"])
def test_unpublished_ratings_never_appear_whoever_asks(request, client, weak_a, peers, who):
    client.force_login(request.getfixturevalue(who))
    pages = [
        client.get(peers_url(weak_a)),
        client.get(peers_url(weak_a), headers={"HX-Request": "true"}),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert "Rwanda" in text and "Law No. 13/2014 on mining" in text and "art. 7" in text
        assert not any(secret in text for secret in SECRETS)
        assert "Uganda" not in text and "Namibia" not in text


def test_the_gap_list_and_the_area_page_offer_the_peers_panel_without_its_content(
    client, focal_a, weak_a, peers
):
    client.force_login(focal_a)
    for url in (reverse("plans:gaps", args=[weak_a.pk]),
                reverse("assessment:area", args=[weak_a.pk, "6.1"])):  # fmt: skip
        text = client.get(url).content.decode()
        assert peers_url(weak_a) in text
        assert "Rwanda" not in text and not any(secret in text for secret in SECRETS)


def test_the_peers_fragment_reads_in_a_fixed_number_of_queries(
    client, focal_a, weak_a, peers, django_assert_max_num_queries
):
    client.force_login(focal_a)
    with django_assert_max_num_queries(14):
        client.get(peers_url(weak_a), headers={"HX-Request": "true"})


def test_a_reader_of_a_published_assessment_sees_peers_but_no_action_button(client, focal_b, peers):
    client.force_login(focal_b)
    page = client.get(peers_url(peers["RWA"]))
    assert page.status_code == 200
    assert "Make a plan action" not in page.content.decode()


def test_another_countrys_unpublished_assessment_is_not_found(client, focal_a, peers):
    client.force_login(focal_a)
    assert client.get(peers_url(peers["UGA"])).status_code == 404


def test_an_unknown_indicator_is_not_found(client, focal_a, weak_a):
    client.force_login(focal_a)
    assert client.get(peers_url(weak_a, "9.9.9.z")).status_code == 404


def test_visitors_are_sent_to_sign_in(client, weak_a):
    assert client.get(peers_url(weak_a)).status_code == 302


def test_one_click_makes_a_planned_action_linked_to_the_indicator(client, focal_a, weak_a, peers):
    client.force_login(focal_a)
    rwanda = peers["RWA"].responses.get(indicator__code=WEAK_CODE)
    page = client.post(action_url(weak_a), {"response": rwanda.pk})
    action = Action.objects.get(problem__plan__assessment=weak_a)
    assert page.status_code == 302
    assert page["Location"] == reverse("plans:action_edit", args=[weak_a.pk, action.pk])
    assert action.description.startswith("Adapt Rwanda's practice (round 2024)")
    assert "Law No. 13/2014 on mining, art. 7" in action.description
    assert [i.code for i in action.indicators.all()] == [WEAK_CODE]
    assert action.status == Action.Status.PLANNED
    assert action.problem.text.startswith(WEAK_CODE)
    assert action.problem.plan.planned_gaps.filter(indicator__code=WEAK_CODE).exists()


def test_the_action_is_worded_in_the_users_language(client, focal_a, weak_a, peers):
    client.force_login(focal_a)
    rwanda = peers["RWA"].responses.get(indicator__code=WEAK_CODE)
    client.post(reverse("practices:peer_action", args=[weak_a.pk, WEAK_CODE]).replace(
        "/en/", "/fr/"), {"response": rwanda.pk})  # fmt: skip
    action = Action.objects.get(problem__plan__assessment=weak_a)
    assert action.description.startswith("Adapter la pratique du pays pair (Rwanda, cycle 2024)")


@pytest.mark.parametrize("peer", ["UGA", "NAM", "ECU-2026", "ECU-2024"])
def test_no_action_is_made_from_a_rating_that_is_not_a_peer_example(
    client, focal_a, weak_a, peers, peer
):
    client.force_login(focal_a)
    response = peers[peer].responses.get(indicator__code=WEAK_CODE)
    assert client.post(action_url(weak_a), {"response": response.pk}).status_code == 404
    assert client.post(action_url(weak_a), {"response": "x"}).status_code == 404
    assert not Action.objects.exists()


def test_analysts_and_readers_may_not_make_actions(client, analyst, focal_b, weak_a, peers):
    rwanda = peers["RWA"].responses.get(indicator__code=WEAK_CODE)
    client.force_login(analyst)
    assert client.post(action_url(weak_a), {"response": rwanda.pk}).status_code == 403
    client.force_login(focal_b)
    assert client.post(action_url(weak_a), {"response": rwanda.pk}).status_code == 404
    assert client.post(action_url(peers["RWA"]), {"response": rwanda.pk}).status_code == 404
    assert not Action.objects.exists()


def test_making_an_action_needs_a_post(client, focal_a, weak_a):
    client.force_login(focal_a)
    assert client.get(action_url(weak_a)).status_code == 405


def test_peers_on_an_earlier_framework_version_count_through_the_crosswalk(
    senegal, pillar6_v2, focal_a, peers
):
    from .conftest import rated

    weak_v2 = rated(senegal, "2027", pillar6_v2, focal_a, status="draft", level=1)
    assert [e.country.iso3 for e in peer_examples(weak_v2, WEAK_CODE)] == ["RWA", "ECU"]


def test_a_justification_reads_in_the_readers_language_where_a_translation_exists(
    client, focal_a, weak_a, peers, analyst
):
    from practices.models import JustificationTranslation

    rwanda = peers["RWA"].responses.get(indicator__code=WEAK_CODE)
    JustificationTranslation.objects.create(
        response=rwanda, language="en", translated_by=analyst,
        justification="Mining law of 2014: district offices issue artisanal permits.",
    )  # fmt: skip
    english = peer_examples(weak_a, WEAK_CODE)
    assert english[0].justification.startswith("Mining law of 2014")
    assert english[1].justification == "Ley de Minería: régimen de minería artesanal."
    client.force_login(focal_a)
    page = client.get(peers_url(weak_a)).content.decode()
    assert 'lang="en">Mining law of 2014' in page and "Translated: read the original" in page
    french = client.get(peers_url(weak_a).replace("/en/", "/fr/")).content.decode()
    assert "Loi minière de 2014" in french and "Mining law of 2014" not in french
