import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from collab import actions
from collab.files import check_file
from collab.models import RoomDocument
from collab.tests.factories import add_member, pdf_upload
from insidan.archive.models import ArchiveRecord
from insidan.core.models import ModerationState
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, content_type", [
    ("plan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    ("rapport.docx", docx_bytes(), "wordprocessingml"),
    ("lista.csv", "namn;antal\nÅsa;3\n".encode(), "text/csv"),
    ("anteckning.txt", "Hej på er\n".encode("cp1252"), "text/plain"),
    ("bild.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png"),
])
def test_allowed_types_by_content(name, content, content_type):
    assert content_type in check_file(SimpleUploadedFile(name, content)).content_type


@pytest.mark.parametrize("name, content", [
    ("program.exe", b"MZ\x90\x00" + b"\x00" * 64),
    ("faktura.pdf", b"MZ\x90\x00" + b"\x00" * 64),  # an executable named .pdf
    ("bild.png", b"%PDF-1.4\n"),  # right type on the list, wrong content for the name
    ("sida.html", b"<html><script>alert(1)</script></html>"),
    ("ritning.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ("data.csv", b"\x00\x01\x02binary"),
    ("utan-filandelse", b"%PDF-1.4\n"),
    ("tom.txt", b""),
])
def test_refused_types(name, content):
    with pytest.raises(ValidationError):
        check_file(SimpleUploadedFile(name, content))


def test_member_uploads_and_activity_is_recorded(open_room, employee):
    add_member(open_room, employee)
    document = actions.upload_document(actor=employee, room=open_room,
                                       uploaded_file=pdf_upload(), title="")
    assert document.title == "plan" and document.content_type == "application/pdf"
    assert document.file.name.startswith(f"rooms/{open_room.pk}/")
    assert "plan" not in document.file.name  # the stored name never carries the user's name
    assert len(document.sha256) == 64
    open_room.refresh_from_db()
    assert open_room.last_activity_at == document.uploaded_at
    assert ModelLogEntry.objects.filter(action="insidan.room.upload_document").exists()


def test_non_member_and_webbredaktionen_cannot_upload(open_room, employee, webbred):
    for actor in [employee, webbred]:
        with pytest.raises(PermissionDenied):
            actions.upload_document(actor=actor, room=open_room, uploaded_file=pdf_upload())
    assert not RoomDocument.objects.exists()


def test_too_large_file_is_refused(open_room, other_employee, settings):
    settings.ROOM_DOCUMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="för stor"):
        actions.upload_document(actor=other_employee, room=open_room,
                                uploaded_file=pdf_upload(size=1001))
    assert not RoomDocument.objects.exists()


def test_quota_is_kept(open_room, other_employee, settings):
    settings.ROOM_QUOTA_BYTES = 1500
    actions.upload_document(actor=other_employee, room=open_room,
                            uploaded_file=pdf_upload(size=1000))
    with pytest.raises(ValidationError, match="inte plats"):
        actions.upload_document(actor=other_employee, room=open_room,
                                uploaded_file=pdf_upload(size=600))
    assert RoomDocument.objects.count() == 1


def test_refused_type_changes_nothing(open_room, other_employee):
    with pytest.raises(ValidationError, match="Filtypen"):
        actions.upload_document(actor=other_employee, room=open_room,
                                uploaded_file=SimpleUploadedFile("x.pdf", b"MZ" + b"\0" * 99))
    assert not RoomDocument.objects.exists()


def test_owner_removal_archives_then_tombstones(open_room, other_employee, employee,
                                                django_capture_on_commit_callbacks):
    add_member(open_room, employee)
    document = actions.upload_document(actor=employee, room=open_room,
                                       uploaded_file=pdf_upload())
    stored = document.file.name
    with pytest.raises(PermissionDenied):
        actions.remove_document(actor=UserFactory(), document=document, reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        record = actions.remove_document(actor=other_employee, document=document,
                                         reason="Inte längre aktuellt")
    document.refresh_from_db()
    assert document.moderation_state == ModerationState.REMOVED and not document.file
    assert not default_storage.exists(stored)
    attachment = record.attachments.get()
    assert attachment.sha256 == RoomDocument.objects.get().sha256
    assert record.author_username == "anna" and record.reason == "Inte längre aktuellt"
    assert ModelLogEntry.objects.filter(action="insidan.room.remove_document").exists()
    with pytest.raises(PermissionDenied):  # removed: nobody sees it any more
        actions.remove_document(actor=other_employee, document=document, reason="igen")


def test_webbredaktionen_removes_through_archive_then_remove(
    open_room, other_employee, webbred, django_capture_on_commit_callbacks
):
    document = actions.upload_document(actor=other_employee, room=open_room,
                                       uploaded_file=pdf_upload())
    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_document(actor=webbred, document=document, reason="Kränkande")
    assert ArchiveRecord.objects.count() == 1
    assert Notification.objects.get(verb="content_removed").recipient == other_employee


def test_keep_confirms_document_current(open_room, other_employee, employee):
    document = actions.upload_document(actor=other_employee, room=open_room,
                                       uploaded_file=pdf_upload())
    before = document.confirmed_current_at
    with pytest.raises(PermissionDenied):
        actions.keep_document(actor=employee, document=document)
    actions.keep_document(actor=other_employee, document=document)
    assert document.confirmed_current_at > before


@pytest.mark.parametrize("name", ["Intyg 811218-9876.pdf", "Intyg_811218-9876.pdf",
                                  "intyg_19811218_9876.pdf", "198112189876.pdf"])
def test_a_personnummer_in_the_file_name_is_refused_even_with_a_title(open_room, employee,
                                                                       name):
    """The original file name is shown in the list and archived: it was not checked when a
    title was given."""
    add_member(open_room, employee)
    upload = pdf_upload()
    upload.name = name
    with pytest.raises(ValidationError, match="Filnamnet"):
        actions.upload_document(actor=employee, room=open_room, uploaded_file=upload,
                                title="Intyg")
    assert not RoomDocument.objects.exists()


def test_an_ordinary_file_name_with_numbers_is_kept(open_room, employee):
    add_member(open_room, employee)
    upload = pdf_upload()
    upload.name = "Protokoll 2024-12-18 KS-2024-0012.pdf"
    document = actions.upload_document(actor=employee, room=open_room, uploaded_file=upload,
                                       title="Protokoll")
    assert document.original_name == "Protokoll 2024-12-18 KS-2024-0012.pdf"
