"""Backup and restore: a `dumpdata` of a database holding the demo data (plus an uploaded
document, a built PDF report, a saved group and an API token), a `flush`, and a `loaddata`
of the dump lose nothing: every table has its rows again, with the same values, history
included; the files (kept in MEDIA_ROOT, which the backup copies beside the dump) are found
again through their restored metadata; and the restored database takes new writes.

The PostgreSQL procedure of the README (pg_dump --format=custom, pg_restore --clean) keeps
the database whole; this test checks the application-level procedure, which also moves data
between database engines (SQLite to PostgreSQL). Its JSON keeps times to the millisecond.
"""

import io
from datetime import datetime

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from accounts.models import User
from assessment.evidence import check_upload, evidence_create
from assessment.models import Assessment, Comment, Evidence, Response
from frameworks.models import Indicator
from plans.models import Action
from reports.models import ReportFile
from scores.models import CountryGroup

# Rebuilt by `migrate`/`flush` themselves (content types, permissions) or not worth keeping.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
DOCUMENT = b"Loi 2016-32 portant Code minier.\n"


def row_counts() -> dict[str, int]:
    excluded = {"contenttypes", "sessions"}
    counts = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label in excluded or label == "auth.Permission" or model._meta.proxy:
            continue
        counts[label] = model._default_manager.count()
    return counts


def to_the_millisecond(value):
    """Django's JSON serializer writes times to the millisecond (ECMA-262): compare so."""
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    if isinstance(value, list | tuple):
        return type(value)(to_the_millisecond(item) for item in value)
    if isinstance(value, dict):
        return {key: to_the_millisecond(item) for key, item in value.items()}
    return value


def sample_values() -> dict:
    """A few values of every kind: answers, history, files' metadata, translations, people."""
    response = Response.objects.filter(level__isnull=False).order_by("pk").first()
    history = response.history.order_by("history_date", "history_id")
    evidence = Evidence.objects.exclude(file="").get()
    report = ReportFile.objects.get()
    action = Action.objects.exclude(budget_amount=None).order_by("pk").first()
    group = CountryGroup.objects.get()
    with translation.override("fr"):
        statement_fr = Indicator.objects.order_by("pk").first().statement
    return to_the_millisecond({
        "response": (response.pk, response.level_id, response.justification, response.version,
                     response.updated_by_id, response.updated_at),
        "history": list(history.values_list("history_id", "history_date", "history_user_id",
                                            "level_id", "justification")),
        "assessment_history": Assessment.history.count(),
        "evidence": (evidence.file.name, evidence.original_name, evidence.content_type,
                     evidence.size, evidence.created_by_id),
        "report": (report.file.name, report.status, report.fingerprint, report.language),
        "action": (action.pk, action.budget_amount, action.budget_currency, action.version),
        "group": (group.name, sorted(group.countries.values_list("iso3", flat=True))),
        "comments": list(Comment.objects.order_by("pk").values_list("body", "author_id",
                                                                    "resolved_at")),
        "statement_fr": statement_fr,
        "statuses": sorted(Assessment.objects.values_list("country__iso3", "round", "status")),
        "passwords": sorted(User.objects.values_list("username", "password")),
    })  # fmt: skip


@pytest.fixture
def demo_database(db):
    call_command("load_demo", stdout=io.StringIO())
    analyst = User.objects.get(username="analyst")
    focal = User.objects.get(username="sen-focal")
    draft = Assessment.objects.get(country__iso3="SEN", round="2026")
    response = draft.responses.order_by("pk").first()
    upload = check_upload(SimpleUploadedFile("code-minier.txt", DOCUMENT))
    evidence_create(response=response, user=focal, kind=Evidence.Kind.DOCUMENT,
                    title="Code minier", upload=upload)  # fmt: skip
    report = ReportFile.objects.create(
        kind=ReportFile.Kind.COUNTRY, assessment=draft, language="fr", visibility="igf",
        subject="s" * 64, fingerprint="f" * 64, filename="rapport.pdf",
        status=ReportFile.Status.DONE, created_by=analyst,
    )  # fmt: skip
    report.file.save("rapport.pdf", ContentFile(b"%PDF-1.7 demo"))
    group = CountryGroup.objects.create(name="Sahel", owner=analyst)
    group.countries.set(draft.country.__class__.objects.filter(iso3__in=["SEN", "MRT"]))
    return draft


def flush() -> None:
    """`manage.py flush`, inside this test's transaction: PostgreSQL truncates only once
    the pending (deferred) foreign key checks have run, and loaddata defers them again."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_a_dumpdata_flush_loaddata_round_trip_loses_nothing(demo_database, tmp_path):
    counts, samples = row_counts(), sample_values()
    assert counts["assessment.HistoricalResponse"] > 0 and counts["plans.Action"] > 0
    dump = tmp_path / "backup.json"
    call_command("dumpdata", natural_foreign=True, exclude=EXCLUDED, output=str(dump),
                 verbosity=0)  # fmt: skip

    flush()
    assert Assessment.objects.count() == 0 and User.objects.count() == 0
    call_command("loaddata", str(dump), verbosity=0)

    assert row_counts() == counts
    assert sample_values() == samples
    evidence = Evidence.objects.exclude(file="").get()
    with evidence.file.open("rb") as restored:
        assert restored.read() == DOCUMENT
    assert User.objects.get(username="sen-focal").check_password("demo-password")
    # The sequences follow the restored keys: new rows do not collide with restored ones.
    response = Response.objects.order_by("pk").first()
    comment = Comment.objects.create(response=response, author=User.objects.first(), body="OK")
    assert comment.pk > Comment.objects.exclude(pk=comment.pk).order_by("-pk").first().pk
