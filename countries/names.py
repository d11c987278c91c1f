"""Country names as IGF writes them, in the four languages, laid over django-countries.

The names are data: `names` in fixtures/countries.yaml, beside the decision they record
(the `note`). config/settings.py gives them to django-countries (COUNTRIES_OVERRIDE), so
every page, export, report and API answer that names a country says "Kyrgyz Republic",
"Fédération de Russie" or "República do Congo". This module is read while the settings load:
it imports nothing of Django's models.
"""

from pathlib import Path

import yaml
from django.utils.functional import lazy
from django.utils.translation import get_language
from django_countries.data import ALT_CODES

COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "countries.yaml"
FALLBACK = "en"


def _in_active_language(names: dict[str, str]) -> str:
    language = (get_language() or FALLBACK).split("-")[0]
    return names.get(language) or names[FALLBACK]


name_in_active_language = lazy(_in_active_language, str)


def igf_names(path: Path = COUNTRIES_FILE) -> dict:
    """ISO alpha-2 code -> the country's name as IGF writes it, in the active language,
    for the countries of the file that give `names`."""
    alpha2_of = {codes[0]: alpha2 for alpha2, codes in ALT_CODES.items()}
    with open(path, encoding="utf-8") as stream:
        rows = yaml.safe_load(stream)["countries"]
    return {
        alpha2_of[row["iso3"]]: name_in_active_language(row["names"])
        for row in rows
        if row.get("names")
    }
