import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from assessment.models import Assessment, Comment, Response, Transition
from assessment.services import assessment_create

from .conftest import first_response, rate_everything

pytestmark = pytest.mark.django_db
S = Assessment.Status
MY_WORK = reverse("workspace:my_work")


def responses_of(assessment):
    return list(assessment.responses.select_related("indicator").order_by(*Response._meta.ordering))


def test_signing_in_leads_to_my_work(client, contributor_a):
    answer = client.post(
        reverse("accounts:login"), {"username": contributor_a.username, "password": "password"}
    )
    assert answer.status_code == 302
    assert answer.url == MY_WORK


def test_anonymous_visitors_are_sent_to_sign_in(client):
    answer = client.get(MY_WORK)
    assert answer.status_code == 302
    assert reverse("accounts:login") in answer.url


def test_only_get_is_allowed(client, contributor_a):
    client.force_login(contributor_a)
    assert client.post(MY_WORK).status_code == 405


def test_a_contributor_sees_the_next_step_with_a_link_to_their_first_unrated_indicator(
    client, contributor_a, draft_a, django_assert_max_num_queries
):
    rate_everything(draft_a)
    responses = responses_of(draft_a)
    mine = responses[7]
    Response.objects.filter(pk__in=[responses[2].pk, mine.pk]).update(level=None)
    Response.objects.filter(pk=mine.pk).update(assignee=contributor_a)
    client.force_login(contributor_a)
    with django_assert_max_num_queries(12):
        page = client.get(MY_WORK).content.decode()
    assert "2 indicator(s) still need an answer." in page
    area = mine.indicator.recommendation.area.code
    first_link = reverse("assessment:area", args=[draft_a.pk, area]) + f"#{mine.indicator.anchor}"
    assert f'class="btn btn-primary btn-sm mb-1" href="{first_link}"' in page
    assert "Answer your first unrated indicator" in page
    assert "assigned to you" in page


def test_comments_waiting_for_an_answer_link_to_their_indicator(
    client, contributor_a, analyst, draft_a
):
    response = first_response(draft_a)
    Comment.objects.create(response=response, author=analyst, body="Which decree?")
    Comment.objects.create(response=response, author=contributor_a, body="My own note.")
    client.force_login(contributor_a)
    page = client.get(MY_WORK).content.decode()
    assert f"{response.indicator.code}: 1 open comment" in page
    assert f"#{response.indicator.anchor}" in page


def test_a_finished_assessment_asks_the_focal_point_to_submit(client, focal_a, draft_a):
    rate_everything(draft_a)
    client.force_login(focal_a)
    page = client.get(MY_WORK).content.decode()
    assert "you can submit the assessment for review" in page


def test_the_workflow_box_never_tells_a_contributor_with_unrated_indicators_there_is_nothing_to_do(
    client, contributor_a, draft_a
):
    client.force_login(contributor_a)
    page = client.get(draft_a.get_absolute_url()).content.decode()
    assert "There is nothing for you to do" not in page
    assert f"{draft_a.responses.count()} indicator(s) still need an answer." in page


def test_the_open_comment_counter_links_to_the_indicator(client, contributor_a, analyst, draft_a):
    response = first_response(draft_a)
    Comment.objects.create(response=response, author=analyst, body="Which decree?")
    client.force_login(contributor_a)
    page = client.get(draft_a.get_absolute_url()).content.decode()
    assert f'#{response.indicator.anchor}">1 open comment</a>' in page


def test_the_current_assessment_is_the_latest_round_of_the_users_country_only(
    client, contributor_a, draft_a, draft_b, senegal, pillar6
):
    older = assessment_create(country=senegal, round="2024", framework=pillar6)
    client.force_login(contributor_a)
    page = client.get(MY_WORK).content.decode()
    assert draft_a.get_absolute_url() in page
    assert older.get_absolute_url() not in page
    assert draft_b.get_absolute_url() not in page
    assert "Review queue" not in page


@pytest.fixture
def submitted(draft_a, draft_b, analyst):
    for assessment in (draft_a, draft_b):
        Assessment.objects.filter(pk=assessment.pk).update(status=S.SUBMITTED)
        Transition.objects.create(
            assessment=assessment, action="submit", from_status=S.DRAFT, to_status=S.SUBMITTED
        )
    Transition.objects.filter(assessment=draft_b).update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    Comment.objects.create(response=first_response(draft_a), author=analyst, body="Why?")
    return draft_a, draft_b


def test_the_analysts_queue_lists_what_waits_for_review_longest_first(
    client, analyst, submitted, django_assert_max_num_queries
):
    senegal, ecuador = submitted
    client.force_login(analyst)
    with django_assert_max_num_queries(10):
        page = client.get(MY_WORK).content.decode()
    assert "Review queue" in page
    assert page.index(ecuador.get_absolute_url()) < page.index(senegal.get_absolute_url())
    assert "1\xa0week, 2\xa0days" in page


def test_the_analysts_queue_filters_by_status_region_and_round(client, analyst, submitted):
    senegal, ecuador = submitted
    client.force_login(analyst)
    page = client.get(MY_WORK, {"status": "submitted", "region": "africa"}).content.decode()
    assert senegal.get_absolute_url() in page
    assert ecuador.get_absolute_url() not in page
    page = client.get(MY_WORK, {"status": "validated"}).content.decode()
    assert "No assessment matches these filters." in page
    page = client.get(MY_WORK, {"round": "1999"}).content.decode()  # not a choice: ignored
    assert senegal.get_absolute_url() in page


def test_the_queue_counts_each_status(client, analyst, submitted):
    client.force_login(analyst)
    answer = client.get(MY_WORK, {"region": "africa"})
    assert answer.context["queue_counts"]["submitted"] == 1
    assert answer.context["queue_counts"]["draft"] == 0


def test_administrators_see_pending_invitations_and_locked_accounts(
    client, administrator, focal_a, senegal
):
    Invitation.objects.create(
        country=senegal, email="new@example.org", role="contributor", invited_by=focal_a,
        token_hash="x" * 64,
    )  # fmt: skip
    AccessAttempt.objects.create(
        username="awa", ip_address="10.0.0.1", user_agent="test", failures_since_start=5,
        get_data="", post_data="", http_accept="", path_info="/",
    )  # fmt: skip
    client.force_login(administrator)
    page = client.get(MY_WORK).content.decode()
    assert "new@example.org" in page
    assert "10.0.0.1" in page


def test_analysts_see_no_administration(client, analyst):
    client.force_login(analyst)
    page = client.get(MY_WORK).content.decode()
    assert "Pending invitations" not in page
    assert "Locked accounts" not in page
