"""The language switch of anonymous visitors: plain links to the same page in the other
languages. A form would need a CSRF token, and the cookie that comes with it would make
every public page uncacheable (config/caching.py)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """[{code, name, url, current}] for each language, `url` being this page in it."""
    request = context["request"]
    query = request.META.get("QUERY_STRING", "")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": f"{url}?{query}" if query else url,
                "current": code == current,
            }
        )
    return links
