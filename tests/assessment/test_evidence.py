"""Evidence items on a response: adding each kind, upload checks, download, permissions."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import Workbook

from assessment import services
from assessment.evidence import (
    FILE_CONTENT_MISMATCH,
    FILE_EMPTY,
    FILE_HAS_MACROS,
    FILE_TOO_LARGE,
    FILE_TYPE_NOT_ALLOWED,
    clean_filename,
)
from assessment.evidence_forms import (
    DOCUMENT_NEEDS_FILE,
    LEGAL_NEEDS_DATE,
    LEGAL_NEEDS_INSTRUMENT,
    LINK_NEEDS_URL,
    TITLE_REQUIRED,
    URL_SCHEME_NOT_ALLOWED,
)
from assessment.models import Assessment, Evidence

HTMX = {"HX-Request": "true"}

# --- Files of each type, made in memory -------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20) + b"\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(50)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(**extra) -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", **extra})


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def odf(mimetype: str) -> bytes:
    return zip_of({"mimetype": mimetype.encode(), "content.xml": b"<office:document/>"})


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's claimed type is deliberately wrong: only name and content count.
    return SimpleUploadedFile(name, content, content_type="application/x-whatever")


# --- Fixtures and helpers ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft(senegal, pillar6, focal_a) -> Assessment:
    return services.assessment_create(
        country=senegal, round="2026", framework=pillar6, user=focal_a
    )


@pytest.fixture
def answer(draft):
    """The first indicator's response of Senegal's draft."""
    return draft.responses.select_related("indicator").order_by("pk").first()


def add_url(response) -> str:
    return reverse("assessment:evidence_add", args=[response.assessment_id, response.pk])


def delete_url(evidence) -> str:
    return reverse(
        "assessment:evidence_delete", args=[evidence.response.assessment_id, evidence.pk]
    )


def download_url(evidence) -> str:
    return reverse(
        "assessment:evidence_download", args=[evidence.response.assessment_id, evidence.pk]
    )


def legal_data(**overrides) -> dict:
    return {
        "kind": "legal",
        "title": "Licensing of artisanal mining",
        "instrument": "Code minier, loi n° 2016-32",
        "article": "63",
        "date": "2016-11-08",
        **overrides,
    }


def document_data(name="Código minero.pdf", content=PDF, **overrides) -> dict:
    return {"kind": "document", "title": "The mining code", "file": upload(name, content),
            **overrides}  # fmt: skip


def link_data(**overrides) -> dict:
    return {"kind": "link", "title": "Ministry page", "url": "https://mines.gouv.sn/", **overrides}


def shows(page, message, **params) -> bool:
    text = str(message) % params if params else str(message)
    return escape(text) in page.content.decode()


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


def add_document(client, user, answer, **kwargs) -> Evidence:
    client.force_login(user)
    page = client.post(add_url(answer), document_data(**kwargs), headers=HTMX)
    assert page.status_code == 200, page.content.decode()
    return Evidence.objects.filter(response=answer).latest("pk")


# --- Adding each kind -------------------------------------------------------------------


def test_a_contributor_adds_a_legal_reference(client, contributor_a, answer):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), legal_data(url="https://example.org/code"), headers=HTMX)
    assert page.status_code == 200
    evidence = Evidence.objects.get(response=answer)
    assert evidence.kind == Evidence.Kind.LEGAL
    assert evidence.instrument == "Code minier, loi n° 2016-32"
    assert evidence.article == "63"
    assert evidence.date == date(2016, 11, 8)
    assert evidence.url == "https://example.org/code"
    assert evidence.created_by == contributor_a
    assert not evidence.file
    assert "Licensing of artisanal mining" in page.content.decode()


def test_a_legal_reference_may_cite_a_whole_instrument_without_article_or_link(
    client, contributor_a, answer
):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), legal_data(article=""), headers=HTMX)
    assert page.status_code == 200
    assert Evidence.objects.get(response=answer).article == ""


def test_a_focal_point_uploads_a_document_stored_under_a_server_made_name(
    client, focal_a, answer, media_root
):
    evidence = add_document(client, focal_a, answer)
    assert evidence.kind == Evidence.Kind.DOCUMENT
    assert evidence.original_name == "Código minero.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)
    assert evidence.file.name.startswith(f"evidence/{answer.assessment_id}/")
    assert "Código" not in evidence.file.name and not evidence.file.name.endswith(".pdf")
    assert (media_root / evidence.file.name).read_bytes() == PDF


def test_a_contributor_adds_a_web_link(client, contributor_a, answer):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), link_data(), headers=HTMX)
    assert page.status_code == 200
    evidence = Evidence.objects.get(response=answer)
    assert (evidence.kind, evidence.title, evidence.url) == (
        "link", "Ministry page", "https://mines.gouv.sn/",
    )  # fmt: skip


def test_fields_the_kind_does_not_use_are_not_saved(client, contributor_a, answer):
    client.force_login(contributor_a)
    data = link_data(instrument="Mining Code", article="5", date="2020-01-01")
    data["file"] = upload("x.pdf", PDF)
    client.post(add_url(answer), data, headers=HTMX)
    evidence = Evidence.objects.get(response=answer)
    assert (evidence.instrument, evidence.article, evidence.date) == ("", "", None)
    assert not evidence.file


def test_a_bad_value_in_a_field_the_kind_does_not_use_is_ignored(client, contributor_a, answer):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), document_data(url="javascript:alert(1)"), headers=HTMX)
    assert page.status_code == 200
    assert Evidence.objects.get(response=answer).url == ""


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("map.png", PNG, "image/png"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("PHOTO.JPEG", JPEG, "image/jpeg"),
        ("decree.docx", docx(),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("permits.xlsx", xlsx(),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("decree.odt", odf(ODT), ODT),
        ("permits.ods", odf(ODS), ODS),
        ("notes.txt", "Résumé des permis\n".encode(), "text/plain; charset=utf-8"),
        ("permits.csv", "\ufeffrégion;permis\nKédougou;12\n".encode(), "text/csv; charset=utf-8"),
    ],
)  # fmt: skip
def test_each_allowed_type_is_accepted_with_our_content_type(
    client, contributor_a, answer, name, content, content_type
):
    evidence = add_document(client, contributor_a, answer, name=name, content=content)
    assert evidence.content_type == content_type
    assert evidence.original_name == name


def test_without_javascript_adding_redirects_to_the_indicator(client, contributor_a, answer):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), link_data())
    area = answer.indicator.recommendation.area.code
    expected = reverse("assessment:area", args=[answer.assessment_id, area])
    assert page.status_code == 302
    assert page["Location"] == f"{expected}#indicator-{answer.indicator.code}"
    assert Evidence.objects.filter(response=answer).count() == 1


def test_without_javascript_a_bad_post_redirects_with_the_errors(client, contributor_a, answer):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), link_data(url=""), follow=True)
    assert page.redirect_chain[-1][1] == 302
    assert shows(page, LINK_NEEDS_URL)
    assert not Evidence.objects.exists()


# --- Rejections: nothing is saved -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (legal_data(title=""), TITLE_REQUIRED),
        (legal_data(instrument=""), LEGAL_NEEDS_INSTRUMENT),
        (legal_data(date=""), LEGAL_NEEDS_DATE),
        ({"kind": "document", "title": "No file"}, DOCUMENT_NEEDS_FILE),
        (link_data(url=""), LINK_NEEDS_URL),
        (link_data(title="  "), TITLE_REQUIRED),
    ],
)
def test_a_missing_field_of_the_kind_is_refused_with_its_message(
    client, contributor_a, answer, data, message
):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), data, headers=HTMX)
    assert page.status_code == 400
    assert shows(page, message)
    assert '<details class="evidence-add" open>' in page.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/code.pdf",
    ],
)
@pytest.mark.parametrize("kind", ["link", "legal"])
def test_a_link_that_is_not_http_is_refused(client, contributor_a, answer, url, kind):
    client.force_login(contributor_a)
    data = link_data(url=url) if kind == "link" else legal_data(url=url)
    page = client.post(add_url(answer), data, headers=HTMX)
    assert page.status_code == 400
    assert shows(page, URL_SCHEME_NOT_ALLOWED)
    assert not Evidence.objects.exists()


def test_a_link_without_scheme_is_taken_as_https(client, contributor_a, answer):
    client.force_login(contributor_a)
    client.post(add_url(answer), link_data(url="mines.gouv.sn/permis"), headers=HTMX)
    assert Evidence.objects.get(response=answer).url == "https://mines.gouv.sn/permis"


def test_a_file_over_the_size_limit_is_refused(client, contributor_a, answer, settings, media_root):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 1000
    client.force_login(contributor_a)
    content = PDF + b"%" * (1001 - len(PDF))
    page = client.post(add_url(answer), document_data(content=content), headers=HTMX)
    assert page.status_code == 400
    assert shows(page, FILE_TOO_LARGE, size=filesizeformat(1001), limit=filesizeformat(1000))
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_at_the_size_limit_is_accepted(client, contributor_a, answer, settings):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 1000
    content = PDF + b"%" * (1000 - len(PDF))
    assert add_document(client, contributor_a, answer, content=content).size == 1000


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.pdf", PNG, "PDF"),
        ("setup.pdf", EXE, "PDF"),
        ("map.png", JPEG, "PNG"),
        ("photo.jpg", PDF, "JPEG"),
        ("decree.docx", zip_of({"readme.txt": b"hello"}), "Word (.docx)"),
        ("decree.docx", xlsx(), "Word (.docx)"),
        ("permits.xlsx", docx(), "Excel (.xlsx)"),
        ("decree.odt", odf(ODS), "OpenDocument text (.odt)"),
        ("permits.ods", b"PK\x03\x04 not really a zip", "OpenDocument spreadsheet (.ods)"),
        ("notes.txt", b"binary\x00data", "plain text"),
        ("notes.txt", "Código".encode("cp1252"), "plain text"),
        ("permits.csv", PDF[:5] + bytes([0xC3, 0x28]), "CSV"),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_refused(
    client, contributor_a, answer, media_root, name, content, kind
):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), document_data(name=name, content=content), headers=HTMX)
    assert page.status_code == 400
    assert shows(page, FILE_CONTENT_MISMATCH, name=name, kind=kind)
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", EXE),
        ("page.html", HTML),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("report.pdf.exe", EXE),
        ("macro.docm", docx()),
        ("no-extension", PDF),
    ],
)
def test_a_file_type_outside_the_list_is_refused(client, contributor_a, answer, name, content):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), document_data(name=name, content=content), headers=HTMX)
    assert page.status_code == 400
    assert shows(page, FILE_TYPE_NOT_ALLOWED)
    assert not Evidence.objects.exists()


def test_an_office_document_with_macros_is_refused(client, contributor_a, answer):
    client.force_login(contributor_a)
    content = docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    page = client.post(add_url(answer), document_data(name="d.docx", content=content),
                       headers=HTMX)  # fmt: skip
    assert page.status_code == 400
    assert shows(page, FILE_HAS_MACROS)
    assert not Evidence.objects.exists()


def test_an_empty_file_is_refused(client, contributor_a, answer):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), document_data(content=b""), headers=HTMX)
    assert page.status_code == 400
    assert shows(page, FILE_EMPTY)
    assert not Evidence.objects.exists()


def test_an_html_page_renamed_txt_is_kept_as_plain_text_and_served_as_attachment(
    client, contributor_a, answer
):
    evidence = add_document(client, contributor_a, answer, name="page.txt", content=HTML)
    assert evidence.content_type == "text/plain; charset=utf-8"
    page = client.get(download_url(evidence))
    assert page["Content-Type"] == "text/plain; charset=utf-8"
    assert page["Content-Disposition"] == 'attachment; filename="page.txt"'
    assert page["X-Content-Type-Options"] == "nosniff"
    assert b"".join(page.streaming_content) == HTML


# --- File names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("Código minero.pdf", "Código minero.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\awa\\Décret 2017.docx", "Décret 2017.docx"),
        ("re<po>rt?.pdf", "re_po_rt_.pdf"),
        ("a\x00b\r\nc\u202e.pdf", "abc.pdf"),
        ("  spaced   out .pdf", "spaced out.pdf"),
        ("..hidden.txt", "hidden.txt"),
        ("", "document"),
        ("Cod\u0069\u0301go.pdf", "Codígo.pdf"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    ],
)
def test_the_original_file_name_is_cleaned(name, cleaned):
    assert clean_filename(name) == cleaned


# --- Download ---------------------------------------------------------------------------


def test_a_document_downloads_as_attachment_with_its_encoded_original_name(client, focal_a, answer):
    evidence = add_document(client, focal_a, answer)
    page = client.get(download_url(evidence))
    assert page.status_code == 200
    assert page["Content-Type"] == "application/pdf"
    assert page["Content-Disposition"] == "attachment; filename*=utf-8''C%C3%B3digo%20minero.pdf"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert b"".join(page.streaming_content) == PDF


def test_an_analyst_downloads_a_document(client, focal_a, analyst, answer):
    evidence = add_document(client, focal_a, answer)
    client.force_login(analyst)
    page = client.get(download_url(evidence))
    assert page.status_code == 200
    assert b"".join(page.streaming_content).startswith(b"%PDF")


def test_a_stored_type_we_do_not_allow_is_served_as_bytes(client, focal_a, answer):
    evidence = add_document(client, focal_a, answer)
    Evidence.objects.filter(pk=evidence.pk).update(content_type="text/html")
    page = client.get(download_url(evidence))
    assert page["Content-Type"] == "application/octet-stream"
    assert page["Content-Disposition"].startswith("attachment;")


def test_a_member_of_another_country_cannot_download(client, focal_a, focal_b, answer):
    evidence = add_document(client, focal_a, answer)
    client.force_login(focal_b)
    assert client.get(download_url(evidence)).status_code == 404


def test_a_link_has_nothing_to_download(client, contributor_a, answer):
    client.force_login(contributor_a)
    client.post(add_url(answer), link_data(), headers=HTMX)
    assert client.get(download_url(Evidence.objects.get())).status_code == 404


def test_a_file_missing_from_storage_is_not_found(client, focal_a, answer, media_root):
    evidence = add_document(client, focal_a, answer)
    (media_root / evidence.file.name).unlink()
    assert client.get(download_url(evidence)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in_before_downloading(client, focal_a, answer):
    evidence = add_document(client, focal_a, answer)
    client.logout()
    page = client.get(download_url(evidence))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


def test_download_refuses_post(client, focal_a, answer):
    evidence = add_document(client, focal_a, answer)
    assert client.post(download_url(evidence)).status_code == 405


# --- Delete -----------------------------------------------------------------------------


def test_a_contributor_deletes_a_document_and_its_file(
    client, contributor_a, answer, media_root, django_capture_on_commit_callbacks
):
    evidence = add_document(client, contributor_a, answer)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(delete_url(evidence), headers=HTMX)
    assert page.status_code == 200
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []
    assert "The mining code" not in page.content.decode()


def test_without_javascript_deleting_redirects_to_the_indicator(client, contributor_a, answer):
    client.force_login(contributor_a)
    client.post(add_url(answer), link_data(), headers=HTMX)
    page = client.post(delete_url(Evidence.objects.get()))
    assert page.status_code == 302
    assert page["Location"].endswith(f"#indicator-{answer.indicator.code}")
    assert not Evidence.objects.exists()


def test_deleting_is_recorded_in_the_history(client, contributor_a, answer):
    client.force_login(contributor_a)
    client.post(add_url(answer), link_data(), headers=HTMX)
    client.post(delete_url(Evidence.objects.get()), headers=HTMX)
    records = Evidence.history.filter(response_id=answer.pk).order_by("history_date")
    assert [(r.history_type, r.history_user) for r in records] == [
        ("+", contributor_a), ("-", contributor_a),
    ]  # fmt: skip


@pytest.fixture
def link(client, contributor_a, answer) -> Evidence:
    client.force_login(contributor_a)
    client.post(add_url(answer), link_data(), headers=HTMX)
    client.logout()
    return Evidence.objects.get()


@pytest.mark.parametrize(
    ("person", "status"),
    [("focal_b", 404), ("analyst", 403), ("administrator", 403)],
)
def test_only_the_countrys_team_deletes_evidence(client, request, link, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.post(delete_url(link), headers=HTMX).status_code == status
    assert Evidence.objects.filter(pk=link.pk).exists()


def test_evidence_of_a_validated_assessment_cannot_be_deleted(client, focal_a, draft, link):
    Assessment.objects.filter(pk=draft.pk).update(status=Assessment.Status.VALIDATED)
    client.force_login(focal_a)
    assert client.post(delete_url(link), headers=HTMX).status_code == 403
    assert Evidence.objects.filter(pk=link.pk).exists()


def test_an_anonymous_visitor_cannot_delete(client, link):
    page = client.post(delete_url(link))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))
    assert Evidence.objects.filter(pk=link.pk).exists()


def test_delete_refuses_get(client, contributor_a, link):
    client.force_login(contributor_a)
    assert client.get(delete_url(link)).status_code == 405


# --- Add: permissions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "status"),
    [("focal_b", 404), ("analyst", 403), ("administrator", 403)],
)
def test_only_the_countrys_team_adds_evidence(client, request, answer, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.post(add_url(answer), link_data(), headers=HTMX).status_code == status
    assert not Evidence.objects.exists()


def test_a_member_of_another_country_cannot_upload(client, focal_b, answer, media_root):
    client.force_login(focal_b)
    assert client.post(add_url(answer), document_data(), headers=HTMX).status_code == 404
    assert stored_files(media_root) == []


@pytest.mark.parametrize("status", [Assessment.Status.SUBMITTED, Assessment.Status.VALIDATED])
def test_evidence_cannot_be_added_once_the_assessment_is_submitted(
    client, focal_a, draft, answer, status
):
    Assessment.objects.filter(pk=draft.pk).update(status=status)
    client.force_login(focal_a)
    assert client.post(add_url(answer), link_data(), headers=HTMX).status_code == 403
    assert not Evidence.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_before_adding(client, answer):
    page = client.post(add_url(answer), link_data())
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))
    assert not Evidence.objects.exists()


def test_add_refuses_get(client, contributor_a, answer):
    client.force_login(contributor_a)
    assert client.get(add_url(answer)).status_code == 405


# --- The partial ------------------------------------------------------------------------


def test_the_answer_to_an_htmx_add_lists_the_item_and_a_fresh_form(client, contributor_a, answer):
    client.force_login(contributor_a)
    page = client.post(add_url(answer), link_data(), headers=HTMX)
    html = page.content.decode()
    assert '<a href="https://mines.gouv.sn/" rel="noopener noreferrer" target="_blank">' in html
    assert f'hx-target="#evidence-{answer.pk}"' in html
    assert f'hx-post="{add_url(answer)}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert f'id="id_evidence{answer.pk}_title"' in html
    assert '<details class="evidence-add">' in html
    assert f'hx-post="{delete_url(Evidence.objects.get())}"' in html


def test_a_document_shows_its_download_link_and_size(client, focal_a, answer):
    evidence = add_document(client, focal_a, answer)
    page = client.post(add_url(answer), link_data(), headers=HTMX)
    html = page.content.decode()
    assert f'<a href="{download_url(evidence)}">The mining code</a>' in html
    assert escape(f"(Código minero.pdf, {filesizeformat(len(PDF))})") in html


def render_partial(response, editable: bool) -> str:
    response = type(response).objects.prefetch_related("evidence").get(pk=response.pk)
    context = {"assessment": response.assessment, "response": response, "editable": editable}
    return render_to_string("assessment/partials/evidence.html", context)


def test_a_reader_sees_the_evidence_without_forms(answer):
    Evidence.objects.create(
        response=answer, kind="legal", title="Licensing", instrument="Mining Code",
        article="Art. 12", date=date(2016, 11, 8), url="https://example.org/code",
    )  # fmt: skip
    html = render_partial(answer, editable=False)
    assert "Licensing, Mining Code, art. 12" in html  # each part once
    assert 'rel="noopener noreferrer"' in html
    assert "<form" not in html


def test_a_stored_url_that_is_not_http_is_never_made_a_link(answer):
    Evidence.objects.create(response=answer, kind="link", title="Trap", url="javascript:alert(1)")
    html = render_partial(answer, editable=False)
    assert "Trap" in html
    assert 'href="javascript' not in html


def test_a_response_without_evidence_shows_nothing_to_readers(answer):
    assert render_partial(answer, editable=False).strip() == ""


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", PDF), ("decree.docx", docx()), ("decree.odt", odf(ODT)),
     ("notes.txt", "é".encode() * 200)],
)  # fmt: skip
def test_uploads_spooled_to_disk_are_checked_the_same_way(
    client, contributor_a, answer, settings, name, content
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    evidence = add_document(client, contributor_a, answer, name=name, content=content)
    assert evidence.size == len(content)
    page = client.post(add_url(answer), document_data(name="x" + name, content=EXE), headers=HTMX)
    assert page.status_code == 400


def test_the_add_answer_costs_the_same_queries_however_many_items(
    client, contributor_a, answer, django_assert_max_num_queries
):
    client.force_login(contributor_a)
    for number in range(5):
        client.post(add_url(answer), link_data(title=f"Page {number}"), headers=HTMX)
    with django_assert_max_num_queries(10):
        page = client.post(add_url(answer), link_data(), headers=HTMX)
    assert page.content.decode().count('class="evidence-item') == 6


def test_a_stored_file_is_removed_when_its_row_cannot_be_saved(
    client, contributor_a, answer, media_root, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Evidence.history.model, "save", fail)
    client.force_login(contributor_a)
    with pytest.raises(RuntimeError):
        client.post(add_url(answer), document_data(), headers=HTMX)
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_a_legal_reference_is_added_in_french_with_the_date_picker_format(
    client, contributor_a, answer
):
    client.force_login(contributor_a)
    with translation.override("fr"):
        url = add_url(answer)
    page = client.post(url, legal_data(date="2016-11-08", title=""), headers=HTMX)
    assert page.status_code == 400
    with translation.override("fr"):
        assert shows(page, TITLE_REQUIRED)
    page = client.post(url, legal_data(date="2016-11-08"), headers=HTMX)
    assert page.status_code == 200
    assert Evidence.objects.get(response=answer).date == date(2016, 11, 8)


@pytest.mark.parametrize("typed", ["Art. 12", "art. Art. 12", "Artículo 12", "article 12"])
def test_an_article_is_stored_without_the_word_article(answer, contributor_a, typed):
    from assessment.evidence import evidence_create

    evidence = evidence_create(
        response=answer, user=contributor_a, kind="legal", title="Mining Code, Art. 12",
        instrument="Mining Code", article=typed,
    )  # fmt: skip
    evidence.refresh_from_db()
    assert evidence.article == "12"
    assert evidence.citation == "Mining Code, art. 12"
