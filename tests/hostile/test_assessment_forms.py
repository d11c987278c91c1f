"""Hostile input to the assessment's forms: a new round, the autosave of an answer, a
comment, a workflow transition."""

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import Assessment, Response

from .conftest import check_answer, check_refusal, send, snapshot
from .strategies import form_data, hostile_text, hostile_values, languages

BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
RESPONSE_FIELDS = ["rating", "not_applicable_reason", "justification", "target", "assignee",
                   "version"]  # fmt: skip


def posted(value) -> str:
    """What a form field reads from a posted value: the last of several, "" for none."""
    if isinstance(value, list):
        value = value[-1]
    return value or ""


def first_response(assessment) -> Response:
    return assessment.responses.order_by(*Response._meta.ordering)[0]


@BOUNDED
@given(data=form_data(["country", "round", "framework"]), language=languages())
def test_a_new_round_refuses_hostile_input_without_creating_anything(
    client, focal_a, pillar6, data, language
):
    client.force_login(focal_a)
    before = snapshot()
    response = send(client, "post", f"/{language}/assessments/new/", data)
    if check_refusal(response, before, language=language):
        return
    # Accepted only when it named Senegal, a valid round and the framework.
    assert Assessment.objects.filter(round=data.get("round")).exists()


@BOUNDED
@given(
    data=st.fixed_dictionaries({name: hostile_values() for name in RESPONSE_FIELDS}),
    keep_version=st.booleans(),
    language=languages(),
)
def test_the_autosave_refuses_hostile_input_and_keeps_the_saved_answer(
    client, contributor_a, draft, data, keep_version, language
):
    client.force_login(contributor_a)
    answer = first_response(draft)
    answer.refresh_from_db()
    prefix = f"r{answer.pk}"
    post = {f"{prefix}-{name}": value for name, value in data.items() if value is not None}
    if keep_version:  # as the page sends it: the hostile part is in the other fields
        post[f"{prefix}-version"] = str(answer.version)
    before = snapshot()
    response = send(
        client, "post", f"/{language}/assessments/{draft.pk}/responses/{answer.pk}/", post,
        headers={"HX-Request": "true"},
    )  # fmt: skip
    if response.status_code == 409:  # a stale version: the conflict panel, nothing saved
        assert check_refusal(response, before, language=language)
        return
    if check_refusal(response, before, language=language):
        return
    answer.refresh_from_db()
    assert answer.justification == posted(data.get("justification")).strip()


@BOUNDED
@given(body=hostile_values(), language=languages())
def test_a_comment_refuses_hostile_input_and_stores_what_it_accepts_verbatim(
    client, contributor_a, draft, body, language
):
    client.force_login(contributor_a)
    answer = first_response(draft)
    before = snapshot()
    data = {} if body is None else {"body": body}
    url = f"/{language}/assessments/{draft.pk}/responses/{answer.pk}/comments/"
    response = send(client, "post", url, data, headers={"HX-Request": "true"})
    if check_refusal(response, before, language=language):
        return
    assert answer.comments.filter(body=posted(body).strip()).exists()


@BOUNDED
@given(
    action=st.one_of(st.sampled_from(["submit", "validate", "return", "publish"]), hostile_text()),
    data=form_data(["comment"]),
    language=languages(),
)
def test_a_transition_refuses_hostile_input_without_moving_the_assessment(
    client, focal_a, draft, action, data, language
):
    client.force_login(focal_a)
    before = snapshot()
    url = f"/{language}/assessments/{draft.pk}/transition/{quote(action, safe='')}/"
    response = send(client, "post", url, data)
    check_answer(response)
    # The draft is incomplete: no action moves it, and nothing else changes either.
    assert response.status_code in (302, 400, 403, 404)
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT
    check_refusal(response, before)
