"""Each plan view x each role, on their own country's plan and on another's."""

import pytest
from django.urls import reverse

from assessment.models import Assessment
from plans.models import Action

PEOPLE = ["anonymous", "contributor_a", "focal_b", "analyst", "administrator"]
SIGN_IN = "/accounts/sign-in/"

# view -> (method, expected status per person, in the order of PEOPLE); 302 for a member's
# post is the redirect after saving, 302 for the anonymous visitor is to the sign-in page.
MATRIX = {
    "detail": ("get", [302, 200, 404, 200, 200]),
    "gaps": ("get", [302, 200, 404, 200, 200]),
    "timeline": ("get", [302, 200, 404, 200, 200]),
    "action": ("get", [302, 200, 404, 200, 200]),
    "export_csv": ("get", [302, 200, 404, 200, 200]),
    "export_xlsx": ("get", [302, 200, 404, 200, 200]),
    "institutions": ("get", [302, 200, 404, 200, 200]),
    "import": ("get", [302, 200, 404, 403, 403]),
    "vision": ("post", [302, 302, 404, 403, 403]),
    "gap_select": ("post", [302, 302, 404, 403, 403]),
    "action_new": ("post", [302, 302, 404, 403, 403]),
    "action_edit": ("post", [302, 302, 404, 403, 403]),
    "action_delete": ("post", [302, 302, 404, 403, 403]),
    "note_add": ("post", [302, 302, 404, 403, 403]),
    "comment_add": ("post", [302, 302, 404, 302, 302]),
}


def url_for(view: str, assessment, action) -> str:
    args = {
        "gap_select": [assessment.pk, "6.1.1.b"],
        **{name: [assessment.pk, action.pk] for name in
           ("action", "action_edit", "action_delete", "note_add", "comment_add")},
    }.get(view, [assessment.pk])  # fmt: skip
    return reverse(f"plans:{view}", args=args)


def payload(view: str, action) -> dict:
    return {
        "vision": {"vision": "Une EMAPE légale", "vision_language": "fr"},
        "gap_select": {"selected": "1"},
        "action_new": {"problem": "New problem", "description": "New action", "impact": "low",
                       "status": "planned", "version": "0"},
        "action_edit": {"problem": action.problem.text, "description": "Changed",
                        "impact": "high", "status": "done", "version": str(action.version)},
        "note_add": {"date": "2027-03-01", "body": "Report delivered"},
        "comment_add": {"body": "Which budget line?"},
    }.get(view, {})  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view,person,expected",
    [(view, person, codes[i]) for view, (_m, codes) in MATRIX.items()
     for i, person in enumerate(PEOPLE)],
)  # fmt: skip
def test_each_view_answers_each_role_as_the_matrix_says(request, client, plan_a, view, person,
                                                        expected):  # fmt: skip
    if person != "anonymous":
        client.force_login(request.getfixturevalue(person))
    action = Action.objects.filter(problem__plan=plan_a).first()
    method = MATRIX[view][0]
    answer = getattr(client, method)(url_for(view, plan_a.assessment, action),
                                     payload(view, action))  # fmt: skip
    assert answer.status_code == expected
    if expected == 302:
        assert (SIGN_IN in answer["Location"]) == (person == "anonymous")


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["vision", "action_new", "note_add", "comment_add",
                                  "action_delete", "gap_select"])  # fmt: skip
def test_the_wrong_method_is_refused(client, contributor_a, plan_a, view):
    client.force_login(contributor_a)
    action = Action.objects.filter(problem__plan=plan_a).first()
    url = url_for(view, plan_a.assessment, action)
    # Forms answer GET and POST; the other writes answer POST only.
    wrong = client.put if view in ("vision", "action_new") else client.get
    assert wrong(url).status_code == 405


@pytest.mark.django_db
def test_a_published_plan_is_read_by_another_country_without_its_discussion(
    client, focal_b, plan_a
):
    Assessment.objects.filter(pk=plan_a.assessment_id).update(status="published")
    action = Action.objects.filter(problem__plan=plan_a).first()
    action.comments.create(body="Internal remark between IGF and the ministry")
    client.force_login(focal_b)
    page = client.get(url_for("action", plan_a.assessment, action))
    assert page.status_code == 200
    assert "Internal remark" not in page.content.decode()
    assert client.get(url_for("detail", plan_a.assessment, action)).status_code == 200
    for view in ("comment_add", "note_add", "action_edit"):
        answer = client.post(url_for(view, plan_a.assessment, action), payload(view, action))
        assert answer.status_code == 404 if view == "comment_add" else 403
    assert client.get(url_for("institutions", plan_a.assessment, action)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["validated", "confidential", "in_review", "draft"])
def test_an_unpublished_plan_of_another_country_is_not_found(client, focal_b, plan_a, status):
    Assessment.objects.filter(pk=plan_a.assessment_id).update(status=status)
    client.force_login(focal_b)
    action = Action.objects.filter(problem__plan=plan_a).first()
    for view in ("detail", "timeline", "export_csv", "action"):
        assert client.get(url_for(view, plan_a.assessment, action)).status_code == 404


@pytest.mark.django_db
def test_the_country_team_keeps_planning_after_the_assessment_is_validated(
    client, contributor_a, plan_a
):
    Assessment.objects.filter(pk=plan_a.assessment_id).update(status="validated")
    client.force_login(contributor_a)
    action = Action.objects.filter(problem__plan=plan_a).first()
    answer = client.post(url_for("action_edit", plan_a.assessment, action),
                         payload("action_edit", action))  # fmt: skip
    assert answer.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
