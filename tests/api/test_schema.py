"""/api/schema/: a valid OpenAPI 3 document describing every endpoint, parameter and answer."""

import pytest
import yaml
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

OPERATIONS = {
    "/api/frameworks/", "/api/frameworks/{slug}/{version}/", "/api/countries/",
    "/api/countries/{iso3}/", "/api/assessments/", "/api/assessments/{id}/scores/",
    "/api/comparison/", "/api/open-data/{round}/",
}  # fmt: skip


@pytest.fixture(scope="module")
def document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_served_schema_is_openapi_3_and_validates(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    validate_schema(document)


def test_it_describes_every_endpoint_read_only(document):
    assert set(document["paths"]) == OPERATIONS
    assert all(set(methods) == {"get"} for methods in document["paths"].values())


def test_every_operation_documents_its_answers_and_parameters(document):
    for path, methods in document["paths"].items():
        operation = methods["get"]
        assert operation["summary"], path
        assert {"200", "400", "401", "429"} <= set(operation["responses"]), path
        if "{" in path:
            assert "404" in operation["responses"], path
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])


def test_the_comparison_parameters_carry_their_enums_and_patterns(document):
    parameters = {p["name"]: p for p in document["paths"]["/api/comparison/"]["get"]["parameters"]}
    assert set(parameters) == {
        "framework", "version", "round", "group", "include_drafts", "profile", "lang",
    }  # fmt: skip
    assert parameters["profile"]["schema"]["items"]["enum"] == [
        "national_action_plan", "minamata_notification", "minamata_party", "eiti",
    ]  # fmt: skip
    assert parameters["framework"]["required"] is True
    assert parameters["group"]["schema"]["anyOf"][0]["enum"] == ["m49", "subregion", "igf"]
    assert parameters["lang"]["schema"]["enum"] == ["en", "fr", "es", "pt"]
    assert parameters["round"]["schema"]["type"] == "array"
    assert parameters["include_drafts"]["schema"]["type"] == "boolean"
    assert parameters["version"]["schema"]["type"] == "integer"


def test_token_and_session_sign_in_are_described(document):
    schemes = document["components"]["securitySchemes"]
    token = schemes["apiToken"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    assert "Token <key>" in token["description"]
    assert schemes["cookieAuth"]["in"] == "cookie"
