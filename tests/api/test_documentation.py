"""The API's documentation page: served from our own files (no CDN), explains tokens."""

import re

from django.contrib.staticfiles import finders


def test_the_documentation_explains_tokens_and_loads_swagger_ui_from_our_static_files(client, db):
    response = client.get("/en/api/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-schema-url="/api/schema/"' in page
    assert "Authorization: Token" in page
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert all(url.startswith("/") for url in scripts), scripts  # nothing from elsewhere
    for url in scripts:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url


def test_signed_in_readers_get_a_link_to_their_tokens(client, analyst):
    client.force_login(analyst)
    assert 'href="/en/api/tokens/"' in client.get("/en/api/docs/").content.decode()


def test_the_schema_the_page_reads_is_served(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"apiToken" in response.content
