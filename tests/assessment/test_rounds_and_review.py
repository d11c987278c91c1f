import pytest
from django.urls import reverse

from assessment.models import Assessment, Response
from assessment.services import assessment_create

from .conftest import first_response, rate_everything

pytestmark = pytest.mark.django_db
S = Assessment.Status


@pytest.fixture
def validated_2024(senegal, pillar6, focal_a):
    assessment = assessment_create(country=senegal, round="2024", framework=pillar6, user=focal_a)
    rate_everything(assessment, level_code=1)
    Assessment.objects.filter(pk=assessment.pk).update(status=S.VALIDATED)
    return assessment


def test_a_new_round_starts_from_a_copy_of_the_last_validated_one(validated_2024, focal_a):
    new = assessment_create(
        country=validated_2024.country, round="2026", framework=validated_2024.framework,
        user=focal_a,
    )  # fmt: skip
    assert new.copied_from == validated_2024
    assert set(new.responses.values_list("level__code", flat=True)) == {1}
    assert set(new.responses.values_list("justification", flat=True)) == {"Done."}
    assert new.status == S.DRAFT


def test_a_draft_of_an_earlier_round_is_not_copied(senegal, pillar6, focal_a):
    assessment_create(country=senegal, round="2024", framework=pillar6, user=focal_a)
    new = assessment_create(country=senegal, round="2026", framework=pillar6, user=focal_a)
    assert new.copied_from is None


def test_each_indicator_shows_whether_it_changed_since_the_last_round(
    client, validated_2024, contributor_a
):
    new = assessment_create(
        country=validated_2024.country, round="2026", framework=validated_2024.framework
    )
    changed = first_response(new)
    Response.objects.filter(pk=changed.pk).update(level=new.framework.levels.get(code=3))
    client.force_login(contributor_a)
    page = client.get(reverse("assessment:area", args=[new.pk, "6.1"])).content.decode()
    assert page.count("Changed since 2024 (was 1 · Initiated)") == 1
    assert page.count("Unchanged since 2024") == 12


def test_an_unrated_indicator_shows_the_last_rounds_rating_by_name_not_a_change(
    client, validated_2024, contributor_a
):
    new = assessment_create(
        country=validated_2024.country, round="2026", framework=validated_2024.framework
    )
    Response.objects.filter(pk=first_response(new).pk).update(level=None)
    client.force_login(contributor_a)
    page = client.get(reverse("assessment:area", args=[new.pk, "6.1"])).content.decode()
    assert page.count("In 2024: 1 · Initiated") == 1
    assert "Changed since" not in page


def test_a_read_only_view_never_says_not_saved_yet(client, validated_2024, analyst):
    Response.objects.filter(pk=first_response(validated_2024).pk).update(version=0)
    client.force_login(analyst)
    page = client.get(reverse("assessment:area", args=[validated_2024.pk, "6.1"])).content.decode()
    assert "Not saved yet" not in page
    assert "Saved by" not in page  # "at 09:12" without a day misleads on an old answer


def test_an_editable_card_says_what_the_autosave_did(client, draft_a, contributor_a):
    client.force_login(contributor_a)
    page = client.get(reverse("assessment:area", args=[draft_a.pk, "6.1"])).content.decode()
    assert "Not saved yet" in page


def test_submitting_an_incomplete_assessment_lists_what_is_missing_with_links(
    client, focal_a, draft_a
):
    client.force_login(focal_a)
    answer = client.post(reverse("assessment:transition", args=[draft_a.pk, "submit"]))
    page = answer.content.decode()
    assert answer.status_code == 400
    assert page.count('class="list-group-item"') == draft_a.responses.count()
    assert reverse("assessment:area", args=[draft_a.pk, "6.1"]) + "#indicator-6-1-1-a" in page
    draft_a.refresh_from_db()
    assert draft_a.status == S.DRAFT


def test_the_focal_point_submits_a_complete_assessment(client, focal_a, draft_a):
    rate_everything(draft_a)
    client.force_login(focal_a)
    answer = client.post(reverse("assessment:transition", args=[draft_a.pk, "submit"]))
    assert answer.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.status == S.SUBMITTED


