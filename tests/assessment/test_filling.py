"""The filling page, autosave and the no-lost-update rule."""

import pytest
from django.urls import reverse

from assessment.models import Response
from frameworks.models import Indicator

from .conftest import first_response

pytestmark = pytest.mark.django_db


def area_url(assessment, code="6.1"):
    return reverse("assessment:area", args=[assessment.pk, code])


def save_url(response):
    return reverse("assessment:response_save", args=[response.assessment_id, response.pk])


def post_data(response, *, rating="", justification="", version=None, reason="", **extra):
    prefix = f"r{response.pk}-"
    data = {
        "rating": rating,
        "justification": justification,
        "not_applicable_reason": reason,
        "target": "",
        "assignee": "",
        "version": response.version if version is None else version,
        **extra,
    }
    return {prefix + key: value for key, value in data.items()}


def level_pk(assessment, code):
    return str(assessment.framework.levels.get(code=code).pk)


def test_the_filling_page_shows_each_indicator_of_the_area(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    response = client.get(area_url(draft_a))
    page = response.content.decode()
    assert response.status_code == 200
    codes = Indicator.objects.filter(
        recommendation__area__framework=draft_a.framework, recommendation__area__code="6.1"
    ).values_list("code", flat=True)
    for code in codes:
        assert 'id="indicator-' + code.replace(".", "-") + '"' in page
    assert 'hx-post="' in page


def test_the_filling_page_costs_the_same_queries_whatever_the_number_of_indicators(
    client, contributor_a, draft_a, django_assert_max_num_queries
):
    client.force_login(contributor_a)
    client.get(area_url(draft_a))  # warm the session
    # 6.1 has 13 indicators and 6.2 has 21: the same ceiling must hold for both.
    with django_assert_max_num_queries(14) as small:
        client.get(area_url(draft_a, "6.1"))
    with django_assert_max_num_queries(14) as large:
        client.get(area_url(draft_a, "6.2"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_autosave_stores_the_rating_and_answers_with_the_saved_state(
    client, contributor_a, draft_a
):
    client.force_login(contributor_a)
    response = first_response(draft_a)
    answer = client.post(
        save_url(response),
        post_data(response, rating=level_pk(draft_a, 3), justification="Law 2016-32"),
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    assert "Saved by" in answer.content.decode()
    assert 'hx-swap-oob="true"' in answer.content.decode()
    response.refresh_from_db()
    assert (response.level.code, response.justification, response.version) == (3, "Law 2016-32", 1)
    assert response.updated_by == contributor_a
    assert response.history.latest().history_user == contributor_a


def test_saving_the_same_values_again_changes_nothing(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    response = first_response(draft_a)
    data = post_data(response, rating=level_pk(draft_a, 1))
    client.post(save_url(response), data)
    response.refresh_from_db()
    client.post(save_url(response), post_data(response, rating=level_pk(draft_a, 1)))
    response.refresh_from_db()
    assert response.version == 1
    assert response.history.count() == 2  # created, then the one real change


def test_not_applicable_is_saved_without_a_level_and_a_missing_reason_is_flagged(
    client, contributor_a, draft_a
):
    client.force_login(contributor_a)
    response = first_response(draft_a)
    answer = client.post(save_url(response), post_data(response, rating="na"))
    assert "required before submission" in answer.content.decode()
    response.refresh_from_db()
    assert response.not_applicable and response.level is None


def test_a_level_of_another_framework_is_refused_with_a_message_and_nothing_saved(
    client, contributor_a, draft_a
):
    client.force_login(contributor_a)
    response = first_response(draft_a)
    answer = client.post(save_url(response), post_data(response, rating="999999"))
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()
    response.refresh_from_db()
    assert response.version == 0 and response.level is None


def test_a_stale_save_is_refused_and_shows_both_versions(client, contributor_a, focal_a, draft_a):
    response = first_response(draft_a)
    first, second = client, client.__class__()
    first.force_login(contributor_a)
    second.force_login(focal_a)
    # Both opened the page at version 0; the focal point saves first.
    second.post(save_url(response), post_data(response, rating=level_pk(draft_a, 4),
                                              justification="Theirs"))  # fmt: skip
    answer = first.post(save_url(response), post_data(response, rating=level_pk(draft_a, 1),
                                                      justification="Mine"))  # fmt: skip
    page = answer.content.decode()
    assert answer.status_code == 409
    assert "Theirs" in page and "Mine" in page
    assert "Keep mine" in page and "Take theirs" in page
    response.refresh_from_db()
    assert (response.justification, response.level.code, response.version) == ("Theirs", 4, 1)


def test_keeping_mine_after_a_conflict_saves_it_over_the_version_shown(
    client, contributor_a, focal_a, draft_a
):
    response = first_response(draft_a)
    other = client.__class__()
    other.force_login(focal_a)
    other.post(save_url(response), post_data(response, rating=level_pk(draft_a, 4)))
    client.force_login(contributor_a)
    keep_mine = post_data(response, rating=level_pk(draft_a, 1), justification="Mine", version=1)
    assert client.post(save_url(response), keep_mine).status_code == 200
    response.refresh_from_db()
    assert (response.justification, response.version) == ("Mine", 2)


def test_taking_theirs_reloads_the_saved_version(client, contributor_a, focal_a, draft_a):
    response = first_response(draft_a)
    Response.objects.filter(pk=response.pk).update(justification="Theirs", version=5)
    client.force_login(contributor_a)
    page = client.get(save_url(response)).content.decode()
    assert "Theirs" in page
    assert 'value="5"' in page


def test_the_progress_counts_rated_over_applicable(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    responses = list(draft_a.responses.order_by(*Response._meta.ordering)[:2])
    client.post(save_url(responses[0]), post_data(responses[0], rating=level_pk(draft_a, 2)))
    client.post(save_url(responses[1]), post_data(responses[1], rating="na", reason="No gold"))
    overall = client.get(reverse("assessment:detail", args=[draft_a.pk])).context["overall"]
    total = draft_a.responses.count()
    assert (overall.rated, overall.not_applicable, overall.applicable) == (1, 1, total - 1)


def test_the_overview_offers_to_continue_where_the_user_left_off(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    response = draft_a.responses.select_related("indicator").get(indicator__code="6.2.3.b")
    client.post(save_url(response), post_data(response, rating=level_pk(draft_a, 2)))
    page = client.get(reverse("assessment:detail", args=[draft_a.pk])).content.decode()
    assert "#indicator-6-2-3-b" in page


def test_the_history_of_an_indicator_shows_who_changed_what(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    response = first_response(draft_a)
    client.post(save_url(response), post_data(response, justification="First text"))
    url = reverse("assessment:response_history", args=[draft_a.pk, response.pk])
    page = client.get(url).content.decode()
    assert "alice" in page and "First text" in page
