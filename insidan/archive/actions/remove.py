"""archive_then_remove: the only way the application removes anything a user wrote.

The guideline ("Regler för när ett inlägg ska tas bort", "Kommunens ansvar"): save the item and
all information about it before it is unpublished; removed items and their metadata are public
records; tell the author why, with a link to the rules.
"""

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.search import index

from insidan.core.models import ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.text import as_sentence
from insidan.core.usertext import TEXT_MAX_LENGTH, clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event

from ..archivable import Archivable, ArchiveDescription
from ..models import ArchiveAttachment, ArchiveRecord, LegalHold
from ..serialize import channel_summary, person

logger = logging.getLogger(__name__)

RULES_URL = "/regler/"


def removal_notice(label: str, reason: str) -> str:
    """What the author is told when Webbredaktionen removes their content; the rules' link is
    whole, since the text is also e-mailed."""
    return _("Webbredaktionen har tagit bort ditt innehåll ”%(label)s”. Skäl: %(reason)s "
             "Läs reglerna för sociala funktioner: %(rules)s") % {
        "label": label, "reason": as_sentence(reason), "rules": notify.absolute_url(RULES_URL)}


def edit_notice(label: str, reason: str) -> str:
    """What the author is told when Webbredaktionen edits their content."""
    return _("Webbredaktionen har ändrat ditt innehåll ”%(label)s”. Skäl: %(reason)s "
             "Läs reglerna för sociala funktioner: %(rules)s") % {
        "label": label, "reason": as_sentence(reason), "rules": notify.absolute_url(RULES_URL)}

# Files copied into archive storage by the removals running in the current outermost
# `files_removed_on_failure` block: if that block fails, its transaction rolls the records
# back, and these files would otherwise be left behind with no record pointing at them.
_copied_in_block: ContextVar[list[str] | None] = ContextVar("archive_copied", default=None)


class AlreadyRemoved(ValidationError):
    pass


# Kept for callers that imported them from here.
_person = person
_channel = channel_summary


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Delete the archive files copied inside this block if the block fails.

    archive_then_remove uses it; wrap your own transaction in it too when you call
    archive_then_remove (or write_record) inside it and something after may still fail, so
    that a rollback leaves no orphan file. Nested blocks report to the outermost one.
    """
    outer = _copied_in_block.get()
    copied: list[str] = []
    token = _copied_in_block.set(copied)
    try:
        yield copied
    except BaseException:
        for path in copied:
            try:
                default_storage.delete(path)
            except OSError:
                logger.exception("Kunde inte ta bort arkivfilen %s efter ett fel.", path)
        raise
    else:
        if outer is not None:
            outer.extend(copied)
    finally:
        _copied_in_block.reset(token)


def _copy_attachment(record: ArchiveRecord, name: str, source, copied: list[str]) -> None:
    digest = hashlib.sha256()
    source.open("rb")
    try:
        for chunk in source.chunks():
            digest.update(chunk)
        source.seek(0)
        stored = default_storage.save(f"archive/{record.uuid}/{name}", File(source, name=name))
    finally:
        source.close()
    copied.append(stored)
    block = _copied_in_block.get()
    if block is not None and block is not copied:
        block.append(stored)
    ArchiveAttachment.objects.create(
        record=record, name=name, file=stored, sha256=digest.hexdigest(),
        size=default_storage.size(stored),
    )


def write_record(
    *, actor, item, description: ArchiveDescription, reason: str, decision: dict | None,
    reports: list[dict], parent: ArchiveRecord | None, at, copied: list[str],
) -> ArchiveRecord:
    """Write one archive record (and copy its attachments) without touching the item: used by
    removal below, and by decisions that keep the item but must archive it first (an editorial
    edit keeps the earlier version; an escalation holds the item for the city lawyer). Call it
    inside the caller's transaction; `copied` collects stored file paths for cleanup."""
    author = person(description.author)
    channel = channel_summary(description.channel)
    record = ArchiveRecord.objects.create(
        object_type=item._meta.label_lower,
        object_id=str(item.pk),
        object_label=description.label[:300],
        url=description.url,
        content_text=description.content_text,
        content_html=description.content_html,
        author_username=author["username"],
        author_name=author["name"],
        author_title=author["title"],
        author_department=author["department"],
        created_at=description.created_at,
        edited_at=description.edited_at,
        channel_label=f"{channel.get('kind', '')}: {channel.get('name', '')}".strip(": "),
        channel_owner=channel.get("owner", {}).get("name", ""),
        data={
            "author": author,
            "channel": channel,
            "versions": description.versions,
            "thread_context": description.thread_context,
            "reports": reports,
            "decision": decision or {},
            "extra": description.extra,
        },
        reason=reason,
        removed_by_username=actor.get_username(),
        removed_by_name=actor.get_full_name() or actor.get_username(),
        removed_at=at,
        parent=parent,
    )
    for name, source in description.attachments:
        if source:
            _copy_attachment(record, name, source, copied)
    return record


