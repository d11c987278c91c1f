"""/api/frameworks/: the versions a caller may read and one version's tree, in any language."""

from frameworks.models import Framework

from .conftest import client_for


def draft_framework() -> Framework:
    return Framework.objects.create(
        slug="pillar-7", version=1, title="Pillar 7", status="draft", content_hash="x"
    )


def test_the_list_shows_the_published_versions_with_a_link_to_their_tree(api, pillar6):
    response = api.get("/api/frameworks/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == [
        {
            "slug": "mpf-pillar-6",
            "version": pillar6.version,
            "title": "MPF Pillar 6: Artisanal and small-scale mining",
            "description": pillar6.description,
            "status": "published",
            "allows_not_applicable": True,
            "scoring_method": "nested_means",
            "previous_version": None,
            "url": f"/api/frameworks/mpf-pillar-6/{pillar6.version}/",
        }
    ]


def test_version_2_says_it_maps_from_version_1_and_how_each_indicator_fared(api, pillar6_v2):
    listed = {f["version"]: f for f in api.get("/api/frameworks/").json()}
    tree = api.get("/api/frameworks/mpf-pillar-6/2/").json()

    assert (listed[2]["previous_version"], listed[1]["previous_version"]) == (1, None)
    assert tree["scoring_method"] == "nested_means"
    split = next(entry for entry in tree["crosswalk"] if entry["previous"] == ["6.1.1.d"])
    assert split == {
        "kind": "split", "previous": ["6.1.1.d"], "current": ["6.1.1.f", "6.1.1.g"],
        "comparable": False, "note": split["note"],
    }  # fmt: skip
    assert sum(entry["comparable"] for entry in tree["crosswalk"]) == 43


def test_a_draft_framework_is_listed_for_staff_only(api, pillar6, administrator, analyst):
    draft_framework()
    assert [f["slug"] for f in api.get("/api/frameworks/").json()] == ["mpf-pillar-6"]
    assert client_for(analyst).get("/api/frameworks/pillar-7/1/").status_code == 404
    listed = client_for(administrator).get("/api/frameworks/").json()
    assert [f["slug"] for f in listed] == ["mpf-pillar-6", "pillar-7"]


def test_the_tree_holds_the_scale_areas_recommendations_and_indicators(api, pillar6):
    tree = api.get(f"/api/frameworks/mpf-pillar-6/{pillar6.version}/").json()
    assert [(level["code"], level["percentage"]) for level in tree["scale"]] == [
        (0, 0.0), (1, 25.0), (2, 50.0), (3, 75.0), (4, 100.0),
    ]  # fmt: skip
    assert [area["code"] for area in tree["areas"]] == ["6.1", "6.2", "6.3"]
    recommendations = [r for area in tree["areas"] for r in area["recommendations"]]
    indicators = [i for r in recommendations for i in r["indicators"]]
    assert (len(recommendations), len(indicators)) == (12, 51)
    first = indicators[0]
    assert first["code"] == "6.1.1.a" and first["weight"] == 1.0
    assert set(first) == {"code", "statement", "guidance", "weight", "tags", "level_guidance"}


def test_the_tree_costs_a_fixed_number_of_queries(api, pillar6, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        api.get(f"/api/frameworks/mpf-pillar-6/{pillar6.version}/")


def test_a_tree_with_a_crosswalk_costs_a_fixed_number_of_queries(
    api, pillar6_v2, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        api.get(f"/api/frameworks/mpf-pillar-6/{pillar6_v2.version}/")


def test_texts_follow_the_lang_parameter_and_say_so_in_content_language(api, pillar6):
    response = api.get(f"/api/frameworks/mpf-pillar-6/{pillar6.version}/?lang=fr")
    assert response["Content-Language"] == "fr"
    tree = response.json()
    assert tree["title"] == "CPM Pilier 6 : Exploitation minière artisanale et à petite échelle"
    assert tree["scale"][0]["label"] == "Inexistant"


def test_texts_follow_accept_language_without_the_parameter(api, pillar6):
    response = api.get("/api/frameworks/", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "es"
    assert response.json()[0]["title"] == "MPM Pilar 6: Minería artesanal y en pequeña escala"


def test_an_unknown_version_or_slug_is_a_json_404(api, pillar6):
    for url in ["/api/frameworks/mpf-pillar-6/99/", "/api/frameworks/nope/1/",
                "/api/frameworks/mpf-pillar-6/one/"]:  # fmt: skip
        response = api.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()


def test_an_unknown_language_is_a_400_naming_lang(api, pillar6):
    response = api.get("/api/frameworks/?lang=de")
    assert response.status_code == 400
    assert list(response.json()["parameters"]) == ["lang"]


def test_writing_is_not_allowed(api, pillar6):
    assert api.post("/api/frameworks/", {}).status_code == 405
    assert api.delete(f"/api/frameworks/mpf-pillar-6/{pillar6.version}/").status_code == 405
