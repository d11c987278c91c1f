"""Write an assessment as an offline workbook: manage.py export_workbook --country SEN --round 2026 PATH."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from assessment.models import Assessment
from assessment.workbook import workbook_build


class Command(BaseCommand):
    help = "Export a country's assessment of a round as an Excel workbook (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("--country", required=True, help="ISO3 code, e.g. SEN")
        parser.add_argument("--round", required=True, help='The round, e.g. "2026"')
        parser.add_argument("path", help="Where to write the .xlsx file")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the instructions, headers and statements (default: %(default)s)",
        )

    def handle(self, *args, country, round, path, language, **options):
        assessment = (
            Assessment.objects.select_related("country", "framework")
            .filter(country__iso3=country.upper(), round=round)
            .first()
        )
        if assessment is None:
            raise CommandError(f"No assessment of {country.upper()} for round {round}.")
        with translation.override(language):
            data = workbook_build(assessment)
        Path(path).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {assessment} to {path}."))
