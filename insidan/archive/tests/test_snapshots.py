"""Snapshots: all social content (or one channel) as it is now, streamed into an archive package
and entered in the register; scheduled in the configured months through django-tasks, extra
ones on request; bad folders give clear messages and leave nothing that looks complete."""

import errno
import hashlib
import json
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry

from insidan.archive.actions import due_period, start_extra_snapshot, take_snapshot
from insidan.archive.actions import snapshots as snapshots_module
from insidan.archive.models import Snapshot, SnapshotKind
from insidan.archive.package import PackageError, read_package, verify_package
from insidan.archive.package import writer as package_writer

from .conftest import DOCUMENT_BYTES, files_below
from .test_package import findings, is_known_defect, run_validator

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def content(discussion, document, room):
    """A forum with a discussion of two posts, and a room with its forum and a document."""
    return {"discussion": discussion, "document": document, "room": room}


def _items(snapshot: Snapshot) -> list[dict]:
    return list(read_package(Path(snapshot.folder)))


def test_snapshot_holds_all_social_content_as_it_is_now(media, webbred, content):
    snapshot = take_snapshot(actor=webbred, reason="Omorganisation 1 maj")

    tar = Path(snapshot.path).read_bytes()
    assert (snapshot.size, snapshot.sha256) == (len(tar), hashlib.sha256(tar).hexdigest())
    assert snapshot.kind == SnapshotKind.EXTRA and snapshot.created_by == "Wilma Eriksson"
    assert Path(snapshot.folder).parent == media / "archive-packages" / "snapshots"
    assert verify_package(Path(snapshot.folder)) == []
    items = _items(snapshot)
    assert snapshot.item_count == len(items)
    types = [item["object_type"] for item in items]
    assert types[:3] == ["collab.room", "forums.forum", "forums.forum"]  # channels first
    assert types.count("forums.post") == 2 and types.count("forums.discussion") == 1
    assert types.count("collab.roomdocument") == 1
    post = next(i for i in items if i["object_type"] == "forums.post")
    assert post["content_text"] == "Hur gör ni med **söndagsöppet**?"
    assert post["author"] == {"username": "anna", "name": "Anna Lindqvist",
                              "title": "Handläggare", "department": "Kommunledningskontoret"}
    assert post["moderation"]["state"] == "visible"
    attachments = Path(snapshot.folder) / "representations/rep1/data/attachments"
    (stored,) = attachments.glob("collab.roomdocument-*/*")
    assert stored.read_bytes() == DOCUMENT_BYTES
    entry = ModelLogEntry.objects.get(action="insidan.archive.snapshot")
    assert entry.user_id == webbred.pk and entry.data["items"] == len(items)


def test_snapshot_package_passes_eark_validator(media, webbred, content, tmp_path):
    snapshot = take_snapshot(actor=webbred, reason="Validering")
    for path in (Path(snapshot.folder), Path(snapshot.path)):
        output = run_validator(path, tmp_path)
        errors = [m for m in findings(output, "Error") if not is_known_defect(m)]
        assert errors == [], json.dumps(errors, indent=2, ensure_ascii=False)


