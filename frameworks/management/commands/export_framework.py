from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.loading import export_framework
from frameworks.models import Framework

UNKNOWN_FRAMEWORK = 'No framework "{slug}" (version {version}).'
WRITTEN = "Wrote {path}: {framework}."


class Command(BaseCommand):
    help = (
        "Writes a framework version to a .yaml, .yml or .xlsx file (the format follows the "
        "extension) that load_framework reads back as the same content."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version means the framework version here, not Django's version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--version", type=int, help="the version (default: the newest)")
        parser.add_argument("--output", type=Path, required=True, metavar="PATH")

    def handle(self, *args, slug: str, version: int | None, output: Path, **options):
        versions = Framework.objects.filter(slug=slug).order_by("-version")
        framework = versions.filter(version=version).first() if version else versions.first()
        if framework is None:
            raise CommandError(UNKNOWN_FRAMEWORK.format(slug=slug, version=version or "any"))
        try:
            export_framework(framework, output)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(WRITTEN.format(path=output, framework=framework))