def lock_item(item):
    """The item's row, locked until the transaction ends, so that two removals of the same
    item run one after the other (the second is then refused). Only the item's own table is
    locked: PostgreSQL cannot lock the nullable side of the outer joins some default managers
    add (comments select their user)."""
    return (type(item)._default_manager.select_related(None)
            .select_for_update(of=("self",)).get(pk=item.pk))


def _archive_and_tombstone(*, actor, item, reason, decision, reports, parent, at, copied):
    """Archive one item and what goes with it, then tombstone them. Returns the record."""
    locked = lock_item(item)
    if locked.moderation_state == ModerationState.REMOVED:
        raise AlreadyRemoved(
            _("Innehållet är redan borttaget (%(when)s) och finns i arkivet. Det kan inte tas "
              "bort en gång till.")
            % {"when": formats.date_format(timezone.localtime(locked.moderation_changed_at),
                                           "SHORT_DATETIME_FORMAT")
               if locked.moderation_changed_at else _("tidigare")},
            code="already_removed",
        )
    description = locked.archive_description()
    record = write_record(
        actor=actor, item=locked, description=description, reason=reason, decision=decision,
        reports=reports, parent=parent, at=at, copied=copied,
    )
    for child in description.children:
        if child.moderation_state != ModerationState.REMOVED:
            _archive_and_tombstone(
                actor=actor, item=child, reason=reason, decision=decision, reports=[],
                parent=record, at=at, copied=copied,
            )
    locked.apply_tombstone(reason=reason, at=at)
    log(locked, "insidan.archive.remove", user=actor, data={"archive_record": str(record.uuid),
                                                           "reason": reason})
    # robust: the removal has committed; a search backend that is down must not turn it into
    # an error page. The stale index entry shows nothing: search checks visibility per query.
    transaction.on_commit(lambda: index.remove_object(locked), robust=True)
    return record, description


def archive_then_remove(
    *,
    actor,
    item: Archivable,
    reason: str,
    decision: dict | None = None,
    reports: list[dict] | None = None,
    notify_author: bool = True,
) -> ArchiveRecord:
    """Write the archive record, then replace the item with its tombstone, in one transaction.

    Only Webbredaktionen removes (the guideline: it decides, with the channel's owner). If any
    part of writing the record fails, nothing is removed and the error propagates; files already
    copied into archive storage are deleted again so no orphan is left.
    """
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan ta bort innehåll."))
    reason = clean_user_text(reason, max_length=TEXT_MAX_LENGTH,
                             empty_message=_("Skriv varför innehållet tas bort."))
    with files_removed_on_failure() as copied, transaction.atomic():
        record, description = _archive_and_tombstone(
            actor=actor, item=item, reason=reason, decision=decision,
            reports=reports or [], parent=None, at=timezone.now(), copied=copied,
        )
        if notify_author and description.author is not None:
            # The notice is about the author's own profile: a removed item is visible to
            # nobody, and notifications about what one cannot see are never shown or e-mailed.
            notify.send(
                event=Event.CONTENT_REMOVED,
                recipients=[description.author],
                actor=actor,
                target=getattr(description.author, "profile", None) or item,
                message=lambda: removal_notice(description.label, reason),
                url=RULES_URL,
            )
    item.refresh_from_db()
    return record


def set_legal_hold(*, actor, record: ArchiveRecord, lawyer: str, reason: str) -> LegalHold:
    """Mark an archive record as held for the city lawyer (escalation of a report case). The
    hold is a row of its own: the record itself is never touched."""
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan begära rättslig prövning."))
    missing = _("Ange stadsjuristens namn och skälet.")
    lawyer = clean_user_text(lawyer, max_length=300, multiline=False, empty_message=missing)
    reason = clean_user_text(reason, max_length=TEXT_MAX_LENGTH, empty_message=missing)
    with transaction.atomic():
        hold = LegalHold.objects.create(
            record=record, set_by=actor.get_full_name() or actor.get_username(),
            lawyer=lawyer, reason=reason,
        )
        log(record, "insidan.archive.legal_hold", user=actor, data={"lawyer": hold.lawyer})
    return hold
