from django.core.management.base import BaseCommand

from publications.scheduling import publish_due


class Command(BaseCommand):
    help = (
        "Publish every scheduled publication whose time has come. The task queue does it on "
        "time; run this from a timer as a safety net (it is idempotent)."
    )

    def handle(self, *args, **options):
        count = publish_due()
        self.stdout.write(f"{count} publication(s) published.")
