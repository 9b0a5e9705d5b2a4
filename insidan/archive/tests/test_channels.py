"""archive_channel: a forum, a room (with its forum, members and documents) or one discussion
becomes one archive package, every item in it an archive record with a tombstone, and the
channel is marked archived; or, on any refusal or failure, nothing happens at all."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from notifications.models import Notification
from wagtail.models import ModelLogEntry

import insidan.moderation.selectors as moderation_selectors
from collab.actions import join_open_room
from forums.actions import reply, start_discussion
from forums.models import Forum
from insidan.archive.actions import archive_channel, archive_then_remove
from insidan.archive.actions import channels as channels_module
from insidan.archive.models import ArchiveAttachment, ArchiveRecord, Snapshot, SnapshotKind
from insidan.archive.package import PackageError, read_package, verify_package
from insidan.core.models import ChannelStatus, ModerationState

from .conftest import DOCUMENT_BYTES, files_below
from .test_package import findings, is_known_defect, run_validator

REASON = "Forumet används inte längre; ägaren har begärt avveckling."


@pytest.fixture
def second_discussion(forum, other_employee):
    return start_discussion(actor=other_employee, forum=forum, title="Bokcirkel",
                            body="Vilken bok läser vi i vår?")


def _items(snapshot: Snapshot) -> list[dict]:
    return list(read_package(Path(snapshot.folder)))


def _states(queryset) -> set[str]:
    return set(queryset.values_list("moderation_state", flat=True))


# --- a forum --------------------------------------------------------------------------------


def test_forum_is_archived_as_one_package_then_marked_archived(
    media, webbred, forum, discussion, second_discussion, django_capture_on_commit_callbacks
):
    earlier = archive_then_remove(actor=webbred, item=discussion.posts.last(),
                                  reason="Reklam", notify_author=False)
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = archive_channel(actor=webbred, channel=forum, reason=REASON)

    forum.refresh_from_db()
    assert forum.status == ChannelStatus.ARCHIVED
    assert _states(forum.discussions.all()) == {ModerationState.REMOVED}
    assert _states(discussion.posts.all()) | _states(second_discussion.posts.all()) == {
        ModerationState.REMOVED}
    assert (snapshot.kind, snapshot.reason) == (SnapshotKind.CHANNEL, REASON)
    assert snapshot.channel_label == "Kanalarkiv: Forum Bibliotekarier"
    assert Path(snapshot.path).is_file() and Path(snapshot.folder).is_dir()
    assert verify_package(Path(snapshot.folder)) == []
    items = _items(snapshot)
    assert snapshot.item_count == len(items) == 1 + 2 + 3  # presentation, discussions, posts
    presentation = items[0]
    assert (presentation["object_type"], presentation["status"]) == ("forums.forum", "archived")
    assert presentation["purpose"] == forum.purpose and presentation["owner"]["username"] == "erik"
    records = {item["archive_record"]: item for item in items[1:]}
    assert set(records) == {str(r.uuid) for r in ArchiveRecord.objects.all()}
    assert records[str(earlier.uuid)]["reason"] == "Reklam"  # removed earlier, still included
    texts = {item["content_text"] for item in items[1:]}
    assert {"Hur gör ni med **söndagsöppet**?", "Vilken bok läser vi i vår?"} <= texts
    entry = ModelLogEntry.objects.get(action="insidan.archive.channel")
    assert entry.object_id == str(forum.pk) and entry.data["package"] == snapshot.package_id
    assert not Notification.objects.exists()  # authors are not told one by one


def test_one_discussion_is_archived_and_the_forum_stays(
    media, webbred, forum, discussion, second_discussion
):
    snapshot = archive_channel(actor=webbred, channel=discussion, reason="Avslutad fråga")
    forum.refresh_from_db()
    discussion.refresh_from_db()
    assert forum.status == ChannelStatus.ACTIVE
    assert discussion.moderation_state == ModerationState.REMOVED
    assert _states(second_discussion.posts.all()) == {ModerationState.VISIBLE}
    items = _items(snapshot)
    assert [i["object_type"] for i in items] == [
        "forums.forum", "forums.discussion", "forums.post", "forums.post"]
    assert snapshot.channel_label.startswith("Kanalarkiv: diskussionen ”Nya öppettider”")


# --- a room ---------------------------------------------------------------------------------


@pytest.fixture
def room_with_content(room, document, employee, other_employee):
    room.is_closed = False
    room.save(update_fields=["is_closed"])
    join_open_room(actor=employee, room=room)
    forum = Forum.objects.get(room=room)
    discussion = start_discussion(actor=employee, forum=forum, title="Ritningar",
                                  body="Ritningarna är klara.")
    reply(actor=other_employee, discussion=discussion, body="Tack!")
    return room


def test_room_is_archived_with_its_forum_members_and_documents(
    media, webbred, room_with_content, document
):
    room = room_with_content
    snapshot = archive_channel(actor=webbred, channel=room, reason="Projektet är avslutat.")

    room.refresh_from_db()
    forum = Forum.objects.get(room=room)
    assert room.status == forum.status == ChannelStatus.ARCHIVED
    assert room.archived_at is not None
    document.refresh_from_db()
    assert document.moderation_state == ModerationState.REMOVED
    items = _items(snapshot)
    types = [item["object_type"] for item in items]
    assert types[:2] == ["collab.room", "forums.forum"]
    assert sorted(types[2:]) == [
        "collab.roomdocument", "forums.discussion", "forums.post", "forums.post"]
    members = {m["username"] for m in items[0]["members"]}
    assert members == {"erik", "anna"}
    document_item = next(i for i in items if i["object_type"] == "collab.roomdocument")
    (attachment,) = document_item["attachments"]
    folder = Path(snapshot.folder) / "representations/rep1/data/attachments"
    stored = next(folder.glob(f"collab.roomdocument-*/{attachment['name']}"))
    assert stored.read_bytes() == DOCUMENT_BYTES
    assert verify_package(Path(snapshot.folder)) == []


def test_channel_package_passes_eark_validator(media, webbred, room_with_content, tmp_path):
    snapshot = archive_channel(actor=webbred, channel=room_with_content, reason="Avslutat.")
    output = run_validator(Path(snapshot.folder), tmp_path)
    errors = [m for m in findings(output, "Error") if not is_known_defect(m)]
    assert errors == [], json.dumps(errors, indent=2, ensure_ascii=False)
    assert output["report"]["metadata"]["schema_results"]["status"] == "VALID"


def test_reports_go_into_the_package_when_the_moderation_app_lists_them(
    media, webbred, forum, discussion, monkeypatch
):
    reports = [{"category": "other", "text": "Fel forum", "created_at": "2025-03-01"}]
    monkeypatch.setattr(moderation_selectors, "reports_for_channel",
                        lambda channel: reports if channel == forum else [], raising=False)
    snapshot = archive_channel(actor=webbred, channel=forum, reason=REASON)
    assert _items(snapshot)[-1] == {"title": "Anmälningar om innehåll i kanalen",
                                    "reports": reports}


# --- refusals -----------------------------------------------------------------------------


def _nothing_happened(forum, media, files_before=None):
    forum.refresh_from_db()
    assert forum.status == ChannelStatus.ACTIVE
    assert _states(forum.discussions.all()) == {ModerationState.VISIBLE}
    assert not ArchiveRecord.objects.exists() and not Snapshot.objects.exists()
    assert not ArchiveAttachment.objects.exists()
    assert files_below(media / "archive-packages") == set()
    if files_before is not None:
        assert files_below(media) == files_before


def test_only_webbredaktionen_archives_channels(media, other_employee, forum, discussion):
    with pytest.raises(PermissionDenied, match="Endast webbredaktionen"):
        archive_channel(actor=other_employee, channel=forum, reason=REASON)
    _nothing_happened(forum, media)


def test_a_reason_is_required(media, webbred, forum, discussion):
    with pytest.raises(ValidationError, match="Skriv varför"):
        archive_channel(actor=webbred, channel=forum, reason="")
    _nothing_happened(forum, media)


def test_refused_while_a_report_case_on_the_channel_is_open(
    media, webbred, forum, discussion, monkeypatch
):
    asked = []

    def open_cases_for_channel(channel):
        asked.append(channel)
        return ["case"]

    monkeypatch.setattr(moderation_selectors, "open_cases_for_channel", open_cases_for_channel,
                        raising=False)
    with pytest.raises(ValidationError, match="1 öppet anmälningsärende") as caught:
        archive_channel(actor=webbred, channel=forum, reason=REASON)
    assert caught.value.code == "open_cases" and asked == [forum]
    _nothing_happened(forum, media)


def test_archiving_an_archived_channel_is_refused(media, webbred, forum, discussion):
    archive_channel(actor=webbred, channel=forum, reason=REASON)
    with pytest.raises(ValidationError, match="redan arkiverad"):
        archive_channel(actor=webbred, channel=forum, reason=REASON)
    assert Snapshot.objects.count() == 1


# --- failures -------------------------------------------------------------------------------


def test_unwritable_archive_folder_removes_nothing(media, settings, webbred, room_with_content):
    room = room_with_content
    blocker = media / "not-a-folder"
    blocker.write_text("a file where the archive folder should be")
    settings.ARCHIVE_ROOT = blocker
    files_before = files_below(media)
    with pytest.raises(PackageError, match="kunde inte skrivas"):
        archive_channel(actor=webbred, channel=room, reason=REASON)
    room.refresh_from_db()
    assert room.status == ChannelStatus.ACTIVE and room.archived_at is None
    assert _states(room.documents.all()) == {ModerationState.VISIBLE}
    assert not ArchiveRecord.objects.exists() and not ArchiveAttachment.objects.exists()
    assert files_below(media) == files_before  # the archive's copies of documents are gone too


def test_failure_after_the_package_is_written_removes_the_package_too(
    media, webbred, forum, discussion, monkeypatch
):
    def broken_log(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(channels_module, "log", broken_log)
    with pytest.raises(RuntimeError):
        archive_channel(actor=webbred, channel=forum, reason=REASON)
    _nothing_happened(forum, media)


# --- a blog -------------------------------------------------------------------------------


def test_blog_is_archived_with_its_posts_and_comments(media, webbred, employee):
    from blogs.tests.factories import make_blog, make_post
    from insidan.comments.actions import post_comment

    blog = make_blog(name="IT-bloggen", webbred=webbred)
    blog_post = make_post(blog, title="Nytt intranät", body="Nu byter vi **intranät**.")
    post_comment(actor=employee, target=blog_post, text="Äntligen!")

    snapshot = archive_channel(actor=webbred, channel=blog, reason="Bloggen har slutat")

    blog.refresh_from_db()
    blog_post.refresh_from_db()
    assert blog.status == ChannelStatus.ARCHIVED
    assert blog_post.moderation_state == ModerationState.REMOVED
    items = _items(snapshot)
    assert [i["object_type"] for i in items] == [
        "blogs.blogpage", "blogs.blogpostpage", "insidan_comments.comment"]
    assert items[0]["name"] == "IT-bloggen"
    assert items[2]["content_text"] == "Äntligen!"
    assert items[2]["parent_record"] == items[1]["archive_record"]
