"""/api/comparison/: each group's and area's average with its number of countries, as each
role may see it, and a 400 naming the parameter for anything malformed.

Round 2024 of the world (conftest.py), percentages per area 6.1/6.2/6.3:
published LAC: JAM 25/0/50, HND 50/25/0, PAN 75/50/25 -> 50/25/25, pillar 33.33 (n=3)
with confidential ECU 0/100/100 -> 37.5/43.75/43.75, pillar 41.67 (n=4)
Africa: published SEN 100/50/75, confidential RWA 25/25/25 -> 62.5/37.5/50, pillar 50 (n=2)
"""

import pytest

from api.parameters import UNKNOWN_FRAMEWORK, UNKNOWN_GROUP, UNKNOWN_VERSION
from scores.models import CountryGroup

from .conftest import AFRICA, LAC, client_for

URL = "/api/comparison/?framework=mpf-pillar-6"
PUBLIC_LAC = {"pillar": (pytest.approx(100 / 3), 3), "6.1": (50, 3), "6.2": (25, 3), "6.3": (25, 3)}
ALL_LAC = {
    "pillar": (pytest.approx(125 / 3), 4),
    "6.1": (37.5, 4), "6.2": (43.75, 4), "6.3": (43.75, 4),
}  # fmt: skip
SUPPRESSED_AFRICA = {code: (None, 1) for code in ["pillar", "6.1", "6.2", "6.3"]}
ALL_AFRICA = {"pillar": (50, 2), "6.1": (62.5, 2), "6.2": (37.5, 2), "6.3": (50, 2)}


def compare(client, query: str = "&round=2024") -> dict:
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    return response.json()


def figures(body: dict, group: str, round_: str = "2024") -> dict:
    [entry] = [g for g in body["groups"] if g["group"] == group and g["round"] == round_]
    pillar = entry["pillar"]
    result = {"pillar": (pillar["mean"], pillar["n_countries"])}
    result.update({a["area"]: (a["mean"], a["n_countries"]) for a in entry["areas"]})
    return result


def test_the_answer_names_the_comparison_and_each_group(world, analyst):
    body = compare(client_for(analyst), "&round=2024&group=m49")
    assert {key: body[key] for key in body if key != "groups"} == {
        "framework": "mpf-pillar-6", "version": world["SEN", "2024"].framework.version,
        "rounds": ["2024"], "grouping": "m49", "grouping_name": "UN M49 region",
        "include_drafts": False, "profile": [], "scoring_method": "nested_means",
        "min_group_size": 3,
    }  # fmt: skip
    assert [(g["group"], g["name"], g["round"]) for g in body["groups"]] == [
        (AFRICA, "Africa", "2024"), (LAC, "Latin America and the Caribbean", "2024"),
    ]  # fmt: skip
    area = body["groups"][1]["areas"][0]
    assert area == {
        "area": "6.1", "title": "ASM activities in the legal system", "mean": 37.5,
        "n_countries": 4, "suppressed": False,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("person", "lac", "africa"),
    [
        (None, PUBLIC_LAC, SUPPRESSED_AFRICA),
        ("focal_a", PUBLIC_LAC, SUPPRESSED_AFRICA),
        ("focal_b", ALL_LAC, SUPPRESSED_AFRICA),
        ("analyst", ALL_LAC, ALL_AFRICA),
    ],
)
def test_each_role_gets_the_averages_of_what_it_may_see(world, request, person, lac, africa):
    body = compare(client_for(request.getfixturevalue(person) if person else None))
    assert figures(body, LAC) == lac
    assert figures(body, AFRICA) == africa


def test_a_group_of_fewer_than_three_countries_is_flagged_suppressed(world, api):
    africa = next(g for g in compare(api)["groups"] if g["group"] == AFRICA)
    assert africa["pillar"] == {"mean": None, "n_countries": 1, "suppressed": True}
    assert all(area["suppressed"] for area in africa["areas"])


def test_every_round_is_compared_without_a_round_parameter(world, analyst):
    body = compare(client_for(analyst), "")
    assert body["rounds"] == ["2022", "2024"]
    assert figures(body, AFRICA, "2022")["pillar"] == (50, 1)


def test_several_rounds_can_be_asked_for(world, analyst):
    body = compare(client_for(analyst), "&round=2022&round=2024")
    assert body["rounds"] == ["2022", "2024"]
    assert compare(client_for(analyst), "&round=2030")["groups"] == []


