"""Hostile input to the action plan's forms: the vision, an action (new and edited), a
progress note, an institution, a gap chosen."""

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.models import Action

from .conftest import check_answer, check_refusal, send, snapshot
from .strategies import NUMBERS, form_data, hostile_text, languages

BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ACTION_FIELDS = [
    "problem", "description", "impact", "expected_result", "duration_months", "start_semester",
    "stakeholders", "budget_amount", "budget_currency", "status", "indicators",
    "government_recommendations", "version",
]  # fmt: skip


def numbers_in(data: dict, names: list[str]) -> st.SearchStrategy[dict]:
    """Half of the time the numeric fields get number-like strings (huge, negative, NaN)."""
    return st.fixed_dictionaries({name: st.sampled_from(NUMBERS) for name in names}).map(
        lambda numbers: {**data, **numbers}
    )


@BOUNDED
@given(data=form_data(["vision", "vision_language"]), language=languages())
def test_the_vision_refuses_hostile_input(client, focal_a, draft, data, language):
    client.force_login(focal_a)
    before = snapshot()
    response = send(client, "post", f"/{language}/plans/{draft.pk}/vision/", data)
    check_refusal(response, before, language=language)


@BOUNDED
@given(
    data=form_data(ACTION_FIELDS).flatmap(
        lambda data: st.one_of(
            st.just(data), numbers_in(data, ["duration_months", "budget_amount", "version"])
        )
    ),
    language=languages(),
)
def test_a_new_action_refuses_hostile_input_without_creating_it(
    client, focal_a, draft, data, language
):
    client.force_login(focal_a)
    before = snapshot()
    response = send(client, "post", f"/{language}/plans/{draft.pk}/actions/new/", data)
    if check_refusal(response, before, language=language):
        return
    assert response.status_code == 302


@BOUNDED
@given(
    data=form_data(ACTION_FIELDS).flatmap(
        lambda data: numbers_in(data, ["duration_months", "budget_amount", "version"])
    ),
    language=languages(),
)
def test_an_edited_action_refuses_hostile_input_and_keeps_its_values(
    client, focal_a, plan_action, data, language
):
    client.force_login(focal_a)
    pk = plan_action.problem.plan.assessment_id
    before = snapshot()
    url = f"/{language}/plans/{pk}/actions/{plan_action.pk}/edit/"
    response = send(client, "post", url, data)
    if check_refusal(response, before, language=language):
        Action.objects.get(pk=plan_action.pk)  # still there, unchanged (the snapshot says)


@BOUNDED
@given(
    data=form_data(["date", "body"]).flatmap(
        lambda data: st.one_of(
            st.just(data),
            st.sampled_from(
                [
                    "2027-02-30",
                    "0000-01-01",
                    "9999-12-31",
                    "-1-01-01",
                    "2027-1-1",
                    "1e9",
                    "2027-13-01",
                ]
            ).map(lambda date: {**data, "date": date}),
        )
    ),  # fmt: skip
    language=languages(),
)
def test_a_progress_note_refuses_hostile_input(client, focal_a, plan_action, data, language):
    client.force_login(focal_a)
    pk = plan_action.problem.plan.assessment_id
    before = snapshot()
    url = f"/{language}/plans/{pk}/actions/{plan_action.pk}/notes/"
    response = send(client, "post", url, data)
    check_refusal(response, before, language=language)


@BOUNDED
@given(data=form_data(["name", "acronym", "kind"]), language=languages())
def test_an_institution_refuses_hostile_input(client, focal_a, draft, data, language):
    client.force_login(focal_a)
    before = snapshot()
    response = send(client, "post", f"/{language}/plans/{draft.pk}/institutions/", data)
    check_refusal(response, before, language=language)


@BOUNDED
@given(
    code=st.one_of(st.sampled_from(["6.1.1.a", "6.9.9.z"]), hostile_text()),
    data=form_data(["selected"]),
    htmx=st.booleans(),
    language=languages(),
)
def test_a_gap_selection_refuses_unknown_indicators(
    client, focal_a, draft, code, data, htmx, language
):
    client.force_login(focal_a)
    before = snapshot()
    url = f"/{language}/plans/{draft.pk}/gaps/{quote(code, safe='')}/"
    extra = {"headers": {"HX-Request": "true"}} if htmx else {}
    response = send(client, "post", url, data, **extra)
    check_answer(response)
    if code not in ("6.1.1.a",):
        assert response.status_code == 404
        check_refusal(response, before)
