"""Room documents: upload, "still current?" and removal (archived first, never deleted)."""

import hashlib
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.archive.actions import archive_then_remove, write_record
from insidan.archive.models import ArchiveRecord
from insidan.core.permissions import is_webbredaktionen
from insidan.core.personal_data import scan
from insidan.core.usertext import check_characters, clean_user_text

from ..files import check_file, room_quota_bytes
from ..models import Room, RoomDocument
from ..permissions import can_remove_document, can_upload_document
from ..selectors import room_storage_used
from ._common import lock, require_manager


def _sha256(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def _refuse_personal_data_in_name(name: str) -> None:
    """The original file name is shown in the list and kept in the archive: it is checked like
    the title, also when a title was given ("Intyg_811218-9876.pdf"); underscores and dots
    that separate words in file names count as spaces."""
    stem = os.path.splitext(name)[0]
    refused = [f for text in (name, stem.replace("_", " ").replace(".", " "))
               for f in scan(text).refusals]
    if refused:
        raise ValidationError(
            [_("Filnamnet: %(reason)s") % {"reason": refused[0].message}],
            code="personal_data")


def upload_document(*, actor, room: Room, uploaded_file, title: str = "") -> RoomDocument:
    """Members upload current documents: the size limit, the allow-list (by content) and the
    room's quota hold for every caller."""
    if not can_upload_document(actor, room):
        raise PermissionDenied(_("Endast medlemmar i rummet kan ladda upp dokument."))
    checked = check_file(uploaded_file)
    original_name = os.path.basename(uploaded_file.name)[-255:]
    check_characters(original_name)
    title = clean_user_text(title or os.path.splitext(original_name)[0], label=_("rubrik"),
                            max_length=200, multiline=False)
    _refuse_personal_data_in_name(original_name)
    stored: list[str] = []
    try:
        with transaction.atomic():
            room = lock(room)
            used, quota = room_storage_used(room), room_quota_bytes()
            if used + uploaded_file.size > quota:
                raise ValidationError(
                    _("Rummet har inte plats för filen: %(used)s av %(quota)s används. Ta bort "
                      "dokument som inte längre är aktuella.")
                    % {"used": filesizeformat(used), "quota": filesizeformat(quota)},
                    code="quota",
                )
            now = timezone.now()
            document = RoomDocument(
                room=room, uploaded_by=actor, title=title, original_name=original_name,
                content_type=checked.content_type, size=uploaded_file.size,
                sha256=_sha256(uploaded_file), uploaded_at=now, confirmed_current_at=now,
            )
            document.file.save(original_name, uploaded_file, save=False)
            stored.append(document.file.name)
            document.save()
            room.last_activity_at = now
            room.save(update_fields=["last_activity_at"])
            log(document, "insidan.room.upload_document", user=actor,
                data={"room": room.slug, "size": document.size, "sha256": document.sha256})
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    return document


def keep_document(*, actor, document: RoomDocument) -> RoomDocument:
    """The owner's answer "yes, still current" to the yearly question."""
    require_manager(actor, document.room, _("Endast rummets ägare kan bekräfta dokument."))
    with transaction.atomic():
        document.confirmed_current_at = timezone.now()
        document.save(update_fields=["confirmed_current_at"])
        log(document, "insidan.room.keep_document", user=actor)
    return document


def remove_document(*, actor, document: RoomDocument, reason: str) -> ArchiveRecord:
    """Archive the document (with the file and its SHA-256), then leave a tombstone.

    Webbredaktionen removes through archive_then_remove, which also tells the uploader why.
    The uploader and the room's owner and deputies remove documents that are no longer current
    (the guideline: a room is not a file store); that goes through the same archive record."""
    if not can_remove_document(actor, document):
        raise PermissionDenied(_("Du kan inte ta bort det här dokumentet."))
    reason = clean_user_text(reason, label=_("skäl"), max_length=1000)
    if is_webbredaktionen(actor):
        return archive_then_remove(actor=actor, item=document, reason=reason)
    copied: list[str] = []
    try:
        with transaction.atomic():
            locked = RoomDocument.objects.select_for_update().get(pk=document.pk)
            if locked.is_removed:
                raise ValidationError(_("Dokumentet är redan borttaget."))
            now = timezone.now()
            record = write_record(
                actor=actor, item=locked, description=locked.archive_description(),
                reason=reason, decision={"removed_by": "room", "role": _role(actor, locked)},
                reports=[], parent=None, at=now, copied=copied,
            )
            locked.apply_tombstone(reason=reason, at=now)
            log(locked, "insidan.room.remove_document", user=actor,
                data={"archive_record": str(record.uuid), "reason": reason})
    except Exception:
        for path in copied:
            default_storage.delete(path)
        raise
    document.refresh_from_db()
    return record


def _role(actor, document: RoomDocument) -> str:
    if document.room.owner_id == actor.pk:
        return "owner"
    if document.uploaded_by_id == actor.pk:
        return "uploader"
    return "deputy"
