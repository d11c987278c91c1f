"""Load the IGF member countries from fixtures/countries.yaml (idempotent upsert)."""

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django_countries import countries as country_names

from .models import Country

COUNTRIES_FILE = Path(settings.BASE_DIR) / "fixtures" / "countries.yaml"
UNKNOWN_ISO3 = "{iso3} is not an ISO 3166 alpha-3 country code."


def read_country_rows(path: Path = COUNTRIES_FILE) -> list[dict]:
    with open(path, encoding="utf-8") as stream:
        return yaml.safe_load(stream)["countries"]


@transaction.atomic
def load_countries(path: Path = COUNTRIES_FILE) -> tuple[int, int]:
    """Create or update every country of the file; returns (created, updated)."""
    created = updated = 0
    for row in read_country_rows(path):
        alpha2 = country_names.alpha2(row["iso3"])
        if not alpha2:
            raise ValueError(UNKNOWN_ISO3.format(iso3=row["iso3"]))
        _, was_created = Country.objects.update_or_create(
            iso3=row["iso3"],
            defaults={
                "code": alpha2,
                "igf_region": row["igf_region"],
                "m49_region": row["m49_region"],
                "m49_subregion": row["m49_subregion"],
                "m49_intermediate": row.get("m49_intermediate", ""),
                "membership_status": row["status"],
            },
        )
        created += was_created
        updated += not was_created
    return created, updated
