"""A failure injected at each step of archive_then_remove, reached the way Webbredaktionen
reaches it (the decision on a report case in the admin). Afterwards the item is either intact
and readable with no archive record, or removed with its archive record and attachments
complete; never in between, and no archive file is left without a record."""

import hashlib
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from collab.models import RoomDocument
from forums.models import Post
from insidan.archive.actions import remove as remove_module
from insidan.archive.models import ArchiveAttachment, ArchiveRecord
from insidan.archive.tests.conftest import DOCUMENT_BYTES, files_below
from insidan.core.models import ModerationState
from insidan.moderation.actions import report_item
from insidan.moderation.models import CaseState
from insidan.notify import api as notify_api
from insidan.notify import tasks as notify_tasks
from insidan.search.models import PendingIndexUpdate

from .conftest import client_for

pytestmark = pytest.mark.django_db
REASON = "Personangrepp strider mot god samtalston"


def _fail(error: Exception):
    return mock.Mock(side_effect=error)


# Each step, the call it makes, and the failure injected into that call.
STEPS = {
    "archive_record": lambda: mock.patch.object(
        ArchiveRecord.objects, "create", _fail(DatabaseError("disk full"))),
    "attachment_copy": lambda: mock.patch.object(
        remove_module.default_storage, "save", _fail(OSError(28, "No space left on device"))),
    "attachment_row": lambda: mock.patch.object(
        ArchiveAttachment.objects, "create", _fail(DatabaseError("disk full"))),
    "tombstone": lambda: _Tombstones(),
    "search_index": lambda: mock.patch.multiple(
        type(get_search_backend()), add=_fail(ConnectionError("search is down")),
        delete=_fail(ConnectionError("search is down"))),
    "notification_queued": lambda: mock.patch.object(
        notify_api, "send", _fail(DatabaseError("queue table locked"))),
    "notification_delivered": lambda: mock.patch.object(
        notify_tasks.Notification.objects, "bulk_create", _fail(DatabaseError("timeout"))),
}


class _Tombstones:
    """apply_tombstone fails on both kinds of item."""

    def __enter__(self):
        self.patches = [mock.patch.object(model, "apply_tombstone",
                                          _fail(DatabaseError("deadlock")))
                        for model in (Post, RoomDocument)]
        for patch in self.patches:
            patch.start()

    def __exit__(self, *exc):
        for patch in self.patches:
            patch.stop()


@pytest.fixture
def reported(request, employee, other_employee):
    """(item, reader, reader's URL to the item, its original text, the text shown there), with
    an open report case on the item, which is in the search index."""
    if request.param == "post":
        item = request.getfixturevalue("post")
        report_item(actor=other_employee, item=item, category="defamation", text="Kränkande")
        shown = "Hur gör ni med <strong>söndagsöppet</strong>?"
        reader, url, original = employee, item.discussion.get_absolute_url(), item.body
    else:
        item = request.getfixturevalue("document")
        report_item(actor=other_employee, item=item, category="other", text="Fel rum")
        url = reverse("collab:document_download", args=[item.room.slug, item.pk])
        reader, original = other_employee, DOCUMENT_BYTES.decode()
        shown = original
    index.insert_or_update_object(item)
    return item, reader, url, original, shown


CASES = [(kind, step) for kind in ("post", "document") for step in STEPS
         if kind == "document" or not step.startswith("attachment")]


@pytest.mark.parametrize(("reported", "step"), CASES, indirect=["reported"])
def test_failure_at_a_step_leaves_the_item_intact_or_completely_removed(
    reported, step, media, webbred, django_capture_on_commit_callbacks
):
    item, reader, url, original, shown = reported
    case = item_case(item)
    files_before = files_below(media)
    if isinstance(item, Post):  # found before, so the check after can fail
        assert f"#inlagg-{item.pk}" in search(reader)

    with STEPS[step](), django_capture_on_commit_callbacks(execute=True):
        response = client_for(webbred).post(
            reverse("moderation_admin:case", args=[case.pk]),
            {"decision": "remove", "reason": REASON, "expected_state": CaseState.OPEN},
        )

    item.refresh_from_db()
    case.refresh_from_db()
    records = ArchiveRecord.objects.filter(object_id=str(item.pk),
                                           object_type=item._meta.label_lower)
    if item.moderation_state == ModerationState.VISIBLE:
        _assert_intact(item, case, records, response, client_for(reader).get(url), shown)
        assert files_below(media) == files_before  # no orphan copy, the original is kept
    else:
        assert response.status_code == 302, step  # told it was done, because it was
        _assert_removed(item, case, records, client_for(reader).get(url), original, shown,
                        media, files_before)
    if step in ("search_index", "notification_delivered"):  # after the commit: done
        assert item.moderation_state == ModerationState.REMOVED
    if step == "search_index":  # the index update is kept, and retried once search is back
        pending = PendingIndexUpdate.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_pk=str(item.pk))
        assert pending.exists()
        call_command("retry_index_updates", verbosity=0)
        assert not pending.exists()
    if isinstance(item, Post) and item.moderation_state == ModerationState.REMOVED:
        # Even when the index could not be updated: search checks visibility per query.
        assert f"#inlagg-{item.pk}" not in search(reader)


def search(reader) -> str:
    return client_for(reader).get("/sok/", {"q": "söndagsöppet"}).content.decode()


def item_case(item):
    from insidan.moderation.models import ReportCase

    return ReportCase.objects.get(object_id=str(item.pk))


def _assert_intact(item, case, records, response, read, text):
    assert response.status_code == 500 and "Ett fel uppstod" in response.content.decode()
    assert not records.exists() and not ArchiveAttachment.objects.exists()
    assert case.state == CaseState.OPEN and not case.decision
    assert item.moderation_reason == ""
    assert read.status_code == 200
    body = b"".join(read.streaming_content) if read.streaming else read.content
    assert text in body.decode()


def _assert_removed(item, case, records, read, original, shown, media: Path, files_before):
    record = records.get()
    assert record.reason == REASON and record.data["reports"]
    assert case.state == CaseState.DECIDED
    assert item.moderation_reason == REASON
    if isinstance(item, RoomDocument):
        attachment = record.attachments.get()
        assert attachment.sha256 == hashlib.sha256(DOCUMENT_BYTES).hexdigest()
        assert (media / attachment.file.name).read_bytes() == DOCUMENT_BYTES
        assert read.status_code == 404
        added = files_below(media) - files_before
        assert added == {attachment.file.name}  # the archive copy and nothing else
    else:
        assert record.content_text == original
        page = read.content.decode()
        assert "Borttaget av webbredaktionen" in page and shown not in page
