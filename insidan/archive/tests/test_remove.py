"""archive_then_remove: the record holds everything the issue lists, the tombstone replaces the
text, and if any step fails nothing is removed and no archive file is left behind."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from forums.actions import edit_post
from forums.models import Post
from insidan.archive.actions import AlreadyRemoved, archive_then_remove
from insidan.archive.actions import remove as remove_module
from insidan.archive.models import ArchiveAttachment, ArchiveRecord
from insidan.core.models import ModerationState
from profiles.models import Department

from .conftest import DOCUMENT_BYTES, files_below

REASON = "Personangrepp"
REPORTS = [{"category": "defamation", "text": "Kränkande om en kollega", "reporter": "erik"}]
DECISION = {"kind": "remove", "decided_by": "webbred", "reason": REASON}


def remove(actor, item, **kwargs):
    return archive_then_remove(actor=actor, item=item, reason=REASON, **kwargs)


# --- the record ---------------------------------------------------------------------------


def test_record_holds_content_author_times_versions_channel_url_and_context(
    media, webbred, employee, post, forum, discussion
):
    edit_post(actor=employee, post=post, body="Hur gör ni med söndagar?")
    edit_post(actor=employee, post=post, body="Hur gör ni med söndagsöppet, egentligen?")
    post.refresh_from_db()

    record = remove(webbred, post, reports=REPORTS, decision=DECISION)

    assert record.object_type == "forums.post" and record.object_id == str(post.pk)
    assert record.content_text == "Hur gör ni med söndagsöppet, egentligen?"
    assert record.content_html == "<p>Hur gör ni med söndagsöppet, egentligen?</p>\n"
    assert (record.author_username, record.author_name) == ("anna", "Anna Lindqvist")
    assert (record.author_title, record.author_department) == (
        "Handläggare", "Kommunledningskontoret")
    assert record.created_at == post.created_at and record.edited_at == post.edited_at
    versions = record.data["versions"]
    assert [v["text"] for v in versions] == [
        "Hur gör ni med **söndagsöppet**?", "Hur gör ni med söndagar?"]
    assert all(v["replaced_by"] == "anna" and v["html"] for v in versions)
    assert record.channel_label == "forum: Bibliotekarier"
    assert record.channel_owner == "Erik Bergström"
    assert record.data["channel"]["slug"] == "bibliotekarier"
    assert record.url == f"/forum/bibliotekarier/{discussion.pk}/#inlagg-{post.pk}"
    assert record.data["thread_context"]["discussion_id"] == discussion.pk
    assert record.data["thread_context"]["discussion_title"] == "Nya öppettider"
    assert record.data["reports"] == REPORTS
    assert record.data["decision"] == DECISION
    assert record.reason == REASON
    assert (record.removed_by_username, record.removed_by_name) == ("webbred", "Wilma Eriksson")
    assert record.removed_at is not None


def test_author_details_are_kept_as_they_were_at_the_time(media, webbred, employee, post):
    record = remove(webbred, post)
    employee.profile.title = "Enhetschef"
    employee.profile.department = Department.objects.create(name="Kulturförvaltningen")
    employee.profile.save()
    employee.first_name = "Annie"
    employee.save()
    record.refresh_from_db()
    assert (record.author_name, record.author_title, record.author_department) == (
        "Anna Lindqvist", "Handläggare", "Kommunledningskontoret")


def test_attachments_are_copied_into_archive_storage_with_sha256(
    media, webbred, document, django_capture_on_commit_callbacks
):
    original = document.file.path
    with django_capture_on_commit_callbacks(execute=True):
        record = remove(webbred, document)
    attachment = record.attachments.get()
    assert attachment.name == "Protokoll 3 mars.txt"
    assert attachment.sha256 == hashlib.sha256(DOCUMENT_BYTES).hexdigest()
    assert attachment.size == len(DOCUMENT_BYTES)
    assert attachment.file.name.startswith(f"archive/{record.uuid}/")
    with attachment.file.open("rb") as copy:
        assert copy.read() == DOCUMENT_BYTES
    assert record.channel_label == "room: Projekt Nytt bibliotek"
    # The room's own copy goes once the removal has committed (the archive keeps its copy).
    assert document.file.name == "" and not (media / original).exists()


def test_a_discussion_takes_its_posts_with_it_each_archived(media, webbred, discussion):
    record = remove(webbred, discussion)
    children = list(record.children.order_by("pk"))
    assert [c.object_type for c in children] == ["forums.post", "forums.post"]
    assert children[1].content_text == "Vi har öppet 12–16."
    assert all(c.reason == REASON and c.parent_id == record.pk for c in children)
    assert set(discussion.posts.values_list("moderation_state", flat=True)) == {
        ModerationState.REMOVED}


# --- the tombstone, the log, the notice -----------------------------------------------------


def test_tombstone_replaces_the_text(media, webbred, employee, post):
    edit_post(actor=employee, post=post, body="Andra versionen")
    remove(webbred, post)
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.REMOVED
    assert post.moderation_reason == REASON and post.moderation_changed_at is not None
    assert (post.body, post.body_html) == ("", "")
    assert set(post.versions.values_list("body", flat=True)) == {""}


def test_removal_is_written_to_the_audit_log(media, webbred, post):
    record = remove(webbred, post)
    entry = ModelLogEntry.objects.get(action="insidan.archive.remove", object_id=str(post.pk))
    assert entry.user_id == webbred.pk
    assert entry.data == {"archive_record": str(record.uuid), "reason": REASON}
    assert entry.content_type.model == "post"


def test_author_is_told_why_with_a_link_to_the_rules(
    media, webbred, employee, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        remove(webbred, post)
    notice = Notification.objects.get(recipient=employee)
    assert notice.verb == "content_removed"
    assert REASON in notice.description and "/regler/" in notice.description
    assert notice.data == {"url": "/regler/"}


def test_author_is_not_told_when_the_caller_tells_them(
    media, webbred, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        remove(webbred, post, notify_author=False)
    assert not Notification.objects.exists()


def test_removed_item_leaves_search(media, webbred, post, django_capture_on_commit_callbacks,
                                    monkeypatch):
    removed = []
    monkeypatch.setattr(remove_module.index, "remove_object", removed.append)
    with django_capture_on_commit_callbacks(execute=True):
        remove(webbred, post)
    assert [(type(o), o.pk) for o in removed] == [(Post, post.pk)]


# --- refusals -----------------------------------------------------------------------------


def test_removing_twice_is_refused_with_a_clear_message(media, webbred, post):
    remove(webbred, post)
    with pytest.raises(AlreadyRemoved, match="redan borttaget") as caught:
        remove(webbred, post)
    assert "kan inte tas bort en gång till" in caught.value.messages[0]
    assert ArchiveRecord.objects.count() == 1


@pytest.mark.parametrize("who", ["author", "channel_owner", "anonymous"])
def test_only_webbredaktionen_removes_and_nothing_changes(
    media, who, employee, other_employee, post
):
    from django.contrib.auth.models import AnonymousUser

    actor = {"author": employee, "channel_owner": other_employee,
             "anonymous": AnonymousUser()}[who]
    with pytest.raises(PermissionDenied, match="Endast webbredaktionen"):
        remove(actor, post)
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.VISIBLE and post.body
    assert not ArchiveRecord.objects.exists()
    assert not ModelLogEntry.objects.filter(action="insidan.archive.remove").exists()


def test_a_reason_is_required(media, webbred, post):
    with pytest.raises(ValidationError, match="Skriv varför"):
        archive_then_remove(actor=webbred, item=post, reason="  ")
    assert not ArchiveRecord.objects.exists()


# --- failure at each step ---------------------------------------------------------------------


class Injected(Exception):
    pass


def _fail(*args, **kwargs):
    raise Injected("injected failure")


def _fail_record_creation(monkeypatch):
    monkeypatch.setattr(ArchiveRecord.objects, "create", _fail)


def _fail_attachment_copy(monkeypatch):
    """The file is already in archive storage when its row fails: it must be deleted again."""
    monkeypatch.setattr(ArchiveAttachment.objects, "create", _fail)


def _fail_storage(monkeypatch):
    monkeypatch.setattr(remove_module.default_storage, "save", _fail)


def _fail_child_archiving(monkeypatch):
    real = remove_module.write_record

    def fails_for_posts(**kwargs):
        if isinstance(kwargs["item"], Post):
            raise Injected("child")
        return real(**kwargs)

    monkeypatch.setattr(remove_module, "write_record", fails_for_posts)


def _fail_tombstone(monkeypatch):
    from collab.models import RoomDocument
    from forums.models import Discussion

    for model in (Post, Discussion, RoomDocument):
        monkeypatch.setattr(model, "apply_tombstone", _fail)


def _fail_audit_log(monkeypatch):
    monkeypatch.setattr(remove_module, "log", _fail)


def _fail_notification(monkeypatch):
    monkeypatch.setattr(remove_module.notify, "send", _fail)


STEPS = {
    "record": _fail_record_creation,
    "attachment_row": _fail_attachment_copy,
    "attachment_storage": _fail_storage,
    "child": _fail_child_archiving,
    "tombstone": _fail_tombstone,
    "audit_log": _fail_audit_log,
    "notification": _fail_notification,
}
CASES = [
    ("document", "record"), ("document", "attachment_row"), ("document", "attachment_storage"),
    ("document", "tombstone"), ("document", "audit_log"), ("document", "notification"),
    ("discussion", "record"), ("discussion", "child"), ("discussion", "tombstone"),
    ("discussion", "audit_log"), ("post", "tombstone"), ("post", "audit_log"),
]


def _state(item) -> tuple:
    item.refresh_from_db()
    text = getattr(item, "body", None) or getattr(item, "title", None)
    file_name = item.file.name if hasattr(item, "file") else None
    return item.moderation_state, item.moderation_reason, text, file_name


@pytest.mark.parametrize(("kind", "step"), CASES)
def test_failure_at_any_step_removes_nothing_and_leaves_no_file(
    request, media, webbred, monkeypatch, kind, step
):
    item = request.getfixturevalue(kind)
    children = list(item.posts.all()) if kind == "discussion" else []
    before = _state(item), [_state(child) for child in children]
    files_before = files_below(media)
    STEPS[step](monkeypatch)

    with pytest.raises(Injected):
        remove(webbred, item)

    assert (_state(item), [_state(child) for child in children]) == before
    assert before[0][0] == ModerationState.VISIBLE
    assert not ArchiveRecord.objects.exists() and not ArchiveAttachment.objects.exists()
    assert not ModelLogEntry.objects.filter(action="insidan.archive.remove").exists()
    assert files_below(media) == files_before  # no orphan copy; the original is still there
    if kind == "document":
        assert (media / item.file.name).read_bytes() == DOCUMENT_BYTES


# Skipped before any fixture runs: a transactional test's flush recreates content types, which
# the browser tests' serialized rollback would then insert a second time. serialized_rollback
# keeps this test's own flush from doing that on PostgreSQL.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_removals_archive_once(media, webbred, post):
    """Two members of Webbredaktionen remove the same post at the same moment, on two
    database connections: the row lock lets one through; the other is told it is removed."""
    import threading

    barrier, results = threading.Barrier(2), []

    def remove_in_own_connection():
        try:
            item = Post.objects.get(pk=post.pk)
            barrier.wait(timeout=10)
            remove(webbred, item)
            results.append("removed")
        except AlreadyRemoved:
            results.append("already removed")
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=remove_in_own_connection) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["already removed", "removed"]
    assert ArchiveRecord.objects.filter(object_type="forums.post",
                                        object_id=str(post.pk)).count() == 1
