import html

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from frameworks.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_published_framework(client, pillar6):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert pillar6.title_en in response.content.decode()


def test_a_page_asked_for_in_french_is_in_french_framework_text_included(client, pillar6):
    indicator = Indicator.objects.filter(recommendation__area__framework=pillar6).first()
    response = client.get("/frameworks/mpf-pillar-6/v1/", HTTP_ACCEPT_LANGUAGE="fr", follow=True)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "Échelle de notation" in page
    assert indicator.statement_fr in page
    assert indicator.statement_en not in page


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_the_framework_page_has_a_url_per_language(client, pillar6, language):
    with translation.override(language):
        url = pillar6.get_absolute_url()
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert getattr(pillar6, f"title_{language}") in response.content.decode()


def test_the_framework_page_shows_3_areas_12_recommendations_and_their_indicators(
    client, pillar6, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(pillar6.get_absolute_url())
    areas = list(response.context["areas"])
    assert [area.code for area in areas] == ["6.1", "6.2", "6.3"]
    assert sum(area.recommendations.count() for area in areas) == 12
    page = response.content.decode()
    for indicator in Indicator.objects.filter(recommendation__area__framework=pillar6):
        assert indicator.code in page


def test_switching_language_redirects_to_the_same_page_in_the_new_language(client, pillar6):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "/en/frameworks/mpf-pillar-6/v1/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/frameworks/mpf-pillar-6/v1/"


@override_settings(DEMO_MODE=True)
def test_the_demo_banner_is_on_every_page_in_demo_mode(client, pillar6):
    for url in [reverse("home"), reverse("countries:list"), pillar6.get_absolute_url()]:
        assert "Demo data" in client.get(url).content.decode()


def test_there_is_no_demo_banner_outside_demo_mode(client, pillar6):
    assert "Demo data" not in client.get(reverse("home")).content.decode()


def test_the_health_endpoint_answers_ok(client):
    response = client.get(reverse("health"))
    assert response.json() == {"status": "ok"}


def test_a_user_signs_in_and_out(client, contributor_a):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "password"})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].is_authenticated
    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_a_wrong_password_gives_a_clear_message(client, contributor_a):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
