from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.people import DEMO_PASSWORD, GLOBAL_ANALYSIS_COUNTRIES, create_demo_people

FRAMEWORK_FILE = Path(settings.BASE_DIR) / "fixtures" / "frameworks" / "mpf-pillar-6.yaml"


class Command(BaseCommand):
    help = (
        "Loads the Pillar 6 framework, the IGF countries and the synthetic DEMO data set "
        "(demo users and assessments). Safe to run again."
    )

    def handle(self, *args, **options):
        call_command("load_framework", str(FRAMEWORK_FILE), stdout=self.stdout)
        call_command("load_countries", stdout=self.stdout)
        create_demo_people()
        self.print_people()

    def print_people(self):
        iso3 = GLOBAL_ANALYSIS_COUNTRIES
        lines = [
            "",
            "DEMO DATA loaded (synthetic, not IGF assessments). Sign in with:",
            "  analyst                 IGF analyst (every country)",
            "  admin                   administrator (/admin/)",
            f"  <iso3>-focal            focal point of one of: {', '.join(c.lower() for c in iso3)}",
            "  <iso3>-contributor      contributor of the same countries (e.g. sen-contributor)",
            f"  password for all:       {DEMO_PASSWORD}",
            "",
        ]
        self.stdout.write("\n".join(lines))
