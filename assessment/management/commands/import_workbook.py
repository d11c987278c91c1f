"""Load an offline workbook into its assessment: manage.py import_workbook PATH.

The country and the round are read from the workbook's Instructions sheet. The assessment is
created when it does not exist yet, with the framework version the workbook names when it is
published, otherwise the latest published version of that framework (services.assessment_create,
which also copies the country's last validated round; the workbook's values then replace it).

Rows saved online after the workbook was exported are conflicts: the import refuses them
unless --overwrite takes the workbook's values.

--status validated (administrators, with --user): a historical assessment that was validated
outside the platform. Every value is set, then the assessment must be complete; it becomes
validated, recorded as a Transition with action "import" by that user.

Everything happens in one transaction: on any problem, each one is printed with its sheet and
row, nothing is changed and the command exits with status 1.
"""

from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from accounts.models import User
from assessment import services
from assessment.models import Assessment
from assessment.workbook import assessment_import_validated, workbook_apply
from assessment.workbook_import import (
    Problem,
    WorkbookInvalid,
    changes_payload,
    workbook_changes,
    workbook_meta,
    workbook_open,
    workbook_profile_change,
)
from countries.models import Country
from frameworks.models import Framework

MISSING_ANSWER = "Indicator {code} has no answer: a validated assessment must be complete."
CONFLICT = "Saved online after the export (version {online}, workbook {workbook}): use --overwrite to take the workbook's value."


class Command(BaseCommand):
    help = "Import an Excel workbook (.xlsx) into the assessment of the country and round it names."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .xlsx file")
        parser.add_argument(
            "--status",
            choices=[Assessment.Status.VALIDATED],
            help="Import a historical assessment as already validated (administrators only)",
        )
        parser.add_argument("--user", help="Username recorded as the author of the changes")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Take the workbook's value for rows saved online after the export",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the messages (default: %(default)s)",
        )

    def handle(self, *args, path, status, user, overwrite, language, **options):
        user = self._user(user, needs_admin=status == Assessment.Status.VALIDATED)
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        with translation.override(language):
            try:
                assessment, updated = self._import(data, user, overwrite, status, Path(path).name)
            except WorkbookInvalid as invalid:
                for problem in invalid.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    f"{len(invalid.problems)} problem(s) in {path}: nothing was imported."
                ) from invalid
        self.stdout.write(
            self.style.SUCCESS(
                f"{assessment}: {updated} indicator(s) updated, now {assessment.status}."
            )
        )

    def _user(self, username: str | None, *, needs_admin: bool) -> User | None:
        if username is None:
            if needs_admin:
                raise CommandError("--status validated needs --user, an administrator.")
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}.")
        if needs_admin and not user.is_superuser:
            raise CommandError(f"{username} is not an administrator: --status validated refused.")
        return user

    def _import(self, data: bytes, user, overwrite: bool, status, file_name: str):
        with closing(workbook_open(data)) as book:
            return self._import_book(book, user, overwrite, status, file_name)

    @transaction.atomic
    def _import_book(self, book, user, overwrite: bool, status, file_name: str):
        meta = workbook_meta(book)
        assessment, created = self._assessment(meta, user)
        if not assessment.is_editable:
            raise WorkbookInvalid(
                [Problem(f"{assessment} is {assessment.status}: it cannot be changed.")]
            )
        changes = workbook_changes(book, assessment=assessment, use_versions=not created)
        profile = workbook_profile_change(book, assessment=assessment, use_versions=not created)
        conflicts = [c for c in changes if c.conflict]
        if conflicts and not overwrite:
            raise WorkbookInvalid([self._conflict(c) for c in conflicts])
        take_profile = profile is not None and (overwrite or not profile.conflict)
        updated = workbook_apply(
            assessment=assessment, changes=changes_payload(changes), user=user,
            take_workbook=[c.response_id for c in conflicts],
            profile=profile.values if take_profile else None,
        )  # fmt: skip
        if status == Assessment.Status.VALIDATED:
            self._validate(assessment, user, file_name)
        assessment.refresh_from_db()
        return assessment, updated

    def _assessment(self, meta, user) -> tuple[Assessment, bool]:
        country = Country.objects.filter(iso3=meta.country).first()
        if country is None:
            raise WorkbookInvalid([Problem(f"Unknown country {meta.country}.", "Instructions")])
        assessment = (
            Assessment.objects.select_related("country", "framework")
            .filter(country=country, round=meta.round)
            .first()
        )
        if assessment is not None:
            return assessment, False
        framework = self._framework(meta)
        assessment = services.assessment_create(
            country=country, round=meta.round, framework=framework, user=user
        )
        return Assessment.objects.select_related("country", "framework").get(pk=assessment.pk), True

    def _framework(self, meta) -> Framework:
        published = Framework.objects.published().filter(slug=meta.framework)
        framework = (
            published.filter(version=meta.framework_version).first()
            or published.order_by("-version").first()
        )
        if framework is None:
            raise WorkbookInvalid(
                [
                    Problem(
                        f"No published version of the framework {meta.framework}.", "Instructions"
                    )
                ]
            )
        return framework

    def _conflict(self, change) -> Problem:
        message = CONFLICT.format(online=change.base_version, workbook=change.workbook_version)
        return Problem(message, change.sheet, change.row)

    def _validate(self, assessment, user, file_name: str) -> None:
        try:
            assessment_import_validated(
                assessment=assessment, user=user, comment=f"Imported from {file_name}"
            )
        except PermissionDenied as denied:
            raise WorkbookInvalid([Problem(str(denied))]) from denied
        except services.IncompleteAssessment as incomplete:
            raise WorkbookInvalid(
                [
                    Problem(
                        MISSING_ANSWER.format(code=r.indicator.code),
                        r.indicator.recommendation.area.code,
                    )
                    for r in incomplete.missing
                ]
            ) from incomplete
