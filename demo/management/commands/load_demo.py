from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from assessment.models import Assessment
from demo.assessments import create_demo_assessments
from demo.editions import queue_demo_editions
from demo.people import DEMO_PASSWORD, GLOBAL_ANALYSIS_COUNTRIES, create_demo_people
from demo.plans import create_demo_plans
from demo.profiles import create_demo_profiles

FRAMEWORKS = Path(settings.BASE_DIR) / "fixtures" / "frameworks"
# Version 1 (the 2022 and 2024 rounds), then version 2 (2026), whose crosswalk maps from it.
FRAMEWORK_FILES = [FRAMEWORKS / "mpf-pillar-6.yaml", FRAMEWORKS / "mpf-pillar-6-v2.yaml"]


class Command(BaseCommand):
    help = (
        "Loads the Pillar 6 framework (versions 1 and 2), the IGF countries and the synthetic "
        "DEMO data set (demo users, assessments, ASM profiles, action plans, the published ones' "
        "PDF editions, queued). Safe to run again."
    )

    def handle(self, *args, **options):
        call_command("load_framework", *map(str, FRAMEWORK_FILES), stdout=self.stdout)
        call_command("load_countries", stdout=self.stdout)
        create_demo_people()
        created = create_demo_assessments()
        create_demo_profiles()
        create_demo_plans()
        # Those published just now had their editions queued by the workflow already.
        queued = queue_demo_editions(except_ids=[a.pk for a in created])
        self.print_assessments(created)
        self.stdout.write(
            "PDF editions of the published demo assessments: written in the background by "
            f"the task worker ({queued} more queued now)."
        )
        self.print_people()

    def print_assessments(self, created: list[Assessment]):
        total = Assessment.objects.filter(is_demo=True).count()
        by_round: dict[str, int] = {}
        for assessment in created:
            by_round[assessment.round] = by_round.get(assessment.round, 0) + 1
        rounds = ", ".join(f"{count} in {round_}" for round_, count in sorted(by_round.items()))
        self.stdout.write(
            f"Demo assessments: {len(created)} created ({rounds or 'none'}); {total} in all."
        )

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
