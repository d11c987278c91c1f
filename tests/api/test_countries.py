"""/api/countries/: codes, names, regions and membership, in the requested language."""

SENEGAL = {
    "iso3": "SEN",
    "code": "SN",
    "name": "Senegal",
    "igf_region": "africa",
    "igf_region_name": "Africa",
    "m49_region": "002",
    "m49_region_name": "Africa",
    "m49_subregion": "202",
    "m49_subregion_name": "Sub-Saharan Africa",
    "analysis_region": "002",
    "analysis_region_name": "Africa",
    "membership_status": "member",
    "membership_status_name": "Member",
}


def test_the_list_holds_every_country_with_its_regions(api, pillar6):
    countries = {country["iso3"]: country for country in api.get("/api/countries/").json()}
    assert countries["SEN"] == SENEGAL
    ecuador = countries["ECU"]
    assert (ecuador["m49_region"], ecuador["m49_subregion"], ecuador["analysis_region"]) == (
        "019", "419", "419",
    )  # fmt: skip
    assert ecuador["analysis_region_name"] == "Latin America and the Caribbean"


def test_the_list_costs_one_query(api, pillar6, django_assert_num_queries):
    with django_assert_num_queries(1):
        api.get("/api/countries/")


def test_one_country_is_found_by_its_iso3_code_in_any_case(api, pillar6):
    assert api.get("/api/countries/sen/").json() == SENEGAL
    assert api.get("/api/countries/SEN/").json() == SENEGAL


def test_names_are_translated(api, pillar6):
    senegal = api.get("/api/countries/SEN/?lang=fr").json()
    assert (senegal["name"], senegal["m49_region_name"]) == ("Sénégal", "Afrique")


def test_an_unknown_country_is_a_json_404(api, pillar6):
    for code in ["XYZ", "SENE", "a%20b"]:
        response = api.get(f"/api/countries/{code}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


def test_any_other_address_under_api_is_a_json_404(api, db):
    response = api.get("/api/nothing/here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_api_root_points_to_every_endpoint_and_the_schema(api, db):
    assert api.get("/api/").json() == {
        "framework-list": "/api/frameworks/", "country-list": "/api/countries/",
        "assessment-list": "/api/assessments/", "comparison": "/api/comparison/",
        "schema": "/api/schema/",
    }  # fmt: skip
