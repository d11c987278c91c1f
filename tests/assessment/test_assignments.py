import datetime

import pytest
from django.urls import reverse

from assessment.models import Assessment, Response, RoundDeadline
from assessment.services import assessment_create

pytestmark = pytest.mark.django_db
S = Assessment.Status


def assignments_url(assessment):
    return reverse("assessment:assignments", args=[assessment.pk])


def test_the_focal_point_assigns_a_whole_recommendation_with_a_due_date(
    client, focal_a, contributor_a, draft_a, django_assert_max_num_queries
):
    responses = draft_a.responses.select_related("indicator__recommendation")
    recommendation = responses.first().indicator.recommendation
    client.force_login(focal_a)
    with django_assert_max_num_queries(12):
        assert client.get(assignments_url(draft_a)).status_code == 200
    answer = client.post(
        assignments_url(draft_a),
        {"recommendations": [recommendation.pk], "assignee": contributor_a.pk,
         "due_date": "2026-03-31"},
    )  # fmt: skip
    assert answer.status_code == 302
    mine = Response.objects.filter(assignee=contributor_a)
    assert mine.count() == responses.filter(indicator__recommendation=recommendation).count() > 0
    assert set(mine.values_list("due_date", flat=True)) == {datetime.date(2026, 3, 31)}
    assert set(mine.values_list("version", flat=True)) == {1}  # an open form cannot undo it


def test_the_focal_point_assigns_single_indicators_and_can_unassign_them(
    client, focal_a, contributor_a, draft_a
):
    one = draft_a.responses.order_by(*Response._meta.ordering).first()
    client.force_login(focal_a)
    client.post(assignments_url(draft_a), {"indicators": [one.pk], "assignee": contributor_a.pk})
    assert Response.objects.get(pk=one.pk).assignee == contributor_a
    client.post(assignments_url(draft_a), {"indicators": [one.pk], "assignee": ""})
    assert Response.objects.get(pk=one.pk).assignee is None


def test_choosing_nothing_is_refused_with_a_message(client, focal_a, contributor_a, draft_a):
    client.force_login(focal_a)
    answer = client.post(assignments_url(draft_a), {"assignee": contributor_a.pk})
    assert answer.status_code == 200
    assert "Choose a recommendation or at least one indicator." in answer.content.decode()
    assert not Response.objects.filter(assignee=contributor_a).exists()


def test_a_contributor_may_not_assign(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    assert client.get(assignments_url(draft_a)).status_code == 403


def test_another_countrys_focal_point_gets_404(client, focal_b, draft_a):
    client.force_login(focal_b)
    assert client.get(assignments_url(draft_a)).status_code == 404


def test_a_submitted_assessment_is_no_longer_assigned(client, focal_a, draft_a):
    Assessment.objects.filter(pk=draft_a.pk).update(status=S.SUBMITTED)
    client.force_login(focal_a)
    assert client.get(assignments_url(draft_a)).status_code == 403


def test_an_analyst_sets_a_rounds_deadline_and_the_team_sees_it(
    client, analyst, contributor_a, draft_a
):
    client.force_login(analyst)
    url = reverse("assessment:deadlines")
    assert client.get(url).status_code == 200
    answer = client.post(url, {"round": "2026", "submission_deadline": "2026-06-30"})
    assert answer.status_code == 302
    assert RoundDeadline.objects.get(round="2026").submission_deadline == datetime.date(2026, 6, 30)
    client.post(url, {"round": "2026", "submission_deadline": "2026-07-15"})
    assert RoundDeadline.objects.get(round="2026").submission_deadline.month == 7
    client.force_login(contributor_a)
    page = client.get(reverse("workspace:my_work")).content.decode()
    assert "To be submitted by 15 July 2026" in page


def test_only_igf_sets_deadlines(client, focal_a):
    client.force_login(focal_a)
    assert client.get(reverse("assessment:deadlines")).status_code == 403


def test_a_bad_date_is_refused_and_nothing_is_saved(client, analyst, senegal, pillar6):
    assessment_create(country=senegal, round="2026", framework=pillar6)
    client.force_login(analyst)
    answer = client.post(
        reverse("assessment:deadlines"), {"round": "2026", "submission_deadline": "soon"}
    )
    assert answer.status_code == 200
    assert not RoundDeadline.objects.exists()
