"""Open data: per round, every published assessment's scores, as CSV, Excel and through the
public API, with a data dictionary and the licence."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from publications.open_data import DATA_DICTIONARY

from .conftest import LEVELS_2024, Status, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(five_countries, pillar6):
    """Five published assessments in 2024, and two that are not."""
    make_assessment(pillar6, "ECU", "2024", Status.VALIDATED, LEVELS_2024["SEN"])
    make_assessment(pillar6, "DOM", "2024", Status.CONFIDENTIAL, LEVELS_2024["SEN"])
    return five_countries


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_holds_only_published_assessments(client, world):
    response = client.get(reverse("publications:open_data_csv", args=["2024"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert {row["iso3"] for row in rows} == {"JAM", "HND", "PAN", "SEN", "RWA"}


def test_the_csv_columns_match_the_data_dictionary(client, world):
    response = client.get(reverse("publications:open_data_csv", args=["2024"]))
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == list(DATA_DICTIONARY)
    dictionary = client.get(reverse("publications:open_data_dictionary"))
    described = [row["column"] for row in read_csv(dictionary)]
    assert described == header


def test_the_figures_are_the_assessments_scores(client, world):
    rows = read_csv(client.get(reverse("publications:open_data_csv", args=["2024"])))
    senegal = {(row["level"], row["code"]): row for row in rows if row["iso3"] == "SEN"}
    assert float(senegal[("pillar", "")]["percent"]) == 75.0
    assert float(senegal[("area", "6.1")]["percent"]) == 100.0
    indicator = next(row for (level, _code), row in senegal.items() if level == "indicator")
    assert indicator["rating"] in {"2", "3", "4"} and indicator["rating_label"]
    assert {row["licence"] for row in rows} == {"CC BY 4.0"}
    assert {row["framework_version"] for row in rows} == {"1"}


def test_the_workbook_holds_the_data_the_dictionary_and_the_licence(client, world):
    response = client.get(reverse("publications:open_data_xlsx", args=["2024"]))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["Data", "Data dictionary", "Licence"]
    data = list(workbook["Data"].iter_rows(values_only=True))
    assert list(data[0]) == list(DATA_DICTIONARY)
    assert {row[0] for row in data[1:]} == {"JAM", "HND", "PAN", "SEN", "RWA"}
    licence = list(workbook["Licence"].iter_rows(values_only=True))
    assert licence[1][0] == "CC BY 4.0"


def test_the_licence_is_a_setting(client, world, settings):
    settings.OPEN_DATA_LICENCE = "ODbL 1.0"
    rows = read_csv(client.get(reverse("publications:open_data_csv", args=["2024"])))
    assert {row["licence"] for row in rows} == {"ODbL 1.0"}
    assert "ODbL 1.0" in client.get(reverse("publications:open_data")).content.decode()


def test_a_justification_that_looks_like_a_formula_is_not_run(client, pillar6):
    make_assessment(pillar6, "SEN", "2024", Status.PUBLISHED, LEVELS_2024["SEN"])
    from frameworks.models import Indicator

    Indicator.objects.filter(code="6.1.1.a").update(statement_en="=HYPERLINK(1)")
    from assessment.scores import clear_framework_indexes

    clear_framework_indexes()
    text = client.get(reverse("publications:open_data_csv", args=["2024"])).content.decode()
    assert "'=HYPERLINK(1)" in text


def test_a_round_without_publication_has_no_file(client, world):
    assert client.get(reverse("publications:open_data_csv", args=["2026"])).status_code == 404
    assert client.get("/api/open-data/2026/").status_code == 404


def test_the_open_data_page_lists_the_rounds_with_the_licence_and_is_public(client, world):
    response = client.get(reverse("publications:open_data"))
    text = response.content.decode()
    assert reverse("publications:open_data_csv", args=["2024"]) in text
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in text
    assert response["Cache-Control"] == "public, max-age=600"
    for column in DATA_DICTIONARY:
        assert f"<code>{column}</code>" in text


def test_the_public_api_serves_the_same_rows(client, world):
    answer = client.get("/api/open-data/2024/")
    assert answer.status_code == 200
    payload = answer.json()
    assert payload["licence"] == "CC BY 4.0"
    assert list(payload["data_dictionary"]) == list(DATA_DICTIONARY)
    csv_rows = read_csv(client.get(reverse("publications:open_data_csv", args=["2024"])))
    assert len(payload["rows"]) == len(csv_rows)
    assert {row["iso3"] for row in payload["rows"]} == {"JAM", "HND", "PAN", "SEN", "RWA"}


def test_the_public_api_is_rate_limited(client, world, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "2/min")
    statuses = [client.get("/api/open-data/2024/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_open_data_endpoint_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/open-data/{round}/"]["get"]
    assert operation["tags"] == ["open data"]
    assert "OpenData" in str(operation["responses"]["200"])


def test_the_open_data_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        client.get(reverse("publications:open_data"))
