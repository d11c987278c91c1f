"""Each view × each role, on their own country's assessment and on another's."""

import pytest
from django.urls import reverse

from assessment.models import Assessment

from .conftest import first_response

PEOPLE = ["anonymous", "contributor_a", "focal_b", "analyst", "administrator"]

# view -> (method, expected status per person, in the order of PEOPLE)
MATRIX = {
    "detail": ("get", [302, 200, 404, 200, 200]),
    "area": ("get", [302, 200, 404, 200, 200]),
    "response_form": ("get", [302, 200, 404, 200, 200]),
    "response_save": ("post", [302, 200, 404, 403, 403]),
    "response_history": ("get", [302, 200, 404, 200, 200]),
    "comment_add": ("post", [302, 200, 404, 200, 200]),
    "submit": ("post", [302, 403, 404, 403, 403]),
}


def url_for(view, assessment, response):
    args = {
        "detail": ("assessment:detail", [assessment.pk]),
        "area": ("assessment:area", [assessment.pk, "6.1"]),
        "response_form": ("assessment:response_save", [assessment.pk, response.pk]),
        "response_save": ("assessment:response_save", [assessment.pk, response.pk]),
        "response_history": ("assessment:response_history", [assessment.pk, response.pk]),
        "comment_add": ("assessment:comment_add", [assessment.pk, response.pk]),
        "submit": ("assessment:transition", [assessment.pk, "submit"]),
    }[view]
    return reverse(args[0], args=args[1])


def payload(view, response):
    if view == "response_save":
        return {f"r{response.pk}-version": "0", f"r{response.pk}-justification": "x"}
    if view == "comment_add":
        return {"body": "A question"}
    return {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view,person,expected",
    [
        (view, person, codes[i])
        for view, (_, codes) in MATRIX.items()
        for i, person in enumerate(PEOPLE)
    ],
)
def test_each_view_answers_each_role_as_the_matrix_says(
    request, client, draft_a, view, person, expected
):
    if person != "anonymous":
        client.force_login(request.getfixturevalue(person))
    response = first_response(draft_a)
    method = MATRIX[view][0]
    answer = getattr(client, method)(url_for(view, draft_a, response), payload(view, response))
    assert answer.status_code == expected
    if expected == 302:
        assert "/accounts/sign-in/" in answer["Location"]


@pytest.mark.django_db
def test_a_validated_assessment_is_read_only_for_its_own_team(client, contributor_a, draft_a):
    Assessment.objects.filter(pk=draft_a.pk).update(status=Assessment.Status.VALIDATED)
    client.force_login(contributor_a)
    response = first_response(draft_a)
    answer = client.post(
        url_for("response_save", draft_a, response), payload("response_save", response)
    )
    assert answer.status_code == 403
    page = client.get(url_for("area", draft_a, response)).content.decode()
    assert "read-only" in page and 'hx-post="/assessments' not in page


@pytest.mark.django_db
def test_a_submitted_assessment_is_read_only(client, focal_a, draft_a):
    Assessment.objects.filter(pk=draft_a.pk).update(status=Assessment.Status.SUBMITTED)
    client.force_login(focal_a)
    response = first_response(draft_a)
    answer = client.post(
        url_for("response_save", draft_a, response), payload("response_save", response)
    )
    assert answer.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["comment_add", "submit", "response_history"])
def test_the_wrong_method_is_refused(client, contributor_a, draft_a, view):
    client.force_login(contributor_a)
    response = first_response(draft_a)
    url = url_for(view, draft_a, response)
    answer = client.get(url) if MATRIX[view][0] == "post" else client.post(url)
    assert answer.status_code == 405


@pytest.mark.django_db
def test_the_assessment_list_shows_only_the_users_own_countries(
    client, contributor_a, draft_a, draft_b
):
    client.force_login(contributor_a)
    listed = list(client.get(reverse("assessment:list")).context["assessments"])
    assert listed == [draft_a]


@pytest.mark.django_db
def test_an_analyst_lists_every_country(client, analyst, draft_a, draft_b):
    client.force_login(analyst)
    listed = set(client.get(reverse("assessment:list")).context["assessments"])
    assert listed == {draft_a, draft_b}


@pytest.mark.django_db
def test_only_a_focal_point_starts_a_round(client, contributor_a, focal_a, senegal, pillar6):
    client.force_login(contributor_a)
    assert client.get(reverse("assessment:new")).status_code == 403
    client.force_login(focal_a)
    answer = client.post(
        reverse("assessment:new"), {"country": senegal.pk, "round": "2027", "framework": pillar6.pk}
    )
    created = Assessment.objects.get(country=senegal, round="2027")
    assert answer.status_code == 302
    assert created.responses.count() == 51


@pytest.mark.django_db
def test_a_focal_point_cannot_start_a_round_for_another_country(client, focal_a, ecuador, pillar6):
    client.force_login(focal_a)
    answer = client.post(
        reverse("assessment:new"), {"country": ecuador.pk, "round": "2027", "framework": pillar6.pk}
    )
    assert answer.status_code == 200
    assert "Select a valid choice" in answer.content.decode()
    assert not Assessment.objects.filter(country=ecuador).exists()


@pytest.mark.django_db
def test_a_published_assessment_is_readable_by_another_countrys_user_without_its_discussion(
    client, focal_b, draft_a
):
    Assessment.objects.filter(pk=draft_a.pk).update(status=Assessment.Status.PUBLISHED)
    response = first_response(draft_a)
    response.comments.create(body="Internal remark between IGF and the ministry")
    client.force_login(focal_b)
    page = client.get(url_for("area", draft_a, response))
    assert page.status_code == 200
    assert "Internal remark" not in page.content.decode()
    assert client.get(url_for("response_history", draft_a, response)).status_code == 404
    assert client.post(url_for("comment_add", draft_a, response), {"body": "x"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["validated", "confidential", "in_review", "draft"])
def test_an_unpublished_assessment_of_another_country_is_not_found(
    client, focal_b, draft_a, status
):
    Assessment.objects.filter(pk=draft_a.pk).update(status=status)
    client.force_login(focal_b)
    assert client.get(url_for("detail", draft_a, first_response(draft_a))).status_code == 404
