import pytest
from django.urls import reverse
from django.utils import translation

from countries.loading import load_countries, read_country_rows
from countries.models import Country

LAC = "419"
ASIA = "142"
AFRICA = "002"

pytestmark = pytest.mark.django_db


def test_every_country_of_the_seed_list_is_loaded(pillar6):
    assert Country.objects.count() == 85
    assert Country.objects.members().count() == 84


def test_bolivia_is_a_former_member(pillar6):
    bolivia = Country.objects.get(iso3="BOL")
    assert bolivia.membership_status == Country.MembershipStatus.FORMER


@pytest.mark.parametrize("iso3", ["MNG", "KGZ"])
def test_mongolia_and_the_kyrgyz_republic_count_as_asia(pillar6, iso3):
    country = Country.objects.get(iso3=iso3)
    assert country.analysis_region == ASIA
    assert country.igf_region == Country.IgfRegion.EURASIA


@pytest.mark.parametrize("iso3", ["JAM", "SUR", "HND", "PAN", "ECU", "DOM"])
def test_latin_american_and_caribbean_countries_group_as_lac(pillar6, iso3):
    country = Country.objects.get(iso3=iso3)
    assert country.analysis_region == LAC
    assert country.analysis_region_name("en") == "Latin America and the Caribbean"


def test_canada_and_the_united_states_are_northern_america_not_lac(pillar6):
    assert {c.analysis_region for c in Country.objects.filter(iso3__in=["CAN", "USA"])} == {"021"}


def test_senegal_counts_as_africa_in_the_igf_and_the_un_groupings(pillar6):
    senegal = Country.objects.get(iso3="SEN")
    assert (senegal.igf_region, senegal.analysis_region) == ("africa", AFRICA)


def test_country_names_come_translated_from_the_library(pillar6):
    senegal = Country.objects.get(iso3="SEN")
    names = {}
    for language in ["en", "fr", "es", "pt"]:
        with translation.override(language):
            names[language] = str(senegal.name)
    assert names == {"en": "Senegal", "fr": "Sénégal", "es": "Senegal", "pt": "Senegal"}


def test_region_names_are_translated(pillar6):
    country = Country.objects.get(iso3="MNG")
    assert country.analysis_region_name("fr") == "Asie"
    assert (
        Country.objects.get(iso3="HND").analysis_region_name("es") == "América Latina y el Caribe"
    )


def test_loading_the_countries_again_changes_nothing(pillar6):
    created, updated = load_countries()
    assert created == 0
    assert updated == len(read_country_rows())
    assert Country.objects.count() == 85


def test_the_country_list_filters_by_un_region(client, pillar6):
    response = client.get(reverse("countries:list"), {"region": LAC})
    assert response.status_code == 200
    listed = {country.iso3 for country in response.context["countries"]}
    assert {"JAM", "ECU", "BOL"} <= listed
    assert not listed & {"CAN", "SEN", "MNG"}


def test_the_country_list_filters_by_igf_region_and_membership(client, pillar6):
    response = client.get(reverse("countries:list"), {"igf_region": "americas", "status": "former"})
    assert [country.iso3 for country in response.context["countries"]] == ["BOL"]
    assert "Former member" in response.content.decode()


def test_an_unknown_filter_value_shows_all_countries_and_no_error(client, pillar6):
    response = client.get(reverse("countries:list"), {"region": "not-a-region"})
    assert response.status_code == 200
    assert len(response.context["countries"]) == 85


@pytest.mark.parametrize(
    ("iso3", "names"),
    [
        (
            "KGZ",
            ("Kyrgyz Republic", "République kirghize", "República Kirguisa", "República Quirguiz"),
        ),
        (
            "RUS",
            (
                "Russian Federation",
                "Fédération de Russie",
                "Federación de Rusia",
                "Federação Russa",
            ),
        ),
        (
            "COG",
            (
                "Republic of the Congo",
                "République du Congo",
                "República del Congo",
                "República do Congo",
            ),
        ),
    ],
)
def test_countries_are_named_as_igf_writes_them_in_the_four_languages(pillar6, iso3, names):
    country = Country.objects.get(iso3=iso3)
    shown = []
    for language in ["en", "fr", "es", "pt"]:
        with translation.override(language):
            shown.append(str(country.name))
    assert tuple(shown) == names


def test_the_congo_decision_is_recorded_with_its_reason_in_the_country_file():
    row = next(row for row in read_country_rows() if row["iso3"] == "COG")
    assert row["names"]["en"] == "Republic of the Congo"
    assert "Decision" in row["note"] and "Democratic Republic of the Congo" in row["note"]
    assert not any(row["iso3"] == "COD" for row in read_country_rows())


def test_every_overridden_name_gives_all_four_languages_and_a_reason():
    for row in read_country_rows():
        if "names" in row:
            assert set(row["names"]) == {"en", "fr", "es", "pt"}, row["iso3"]
            assert row.get("note"), row["iso3"]