def test_items_are_streamed_from_chunked_querysets(media, webbred, content, monkeypatch):
    chunk_sizes = []
    real_iterator = QuerySet.iterator

    def recording(self, chunk_size=None):
        chunk_sizes.append((self.model._meta.label_lower, chunk_size))
        return real_iterator(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", recording)
    items = snapshots_module.snapshot_items()
    first = next(items)
    assert first.data["object_type"] == "collab.room"
    assert chunk_sizes == [("collab.room", snapshots_module.CHUNK_SIZE)]  # nothing read ahead
    rest = list(items)
    assert len(rest) >= 5
    assert {size for _, size in chunk_sizes} == {snapshots_module.CHUNK_SIZE}


def test_snapshot_of_one_channel_from_the_command_line(media, content, forum, tmp_path):
    out = StringIO()
    call_command("archive_snapshot", "--out", str(tmp_path / "ut"), "--channel", "bibliotekarier",
                 "--reason", "Inför flytten", stdout=out)
    snapshot = Snapshot.objects.get()
    assert "Arkivpaketet är klart" in out.getvalue() and snapshot.sha256 in out.getvalue()
    assert Path(snapshot.path).parent == tmp_path / "ut"
    assert (snapshot.reason, snapshot.created_by) == ("Inför flytten", "Kommandoraden")
    assert snapshot.channel_label == "Forum: Bibliotekarier"
    types = [item["object_type"] for item in _items(snapshot)]
    assert types == ["forums.forum", "forums.discussion", "forums.post", "forums.post"]


def test_command_refuses_an_unknown_channel(db, tmp_path):
    with pytest.raises(CommandError, match="Ingen kanal"):
        call_command("archive_snapshot", "--out", str(tmp_path), "--channel", "finns-inte")


# --- bad folders ------------------------------------------------------------------------------


def test_unwritable_folder_is_a_clear_message_and_leaves_nothing(media, content, tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("a file, not a folder")
    with pytest.raises(CommandError, match="kunde inte skrivas.*Inget paket sparades"):
        call_command("archive_snapshot", "--out", str(blocker / "ut"))
    assert not Snapshot.objects.exists()
    assert {f for f in files_below(tmp_path) if not f.startswith("media/")} == {"fil"}


def test_full_disk_leaves_nothing_that_looks_complete(media, webbred, content, monkeypatch):
    real = package_writer.write_new_file
    written = []

    def fills_up(path, data, relative):
        written.append(relative)
        if len(written) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data, relative)

    monkeypatch.setattr(package_writer, "write_new_file", fills_up)
    with pytest.raises(PackageError, match="disken är full"):
        take_snapshot(actor=webbred, reason="Full disk")
    assert not Snapshot.objects.exists()
    assert files_below(media / "archive-packages") == set()


def test_package_is_removed_when_the_register_entry_fails(media, webbred, content, monkeypatch):
    def broken_create(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Snapshot.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        take_snapshot(actor=webbred, reason="Test")
    assert files_below(media / "archive-packages") == set()


# --- who, and why ---------------------------------------------------------------------------


def test_only_webbredaktionen_takes_snapshots_and_says_why(media, employee, webbred):
    with pytest.raises(PermissionDenied):
        take_snapshot(actor=employee, reason="Jag vill")
    with pytest.raises(PermissionDenied):
        start_extra_snapshot(actor=employee, reason="Jag vill")
    with pytest.raises(ValidationError, match="Skriv varför"):
        start_extra_snapshot(actor=webbred, reason="   ")
    assert not Snapshot.objects.exists()


def test_extra_snapshot_runs_as_a_task(media, webbred, content):
    result = start_extra_snapshot(actor=webbred, reason="Ny förvaltningsorganisation")
    snapshot = Snapshot.objects.get(uuid=result.return_value["snapshot"])
    assert snapshot.reason == "Ny förvaltningsorganisation"


def test_extra_snapshot_task_reports_a_bad_folder(media, settings, webbred, content, tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    settings.ARCHIVE_ROOT = blocker
    result = start_extra_snapshot(actor=webbred, reason="Test")
    assert "kunde inte skrivas" in result.return_value["error"]


# --- the schedule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "due"),
    [(datetime(2025, 4, 1, 0, 30, tzinfo=STOCKHOLM), "2025-04"),
     (datetime(2025, 9, 30, 23, 0, tzinfo=STOCKHOLM), "2025-09"),
     (datetime(2025, 3, 31, 23, 59, tzinfo=STOCKHOLM), None),
     (datetime(2025, 10, 1, 0, 0, tzinfo=STOCKHOLM), None)],
)
def test_due_in_april_and_september_by_default(db, when, due):
    assert due_period(now=when) == due


def test_months_are_configurable(db, settings):
    settings.ARCHIVE_SNAPSHOT_MONTHS = [3]
    assert due_period(now=datetime(2025, 3, 15, tzinfo=STOCKHOLM)) == "2025-03"
    assert due_period(now=datetime(2025, 4, 15, tzinfo=STOCKHOLM)) is None


def test_scheduled_snapshot_is_taken_once_in_a_due_month(media, settings, content):
    this_month = timezone.localdate().month
    settings.ARCHIVE_SNAPSHOT_MONTHS = [this_month]
    out = StringIO()
    call_command("archive_snapshot_if_due", stdout=out)
    snapshot = Snapshot.objects.get()
    period = timezone.localdate().strftime("%Y-%m")
    assert (snapshot.kind, snapshot.period) == (SnapshotKind.SCHEDULED, period)
    assert snapshot.package_id == f"insidan-ogonblicksbild-{period}"
    assert snapshot.created_by == "Schemalagt jobb" and "april och september" in snapshot.reason
    assert f"för {period} är skriven" in out.getvalue()

    out = StringIO()
    call_command("archive_snapshot_if_due", stdout=out)
    assert "Ingen ögonblicksbild på tur" in out.getvalue()
    assert Snapshot.objects.count() == 1


def test_nothing_happens_outside_the_months(media, settings, content):
    settings.ARCHIVE_SNAPSHOT_MONTHS = [m for m in range(1, 13)
                                        if m != timezone.localdate().month]
    call_command("archive_snapshot_if_due", stdout=StringIO())
    assert not Snapshot.objects.exists()


def test_scheduled_snapshot_to_a_bad_folder_fails_loudly(media, settings, content, tmp_path):
    settings.ARCHIVE_SNAPSHOT_MONTHS = [timezone.localdate().month]
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    settings.ARCHIVE_ROOT = blocker
    with pytest.raises(CommandError, match="kunde inte skrivas"):
        call_command("archive_snapshot_if_due", stdout=StringIO())
    assert not Snapshot.objects.exists()


def test_snapshot_covers_every_kind_of_social_content(media, webbred, employee, content):
    """Every content model in the visibility registry: channels, posts, documents, blogs,
    comments, profiles and status updates; requests for channels and report cases are not
    content."""
    from blogs.tests.factories import make_blog, make_post
    from insidan.archive.selectors import content_models
    from insidan.comments.actions import post_comment
    from profiles.actions.status import post_status_update

    blog = make_blog(name="IT-bloggen", webbred=webbred)
    post_comment(actor=employee, target=make_post(blog), text="Bra skrivet!")
    post_status_update(actor=employee, body="Jobbar med budgeten i dag.")

    snapshot = take_snapshot(actor=webbred, reason="Allt")
    types = {item["object_type"] for item in _items(snapshot)}
    expected = {model._meta.label_lower for model in content_models()}
    assert expected >= {"blogs.blogpage", "blogs.blogpostpage", "insidan_comments.comment",
                        "profiles.profile", "profiles.statusupdate", "forums.post",
                        "collab.roomdocument"}
    assert types == expected
    assert not {"moderation.reportcase", "forums.forumrequest"} & types
    assert verify_package(Path(snapshot.folder)) == []


@pytest.mark.django_db
def test_the_next_scheduled_snapshot_is_the_next_configured_month(settings):
    """What Webbredaktionen's admin home says is next: this month's while it is due, else the
    next of ARCHIVE_SNAPSHOT_MONTHS, into the next year after the last."""
    from insidan.archive.actions.snapshots import next_scheduled_period

    settings.ARCHIVE_SNAPSHOT_MONTHS = [4, 9]
    at = lambda month: datetime(2026, month, 15, 12, tzinfo=ZoneInfo("Europe/Stockholm"))  # noqa: E731
    assert next_scheduled_period(at(4)) == "2026-04"  # due, not yet taken
    assert next_scheduled_period(at(6)) == "2026-09"
    assert next_scheduled_period(at(12)) == "2027-04"
