"""An upload interrupted by a crash (its file written, its row never committed) leaves no
orphan for long: `manage.py sweep_orphan_uploads` deletes files in the upload folders that no
row refers to and that are older than an hour, and never an archived file."""

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model

from insidan.archive.actions import archive_then_remove
from insidan.archive.models import ArchiveAttachment

pytestmark = pytest.mark.django_db

TWO_HOURS = 2 * 3600


def write(media: Path, name: str, *, age_seconds: int) -> Path:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 test")
    age(path, age_seconds)
    return path


def age(path: Path, seconds: int) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_an_old_orphan_goes_a_fresh_one_and_referenced_files_stay(media, document):
    orphan = write(media, f"rooms/{document.room_id}/kraschad.pdf", age_seconds=TWO_HOURS)
    image_orphan = write(media, "original_images/kraschad.jpg", age_seconds=TWO_HOURS)
    fresh = write(media, f"rooms/{document.room_id}/pagar.pdf", age_seconds=600)
    photo = write(media, "original_images/anna.jpg", age_seconds=TWO_HOURS)
    get_image_model().objects.create(title="Anna", file="original_images/anna.jpg",
                                     width=1, height=1)
    stored = media / document.file.name
    age(stored, TWO_HOURS)

    call_command("sweep_orphan_uploads", stdout=open(os.devnull, "w"))

    assert not orphan.exists() and not image_orphan.exists()
    assert fresh.exists() and photo.exists() and stored.exists()


def test_a_dry_run_only_lists(media, document, capsys):
    orphan = write(media, f"rooms/{document.room_id}/kraschad.pdf", age_seconds=TWO_HOURS)
    call_command("sweep_orphan_uploads", "--dry-run")
    assert f"rooms/{document.room_id}/kraschad.pdf" in capsys.readouterr().out
    assert orphan.exists()


def test_archived_files_are_never_swept(media, document, webbred):
    """The archive's copy is a public record: kept however old and whatever refers to it, and
    a file an archive attachment points at is kept even in an upload folder."""
    record = archive_then_remove(actor=webbred, item=document, reason="Inaktuellt")
    copy = media / record.attachments.get().file.name
    age(copy, TWO_HOURS)
    unreferenced_in_archive = write(media, "archive/2026/01/lost.pdf", age_seconds=TWO_HOURS)
    in_upload_folder = write(media, "rooms/1/arkiverad.pdf", age_seconds=TWO_HOURS)
    ArchiveAttachment.objects.create(record=record, name="arkiverad.pdf",
                                     file="rooms/1/arkiverad.pdf", sha256="0" * 64, size=13)

    call_command("sweep_orphan_uploads", stdout=open(os.devnull, "w"))

    assert copy.exists() and unreferenced_in_archive.exists() and in_upload_folder.exists()


def test_archive_packages_are_never_swept_wherever_they_lie(media, settings):
    """ARCHIVE_ROOT set to a folder the sweep would otherwise look in: it is left alone."""
    settings.ARCHIVE_ROOT = media / "images"
    package_file = write(media, "images/snapshot-2026-04/METS.xml", age_seconds=TWO_HOURS)
    orphan = write(media, "rooms/7/kraschad.pdf", age_seconds=TWO_HOURS)
    call_command("sweep_orphan_uploads", stdout=open(os.devnull, "w"))
    assert package_file.exists() and not orphan.exists()
