"""A round's ASM profile: the country team fills it in while the assessment is a draft,
every figure with its source and year; whoever may read the assessment reads it."""

import pytest
from django.urls import reverse

from assessment.forms import (
    PROFILE_SOURCE_REQUIRED,
    PROFILE_WOMEN_ABOVE_TOTAL,
    PROFILE_YEAR_RANGE,
    PROFILE_YEAR_REQUIRED,
)
from assessment.models import AsmProfile, Assessment

pytestmark = pytest.mark.django_db

FILLED = {
    "minerals": "Gold",
    "asm_types": "Alluvial panning; hard-rock shafts",
    "regions": "Kédougou, Tambacounda",
    "minerals_source": "Mining cadastre",
    "minerals_year": "2025",
    "workforce_total": "32000",
    "workforce_women": "12000",
    "workforce_source": "ASM census",
    "workforce_year": "2024",
    "minamata_status": "party",
    "minamata_notification": "2019-03-01",
    "minamata_plan": "2022-06-30",
    "minamata_source": "Minamata Convention secretariat",
    "minamata_year": "2025",
}


def profile_url(assessment) -> str:
    return reverse("assessment:profile", args=[assessment.pk])


def test_the_focal_point_fills_in_the_profile(client, focal_a, draft_a):
    client.force_login(focal_a)

    response = client.post(profile_url(draft_a), FILLED)

    assert response.status_code == 302 and response["Location"] == draft_a.get_absolute_url()
    profile = AsmProfile.objects.get(assessment=draft_a)
    assert (profile.workforce_total, profile.workforce_women, profile.workforce_men) == (
        32000, 12000, 20000,
    )  # fmt: skip
    assert profile.has_national_action_plan and profile.updated_by == focal_a
    assert profile.history.get().history_user == focal_a


def test_a_second_save_updates_the_same_profile(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    client.post(profile_url(draft_a), FILLED)

    client.post(profile_url(draft_a), {**FILLED, "minerals": "Gold, zircon"})

    assert AsmProfile.objects.get(assessment=draft_a).minerals == "Gold, zircon"
    assert AsmProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"workforce_source": ""}, "workforce_source", PROFILE_SOURCE_REQUIRED),
        ({"workforce_year": ""}, "workforce_year", PROFILE_YEAR_REQUIRED),
        ({"workforce_year": "1850"}, "workforce_year", PROFILE_YEAR_RANGE),
        ({"workforce_women": "40000"}, "workforce_women", PROFILE_WOMEN_ABOVE_TOTAL),
        ({"production": "4 t of gold a year"}, "production_source", PROFILE_SOURCE_REQUIRED),
        ({"formalised_share": "120"}, "formalised_share", None),
    ],
)
def test_a_figure_without_its_source_or_year_or_out_of_range_is_refused_and_nothing_saved(
    client, focal_a, draft_a, change, field, message
):
    client.force_login(focal_a)

    response = client.post(profile_url(draft_a), {**FILLED, **change})

    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    if message is not None:
        assert str(message).split("%")[0] in errors[0]
    assert not AsmProfile.objects.filter(assessment=draft_a).exists()


def test_an_analyst_reads_the_profile_but_may_not_change_it(client, analyst, focal_a, draft_a):
    client.force_login(focal_a)
    client.post(profile_url(draft_a), FILLED)
    client.force_login(analyst)

    page = client.get(profile_url(draft_a))
    refused = client.post(profile_url(draft_a), {**FILLED, "minerals": "Copper"})

    assert page.status_code == 200 and page.context["form"] is None
    assert "Kédougou, Tambacounda" in page.content.decode()
    assert refused.status_code == 403
    assert AsmProfile.objects.get(assessment=draft_a).minerals == "Gold"


def test_a_submitted_assessments_profile_can_no_longer_be_changed(client, focal_a, draft_a):
    Assessment.objects.filter(pk=draft_a.pk).update(status=Assessment.Status.SUBMITTED)
    client.force_login(focal_a)

    assert client.get(profile_url(draft_a)).context["form"] is None
    assert client.post(profile_url(draft_a), FILLED).status_code == 403
    assert not AsmProfile.objects.exists()


def test_another_countrys_team_and_visitors_do_not_reach_a_draft_profile(client, focal_b, draft_a):
    anonymous = client.get(profile_url(draft_a))
    client.force_login(focal_b)

    assert anonymous.status_code == 302 and "/accounts/sign-in/" in anonymous["Location"]
    assert client.get(profile_url(draft_a)).status_code == 404
    assert client.post(profile_url(draft_a), FILLED).status_code == 404


def test_the_profile_page_answers_only_get_and_post(client, focal_a, draft_a):
    client.force_login(focal_a)

    assert client.put(profile_url(draft_a)).status_code == 405


def test_the_profile_page_takes_a_bounded_number_of_queries(
    client, focal_a, draft_a, django_assert_max_num_queries
):
    client.force_login(focal_a)
    client.post(profile_url(draft_a), FILLED)
    with django_assert_max_num_queries(8):
        assert client.get(profile_url(draft_a)).status_code == 200


def test_the_assessment_page_and_the_dashboard_show_the_profile(client, focal_a, draft_a):
    client.force_login(focal_a)
    client.post(profile_url(draft_a), FILLED)

    detail = client.get(draft_a.get_absolute_url()).content.decode()
    dashboard = client.get(reverse("scores:dashboard", args=[draft_a.pk])).content.decode()

    assert "Fill in the ASM profile" in detail and "about 32,000 people work in ASM" in detail
    assert "ASM profile of Senegal, round 2026" in dashboard
    assert "12,000 (38\u00a0%)" in dashboard and "ASM census" in dashboard


def test_figures_are_typed_the_users_way_in_french(client, focal_a, draft_a):
    client.force_login(focal_a)
    url = profile_url(draft_a).replace("/en/", "/fr/", 1)
    filled = {**FILLED, "workforce_total": "32 000", "workforce_women": "12\u202f000"}
    response = client.post(url, filled)
    assert response.status_code == 302
    profile = AsmProfile.objects.get(assessment=draft_a)
    assert (profile.workforce_total, profile.workforce_women) == (32000, 12000)


def test_a_figure_with_decimals_is_not_a_headcount(client, focal_a, draft_a):
    client.force_login(focal_a)
    response = client.post(profile_url(draft_a), {**FILLED, "workforce_total": "32,000.5"})
    assert response.status_code == 400
    assert "Enter a number, e.g. 20,000." in response.content.decode()
    assert not AsmProfile.objects.filter(assessment=draft_a).exists()


def test_the_assessment_page_groups_the_workforce_like_the_profile_table(client, focal_a, draft_a):
    client.force_login(focal_a)
    client.post(profile_url(draft_a), FILLED)
    url = draft_a.get_absolute_url().replace("/en/", "/fr/", 1)
    page = client.get(url).content.decode()
    assert "environ 32\u00a0000 personnes" in page
