"""manage.py prune_audit_events [--days N]: delete audit events older than the retention
period (AUDIT_RETENTION_DAYS, two years by default). Run it daily, e.g. from cron."""

from django.core.management.base import BaseCommand, CommandError

from audit.models import AuditEvent, retention_days

BATCH = 5000


class Command(BaseCommand):
    help = "Delete audit events older than the retention period (AUDIT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Keep this many days instead of the setting."
        )

    def handle(self, *args, days=None, **options):
        days = retention_days() if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = 0
        # In batches: a year of events deleted at once would hold a long write lock.
        while True:
            batch = list(AuditEvent.objects.older_than(days).values_list("pk", flat=True)[:BATCH])
            if not batch:
                break
            deleted += AuditEvent.objects.filter(pk__in=batch).delete()[0]
        self.stdout.write(f"Deleted {deleted} audit events older than {days} days.")
