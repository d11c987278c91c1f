"""/health/ for the load balancer: the database and the cache."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_answers_ok_when_the_database_and_the_cache_work(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_when_the_database_does_not(client):
    with mock.patch("config.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


def test_health_says_degraded_but_stays_in_rotation_when_the_cache_is_down(client):
    with mock.patch("config.views.cache.get", return_value=None):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "cache": "error"}


def test_health_needs_no_language_prefix_nor_sign_in(client):
    assert reverse("health") == "/health/"