def test_drafts_count_for_analysts_only_when_asked_and_are_labelled(world, analyst, focal_a):
    assert compare(client_for(analyst), "&round=2026")["groups"] == []
    body = compare(client_for(analyst), "&round=2026&include_drafts=true")
    assert body["include_drafts"] is True
    assert {(g["group"], g["n_drafts"]) for g in body["groups"]} == {(AFRICA, 1), (LAC, 1)}
    assert figures(body, AFRICA, "2026")["pillar"] == (100, 1)
    ministry = compare(client_for(focal_a), "&round=2026&include_drafts=true")
    assert (ministry["include_drafts"], ministry["groups"]) == (False, [])


def test_countries_can_be_grouped_by_igf_region_and_m49_subregion(world, analyst):
    igf = compare(client_for(analyst), "&round=2024&group=igf")
    assert igf["grouping_name"] == "IGF region"
    assert {g["group"]: g["name"] for g in igf["groups"]} == {
        "africa": "Africa", "americas": "Americas",
    }  # fmt: skip
    assert figures(igf, "americas") == ALL_LAC
    subregions = compare(client_for(analyst), "&round=2024&group=subregion")
    assert {g["group"] for g in subregions["groups"]} == {"202", "419"}


def test_an_analyst_compares_a_group_of_countries_they_saved(world, analyst, ecuador):
    group = CountryGroup.objects.create(owner=analyst, name="Andes and isthmus")
    group.countries.add(ecuador, world["PAN", "2024"].country)
    body = compare(client_for(analyst), f"&round=2024&group=group:{group.pk}")
    assert (body["grouping"], body["grouping_name"]) == (f"group:{group.pk}", "Andes and isthmus")
    assert [(g["group"], g["name"]) for g in body["groups"]] == [
        (str(group.pk), "Andes and isthmus")
    ]
    assert figures(body, str(group.pk))["6.1"] == (37.5, 2)


def test_somebody_elses_saved_group_is_a_400(world, analyst, focal_a, administrator):
    group = CountryGroup.objects.create(owner=administrator, name="Mine")
    for client in [client_for(analyst), client_for(None)]:
        response = client.get(URL + f"&group=group:{group.pk}")
        assert response.status_code == 400
        assert response.json()["parameters"] == {"group": [str(UNKNOWN_GROUP % {"pk": group.pk})]}


def test_labels_follow_the_requested_language(world, analyst):
    body = compare(client_for(analyst), "&round=2024&lang=fr")
    lac = next(g for g in body["groups"] if g["group"] == LAC)
    assert lac["name"] == "Amérique latine et Caraïbes"
    assert lac["areas"][0]["title"] != "ASM activities in the legal system"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("", "framework"),
        ("?framework=", "framework"),
        ("?framework=no such thing", "framework"),
        ("?framework=nope", "framework"),
        ("?framework=mpf-pillar-6&version=99", "version"),
        ("?framework=mpf-pillar-6&version=1.0", "version"),
        ("?framework=mpf-pillar-6&version=0", "version"),
        ("?framework=mpf-pillar-6&group=continent", "group"),
        ("?framework=mpf-pillar-6&group=group:abc", "group"),
        ("?framework=mpf-pillar-6&round=2024&round=", "round"),
        ("?framework=mpf-pillar-6&round=%2F2024", "round"),
        ("?framework=mpf-pillar-6&round=2024%0A", "round"),
        ("?framework=mpf-pillar-6&include_drafts=maybe", "include_drafts"),
        ("?framework=mpf-pillar-6&lang=de", "lang"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(world, analyst, query, parameter):
    response = client_for(analyst).get("/api/comparison/" + query)
    assert response.status_code == 400
    body = response.json()
    assert list(body["parameters"]) == [parameter]
    assert parameter in body["detail"]


def test_unknown_framework_and_version_messages_name_what_was_asked(world, api):
    body = api.get("/api/comparison/?framework=nope").json()
    assert body["parameters"]["framework"] == [str(UNKNOWN_FRAMEWORK % {"slug": "nope"})]
    body = api.get(URL + "&version=7").json()
    message = UNKNOWN_VERSION % {"slug": "mpf-pillar-6", "version": 7}
    assert body["parameters"]["version"] == [str(message)]


def test_the_comparison_costs_a_fixed_number_of_queries_and_is_cached(
    world, analyst, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_for(analyst)
    # One more than before stored scores: they are read beside the responses of the
    # assessments without them.
    with django_assert_max_num_queries(6):
        client.get(URL + "&round=2024")
    with django_assert_num_queries(1):  # the framework's lookup; the figures are cached
        client.get(URL + "&round=2024")
