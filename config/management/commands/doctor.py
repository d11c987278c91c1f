"""`manage.py doctor`: what this machine lacks for the application, its tests and its tools,
with the exact `apt-get install` line (Debian, Ubuntu) that brings it."""

from django.core.management.base import BaseCommand, CommandError

from config.system import Check, application_checks, apt_get_install, development_checks

MISSING_FOR_THE_APPLICATION = "The application lacks something it needs: see above."


class Command(BaseCommand):
    help = (
        "Checks the system dependencies: Pango for the PDF reports, PostgreSQL and Redis when "
        "configured, and for the tests Chromium, Java, the npm tools and gettext. Prints the "
        "apt-get line that installs what is missing; fails when the application lacks something."
    )

    def handle(self, *args, **options):
        application, development = application_checks(), development_checks()
        self._section("The application", application)
        self._section("Tests and development tools", development)
        missing = [check for check in application + development if not check.ok]
        if not missing:
            self.stdout.write(self.style.SUCCESS("Everything is in place."))
            return
        packages = list(dict.fromkeys(p for check in missing for p in check.apt))
        self.stdout.write("\nTo install what is missing, as root:")
        if packages:
            self.stdout.write(f"  {apt_get_install(packages)}")
        for check in missing:
            if check.command:
                self.stdout.write(f"  {check.command}")
        if any(check.needed_by_the_application for check in missing):
            self.stdout.write("Then restart the application.")
            raise CommandError(MISSING_FOR_THE_APPLICATION)

    def _section(self, title: str, checks: list[Check]) -> None:
        self.stdout.write(title)
        for check in checks:
            if check.ok:
                self.stdout.write(
                    f"  {self.style.SUCCESS('ok')}       {check.name}: {check.purpose}"
                )
                continue
            self.stdout.write(f"  {self.style.ERROR('MISSING')}  {check.name}: {check.purpose}")
            self.stdout.write(f"           {check.problem}")
            if check.apt:
                self.stdout.write(f"           {apt_get_install(check.apt)}")
            if check.command:
                self.stdout.write(f"           {check.command}")
