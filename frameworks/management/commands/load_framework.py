from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.loading import FrameworkFileError, load_framework_files

PROBLEMS_FOUND = "{count} problem(s) found; nothing was loaded."


class Command(BaseCommand):
    help = (
        "Loads framework files (.yaml, .yml or .xlsx), each as a new version unless the same "
        "content is already loaded. Every file is checked first: if any has a problem, all "
        "problems are printed and nothing is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args, paths: list[Path], **options):
        try:
            results = load_framework_files(paths)
        except FrameworkFileError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(PROBLEMS_FOUND.format(count=len(error.problems))) from error
        for result in results:
            self.stdout.write(str(result))
