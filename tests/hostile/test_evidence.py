"""Hostile uploads and fields to the evidence form: random bytes under any name, path
traversal in file names, zip bombs dressed as documents, hostile links."""

import io
import time
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import Evidence, Response

from .conftest import check_answer, check_refusal, send, snapshot
from .strategies import (
    file_names,
    form_data,
    hostile_text,
    languages,
    random_bytes,
    upload_name,
)

BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def zip_bomb(main_part: str, size: int = 200 * 1024 * 1024) -> bytes:
    """A small zip whose one part inflates to `size` bytes of zeros, named like a document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(main_part, "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _megabyte in range(size // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def evidence_url(language: str, draft) -> tuple[str, Response]:
    answer = draft.responses.order_by(*Response._meta.ordering)[0]
    return f"/{language}/assessments/{draft.pk}/responses/{answer.pk}/evidence/", answer


@BOUNDED
@given(
    kind=st.one_of(st.sampled_from(["legal", "document", "link"]), hostile_text()),
    data=form_data(["title", "instrument", "article", "date", "url"]),
    name=file_names(),
    content=random_bytes(),
    htmx=st.booleans(),
    language=languages(),
)
def test_evidence_refuses_hostile_input_and_files_without_storing_anything(
    client, contributor_a, draft, kind, data, name, content, htmx, language
):
    client.force_login(contributor_a)
    url, answer = evidence_url(language, draft)
    data = {**data, "kind": kind, "file": SimpleUploadedFile(upload_name(name), content)}
    before = snapshot()
    extra = {"headers": {"HX-Request": "true"}} if htmx else {}
    response = send(client, "post", url, data, **extra)
    if check_refusal(response, before, language=language):
        return
    item = Evidence.objects.filter(response=answer).latest("pk")
    # Whatever the browser called it, the stored name is ours and stays inside MEDIA_ROOT.
    if item.file:
        assert ".." not in item.file.name and not item.file.name.startswith("/")
        assert "/" not in item.original_name and "\\" not in item.original_name


def test_a_zip_bomb_named_as_a_word_document_is_never_inflated(client, contributor_a, draft):
    client.force_login(contributor_a)
    url, _answer = evidence_url("fr", draft)
    bomb = SimpleUploadedFile("rapport.docx", zip_bomb("word/document.xml"))
    started = time.monotonic()
    response = send(client, "post", url, {"kind": "document", "title": "Rapport", "file": bomb})
    # The type check reads the archive's directory only: 200 MB of zeros stay packed.
    assert time.monotonic() - started < 5
    check_answer(response, language="fr")


def test_a_file_named_with_a_path_keeps_only_its_last_part(client, contributor_a, draft):
    client.force_login(contributor_a)
    url, answer = evidence_url("en", draft)
    upload = SimpleUploadedFile("../../../etc/passwd.txt", b"root:x:0:0\n")
    response = send(client, "post", url, {"kind": "document", "title": "T", "file": upload})
    check_answer(response)
    item = Evidence.objects.get(response=answer)
    assert item.original_name == "passwd.txt"
    assert not item.file.name.startswith(("/", ".."))
