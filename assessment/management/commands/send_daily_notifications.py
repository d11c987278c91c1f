"""Once a day (a cron job or systemd timer, like prune_audit_events): queue the daily digests
and the reminders 14 and 3 days before a deadline. The task worker sends them. Running it
twice the same day sends nothing twice."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from assessment.notifications import send_daily


class Command(BaseCommand):
    help = "Queue today's digests and deadline reminders (run once a day)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = send_daily(base_url=settings.SITE_URL)
        self.stdout.write(
            f"{counts['digests']} digest(s) and {counts['reminders']} reminder(s) queued."
        )
