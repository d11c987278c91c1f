"""The ASM profile in the offline workbook: its sheet, and a filled-in copy previewed,
checked by the web form's rules and applied, field by field."""

import pytest
from django.urls import reverse

from assessment.forms import PROFILE_SOURCE_REQUIRED
from assessment.models import AsmProfile
from assessment.workbook_profile import EXPORTED, FIELDS, FIRST_ROW, KEY, PROFILE_SHEET, VALUE
from assessment.workbook_views import PROFILE_UPDATED, UPDATED

from .test_workbook import apply, as_bytes, exported, messages_of, problems, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(draft_a) -> AsmProfile:
    return AsmProfile.objects.create(
        assessment=draft_a, minerals="Gold", minerals_source="Cadastre", minerals_year=2025,
        workforce_total=30000, workforce_source="Census", workforce_year=2024,
    )  # fmt: skip


def value_cell(book, name: str):
    sheet = book[PROFILE_SHEET]
    return sheet.cell(FIRST_ROW + FIELDS.index(name), VALUE)


def test_the_workbook_has_a_protected_profile_sheet_with_the_saved_values(
    client, contributor_a, profile
):
    book = exported(client, contributor_a, profile.assessment)

    sheet = book[PROFILE_SHEET]
    assert sheet.protection.sheet
    assert [sheet.cell(FIRST_ROW + i, KEY).value for i in range(len(FIELDS))] == list(FIELDS)
    assert value_cell(book, "minerals").value == "Gold"
    assert value_cell(book, "workforce_total").value == "30000"
    assert not value_cell(book, "minerals").protection.locked
    assert sheet.cell(FIRST_ROW, KEY).protection.locked
    assert sheet.column_dimensions["E"].hidden
    assert sheet.cell(FIRST_ROW + FIELDS.index("minerals"), EXPORTED).value == "Gold"


def test_an_edited_profile_is_previewed_and_applied_field_by_field(
    client, contributor_a, focal_a, profile
):
    draft = profile.assessment
    book = exported(client, contributor_a, draft)
    value_cell(book, "workforce_women").value = 11000
    value_cell(book, "minamata_status").value = "Partie"  # the French label is understood
    value_cell(book, "minamata_source").value = "Convention secretariat"
    value_cell(book, "minamata_year").value = 2025
    AsmProfile.objects.filter(pk=profile.pk).update(regions="Kédougou")  # a colleague, online

    preview = upload(client, draft, book)

    change = preview.context["profile_change"]
    assert preview.context["changes"] == [] and not change.conflict
    assert [f.label for f in change.fields] == [
        "Of whom women", "Minamata Convention", "Source", "Year",
    ]  # fmt: skip
    assert "Sheet Profile" in preview.content.decode()

    answer = apply(client, draft, preview)

    assert messages_of(answer) == [str(PROFILE_UPDATED)]
    saved = AsmProfile.objects.get(pk=profile.pk)
    assert (saved.workforce_women, saved.minamata_status, saved.minamata_year) == (
        11000, "party", 2025,
    )  # fmt: skip
    assert saved.regions == "Kédougou" and saved.updated_by == contributor_a


def test_a_profile_figure_without_its_source_is_refused_with_its_row(
    client, contributor_a, profile
):
    book = exported(client, contributor_a, profile.assessment)
    value_cell(book, "production").value = "About 4 t of gold a year"
    value_cell(book, "production_year").value = 2024
    row = FIRST_ROW + FIELDS.index("production_source")

    answer = upload(client, profile.assessment, book)

    assert problems(answer) == [
        f"Sheet {PROFILE_SHEET}, row {row}: Source: {PROFILE_SOURCE_REQUIRED}"
    ]
    assert AsmProfile.objects.get(pk=profile.pk).production == ""


def test_a_profile_field_also_changed_online_is_a_conflict_kept_unless_taken(
    client, contributor_a, focal_a, profile
):
    draft = profile.assessment
    book = exported(client, contributor_a, draft)
    value_cell(book, "minerals").value = "Gold, zircon"
    AsmProfile.objects.filter(pk=profile.pk).update(minerals="Gold, ilmenite")

    preview = upload(client, draft, book)
    kept = apply(client, draft, preview)
    taken = apply(client, draft, upload(client, draft, book), take=["profile"])

    assert preview.context["profile_change"].conflict
    assert messages_of(kept) == [UPDATED % {"count": 0}]
    assert messages_of(taken) == [str(PROFILE_UPDATED)]
    assert AsmProfile.objects.get(pk=profile.pk).minerals == "Gold, zircon"


def test_a_workbook_made_before_profiles_changes_no_profile(client, contributor_a, profile):
    book = exported(client, contributor_a, profile.assessment)
    del book[PROFILE_SHEET]

    preview = upload(client, profile.assessment, as_bytes(book))

    assert preview.status_code == 200 and preview.context["profile_change"] is None
    assert AsmProfile.objects.get(pk=profile.pk).minerals == "Gold"


def test_the_download_with_a_profile_costs_a_fixed_number_of_queries(
    client, contributor_a, profile, django_assert_max_num_queries
):
    client.force_login(contributor_a)
    url = reverse("assessment:workbook_download", args=[profile.assessment.pk])
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200
