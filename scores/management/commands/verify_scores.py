"""Check every stored roll-up score against the scoring engine: manage.py verify_scores.
Exits with status 1 and lists the assessments whose stored scores differ."""

from django.core.management.base import BaseCommand, CommandError

from assessment.models import StoredScores
from assessment.rollups import stored_scores_problems


class Command(BaseCommand):
    help = "Compare every assessment's stored scores with the scoring engine's."

    def handle(self, *args, **options):
        problems = stored_scores_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                f"{len(problems)} assessment(s) with stored scores that differ from the engine's:"
                " run manage.py rebuild_scores."
            )
        count = StoredScores.objects.count()
        self.stdout.write(self.style.SUCCESS(f"The stored scores of {count} assessments match."))
