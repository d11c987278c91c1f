"""Store every assessment's roll-up scores again: manage.py rebuild_scores.

Run it once after the migration that adds them (until then the figures are computed from the
responses, only slower), and after any write to ratings that bypassed the services (a bulk
update, a restore of part of the data)."""

import time

from django.core.management.base import BaseCommand

from assessment.rollups import stored_scores_rebuild
from scores.comparison import invalidate


class Command(BaseCommand):
    help = "Compute and store every assessment's roll-up scores (pillar, areas, recommendations)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        written = stored_scores_rebuild()
        invalidate()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Stored the scores of {written} assessments in {seconds:.1f} s.")
        )
