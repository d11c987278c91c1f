"""Hostile filters of the comparison (page, exports, PDF reports), the analysts' saved
groups, and the JSON API's query parameters."""

from urllib.parse import quote

from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.models import ReportFile
from scores.models import CountryGroup

from .conftest import check_answer, check_refusal, send, snapshot
from .strategies import NUMBERS, form_data, hostile_text, hostile_values, languages

BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FILTERS = ["framework", "round", "grouping", "include_drafts"]
GROUPINGS = ["m49", "igf", "subregion", "group:1", "group:99999999999999999999", "group:-1",
             "group:²", "group:"]  # fmt: skip
COMPARISON_PAGES = ["compare/", "compare/comparison.csv", "compare/averages.csv",
                    "compare/comparison.xlsx", "reports/regional/"]  # fmt: skip


def filters() -> st.SearchStrategy[dict]:
    """Comparison filters, each hostile, left out, or (sometimes) a plausible value."""
    return form_data(FILTERS).flatmap(
        lambda data: st.one_of(
            st.just(data),
            st.sampled_from(GROUPINGS).map(lambda grouping: {**data, "grouping": grouping}),
            st.sampled_from(NUMBERS).map(lambda number: {**data, "framework": number}),
        )
    )


@BOUNDED
@given(
    page=st.sampled_from(COMPARISON_PAGES),
    data=filters(),
    who=st.sampled_from(["anonymous", "analyst", "focal"]),
    language=languages(),
)
def test_comparison_pages_and_exports_refuse_hostile_filters_with_a_message(
    client, pillar6, analyst, focal_a, page, data, who, language
):
    if page.startswith("reports/") and who == "anonymous":
        who = "analyst"  # the regional preview is for signed-in users
    if who != "anonymous":
        client.force_login(analyst if who == "analyst" else focal_a)
    before = snapshot()
    response = send(client, "get", f"/{language}/{page}", data)
    check_answer(response, language=language if response.status_code != 400 else None)
    assert response.status_code in (200, 400)
    check_refusal(response, before)


@BOUNDED
@given(data=filters().map(lambda data: {**data, "language": data.get("grouping", "")}),
       language=languages())  # fmt: skip
def test_a_regional_report_request_refuses_hostile_filters_without_queueing_a_report(
    client, pillar6, analyst, data, language
):
    client.force_login(analyst)
    before = snapshot()
    response = send(client, "post", f"/{language}/reports/regional/pdf/", data)
    if check_refusal(response, before):
        return
    assert response.status_code == 302
    assert ReportFile.objects.exists()


@BOUNDED
@given(language_field=hostile_values(), language=languages())
def test_a_country_report_request_takes_a_known_language_or_the_pages(
    client, focal_a, draft, language_field, language
):
    client.force_login(focal_a)
    data = {} if language_field is None else {"language": language_field}
    response = send(client, "post", f"/{language}/reports/assessments/{draft.pk}/pdf/", data)
    check_answer(response)
    assert response.status_code == 302
    report = ReportFile.objects.latest("pk")
    assert report.language in ("en", "fr", "es", "pt")


@BOUNDED
@given(data=form_data(["name", "countries"]).flatmap(
    lambda data: st.one_of(st.just(data), st.lists(
        st.sampled_from(["1", "2", "0", "-1", "99999999999999999999", "²", "1.5", ""]),
        max_size=4).map(lambda countries: {**data, "countries": countries})),
), language=languages())  # fmt: skip
def test_a_saved_group_refuses_hostile_input_without_saving_it(
    client, analyst, pillar6, data, language
):
    client.force_login(analyst)
    before = snapshot()
    response = send(client, "post", f"/{language}/compare/groups/new/", data)
    if check_refusal(response, before, language=language):
        return
    assert CountryGroup.objects.filter(owner=analyst).exists()


@BOUNDED
@given(data=form_data(["name", "countries"]), language=languages())
def test_editing_a_saved_group_refuses_hostile_input_and_keeps_it(
    client, analyst, pillar6, data, language
):
    group = CountryGroup.objects.create(name="Sahel", owner=analyst)
    client.force_login(analyst)
    before = snapshot()
    response = send(client, "post", f"/{language}/compare/groups/{group.pk}/", data)
    if check_refusal(response, before, language=language):
        assert CountryGroup.objects.filter(pk=group.pk, name="Sahel").exists()
    CountryGroup.objects.filter(owner=analyst).delete()


# The JSON API.

API_PATHS = {
    "comparison/": ["framework", "version", "round", "group", "include_drafts", "lang"],
    "assessments/": ["country", "round", "framework", "status", "include_drafts", "lang"],
    "frameworks/": ["lang"],
    "countries/": ["lang"],
}


@BOUNDED
@given(
    path=st.sampled_from(sorted(API_PATHS)),
    data=st.data(),
    signed_in=st.booleans(),
)
def test_api_query_parameters_are_validated_with_a_json_message(
    client, pillar6, analyst, path, data, signed_in
):
    cache.clear()  # the anonymous throttle would answer 429 after 60 examples
    if signed_in:
        client.force_login(analyst)
    params = data.draw(form_data(API_PATHS[path]))
    if path == "comparison/" and data.draw(st.booleans()):
        params["framework"] = "mpf-pillar-6"
    before = snapshot()
    response = client.get(f"/api/{path}", params)
    check_answer(response)
    assert response.status_code in (200, 400), response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    check_refusal(response, before)


@BOUNDED
@given(
    template=st.sampled_from(["countries/{}/", "frameworks/{}/1/", "frameworks/mpf-pillar-6/{}/",
                              "assessments/{}/scores/", "{}/"]),
    value=hostile_text(),
)  # fmt: skip
def test_api_path_parameters_answer_a_json_404_or_400(client, pillar6, template, value):
    cache.clear()
    response = client.get("/api/" + template.format(quote(value, safe="")))
    check_answer(response)
    assert response.status_code in (200, 400, 404), response.content[:500]
    if response.status_code != 200 and "\x00" not in value:  # NUL: the site's 404 page
        assert response["Content-Type"].startswith("application/json")


def test_an_api_error_is_in_the_language_asked_for(client, pillar6):
    response = client.get("/api/comparison/", {"framework": "mpf-pillar-6", "group": "x",
                                               "lang": "fr"})  # fmt: skip
    assert response.status_code == 400
    assert response["Content-Language"] == "fr"