def test_an_analyst_returns_it_with_a_comment_the_team_then_sees(
    client, analyst, contributor_a, draft_a
):
    Assessment.objects.filter(pk=draft_a.pk).update(status=S.IN_REVIEW)
    client.force_login(analyst)
    client.post(
        reverse("assessment:transition", args=[draft_a.pk, "return"]),
        {"comment": "Please add the 2023 mining decree to 6.1.1.", "confirmed": "1"},
    )
    draft_a.refresh_from_db()
    assert draft_a.status == S.DRAFT
    client.force_login(contributor_a)
    page = client.get(draft_a.get_absolute_url()).content.decode()
    assert "Please add the 2023 mining decree to 6.1.1." in page
    assert "Returned by" in page


def test_returning_without_a_comment_keeps_the_state_and_says_why(client, analyst, draft_a):
    Assessment.objects.filter(pk=draft_a.pk).update(status=S.IN_REVIEW)
    client.force_login(analyst)
    answer = client.post(
        reverse("assessment:transition", args=[draft_a.pk, "return"]),
        {"comment": "", "confirmed": "1"},
        follow=True,
    )
    assert "a comment is required" in answer.content.decode()
    draft_a.refresh_from_db()
    assert draft_a.status == S.IN_REVIEW


def test_an_analyst_comments_on_an_indicator_and_the_team_resolves_it(
    client, analyst, contributor_a, draft_a
):
    response = first_response(draft_a)
    client.force_login(analyst)
    client.post(
        reverse("assessment:comment_add", args=[draft_a.pk, response.pk]),
        {"body": "Which article?"},
    )
    comment = response.comments.get()
    client.force_login(contributor_a)
    client.post(reverse("assessment:comment_resolve", args=[draft_a.pk, comment.pk]))
    comment.refresh_from_db()
    assert comment.is_resolved and comment.resolved_by == contributor_a


def test_an_empty_comment_is_refused_with_a_message(client, analyst, draft_a):
    response = first_response(draft_a)
    client.force_login(analyst)
    answer = client.post(
        reverse("assessment:comment_add", args=[draft_a.pk, response.pk]), {"body": "  "}
    )
    assert answer.status_code == 400
    assert not response.comments.exists()


def test_a_comment_on_another_countrys_assessment_is_not_found(client, focal_b, draft_a):
    response = first_response(draft_a)
    client.force_login(focal_b)
    url = reverse("assessment:comment_resolve", args=[draft_a.pk, 1])
    assert client.post(url).status_code == 404
    assert not response.comments.exists()


@pytest.mark.parametrize(
    ("status", "action", "says"),
    [
        (S.IN_REVIEW, "return", "will go back to the country team as a draft"),
        (S.IN_REVIEW, "validate", "will be validated: nobody can change it any more"),
        (S.VALIDATED, "publish", "will be public: anybody, signed in or not"),
    ],
)
def test_return_validate_and_publish_first_say_what_will_happen_and_to_whom(
    client, analyst, contributor_a, draft_a, status, action, says
):
    contributor_a.email = "alice@example.org"
    contributor_a.save()
    Assessment.objects.filter(pk=draft_a.pk).update(status=status)
    client.force_login(analyst)
    url = reverse("assessment:transition", args=[draft_a.pk, action])
    answer = client.post(url, {"comment": "Cite the decree."})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert f"Senegal 2026 {says}" in page
    assert "alice, of the country team, will be told by e-mail." in page
    assert 'name="confirmed" value="1"' in page
    draft_a.refresh_from_db()
    assert draft_a.status == status  # nothing happened yet
    if action == "return":
        assert "Cite the decree.</textarea>" in page  # the comment is kept
    client.post(url, {"comment": "Cite the decree.", "confirmed": "1"})
    draft_a.refresh_from_db()
    assert draft_a.status != status


def test_a_confirmation_of_an_action_not_allowed_changes_nothing(client, focal_a, draft_a):
    client.force_login(focal_a)
    answer = client.post(reverse("assessment:transition", args=[draft_a.pk, "validate"]))
    assert answer.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.status == S.DRAFT
