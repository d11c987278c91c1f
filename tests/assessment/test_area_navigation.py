import pytest
from django.urls import reverse

from assessment.models import Comment, Response

from .conftest import rate_everything

pytestmark = pytest.mark.django_db


def area_page(client, assessment, code="6.1", **params):
    return client.get(reverse("assessment:area", args=[assessment.pk, code]), params)


def ordered(assessment):
    return list(
        assessment.responses.select_related("indicator__recommendation__area").order_by(
            *Response._meta.ordering
        )
    )


def test_the_filter_unrated_shows_only_the_unanswered_indicators(client, contributor_a, draft_a):
    rate_everything(draft_a)
    responses = [r for r in ordered(draft_a) if r.indicator.recommendation.area.code == "6.1"]
    Response.objects.filter(pk=responses[3].pk).update(level=None)
    client.force_login(contributor_a)
    answer = area_page(client, draft_a, show="unrated")
    assert [r.pk for r in answer.context["shown"]] == [responses[3].pk]
    assert f"1 of {len(responses)} indicators shown." in answer.content.decode()


def test_the_filter_assigned_to_me_shows_the_users_indicators(client, contributor_a, draft_a):
    mine = ordered(draft_a)[2]
    Response.objects.filter(pk=mine.pk).update(assignee=contributor_a)
    client.force_login(contributor_a)
    assert [r.pk for r in area_page(client, draft_a, show="mine").context["shown"]] == [mine.pk]


def test_the_filter_with_open_comments(client, contributor_a, analyst, draft_a):
    responses = ordered(draft_a)
    Comment.objects.create(response=responses[1], author=analyst, body="Open")
    Comment.objects.create(
        response=responses[4], author=analyst, body="Done", resolved_at="2026-01-01T00:00Z"
    )
    client.force_login(contributor_a)
    shown = area_page(client, draft_a, show="comments").context["shown"]
    assert [r.pk for r in shown] == [responses[1].pk]


def test_an_unknown_filter_shows_everything(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    answer = area_page(client, draft_a, show="nonsense")
    assert len(answer.context["shown"]) == len(answer.context["area"].responses)


def test_readers_and_analysts_get_only_the_filters_they_have_a_use_for(client, analyst, draft_a):
    client.force_login(analyst)
    assert list(area_page(client, draft_a).context["filters"]) == ["unrated", "comments"]


def test_each_card_links_to_the_next_unrated_indicator_even_in_the_next_area(
    client, contributor_a, draft_a
):
    rate_everything(draft_a)
    responses = ordered(draft_a)
    last_of_61 = [r for r in responses if r.indicator.recommendation.area.code == "6.1"][-1]
    later = next(r for r in responses if r.indicator.recommendation.area.code == "6.2")
    Response.objects.filter(pk=later.pk).update(level=None)
    client.force_login(contributor_a)
    page = area_page(client, draft_a).content.decode()
    link = reverse("assessment:area", args=[draft_a.pk, "6.2"]) + f"#{later.indicator.anchor}"
    assert f'href="{link}">Next unrated: {later.indicator.code}' in page
    assert page.count("Next unrated:") == len(
        [r for r in responses if r.indicator.recommendation.area.code == "6.1"]
    )
    assert last_of_61.indicator.anchor in page


def test_the_page_links_to_the_next_area_and_each_recommendation(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    page = area_page(client, draft_a).content.decode()
    assert reverse("assessment:area", args=[draft_a.pk, "6.2"]) + '">Next area: 6.2' in page
    assert 'href="#rec-611"' in page  # slugify drops the dots
