from django.core.management.base import BaseCommand

from countries.loading import COUNTRIES_FILE, load_countries


class Command(BaseCommand):
    help = "Loads the IGF member countries (fixtures/countries.yaml); safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=COUNTRIES_FILE)

    def handle(self, *args, path, **options):
        created, updated = load_countries(path)
        self.stdout.write(f"Countries: {created} created, {updated} updated.")
