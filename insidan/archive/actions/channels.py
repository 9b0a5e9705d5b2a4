"""archive_channel: decommissioning a room, a forum or one discussion archives everything in it
as one archive package before the channel is removed (the guideline, section 8: "Dessförinnan
arkiveras ... enligt rutiner fastlagda av stadsarkivet").

Everything happens in one transaction: each item gets its archive record and its tombstone
(archive_then_remove, without telling each author), the channel is marked archived, and the
package is written from those records, so the package holds exactly what was removed. If any
step fails, the transaction rolls back, the archive files copied so far are deleted and a
package already written is removed: nothing is removed, nothing half-done is left.
"""

from importlib import import_module

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from insidan.core.models import Channel, ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.usertext import TEXT_MAX_LENGTH, clean_user_text

from ..conf import archive_root
from ..models import Snapshot, SnapshotKind
from ..package import PackageItem
from ..selectors import items_to_remove, records_for_channel, sub_channels
from ..serialize import (
    channel_package_items,
    identifier_for,
    json_ready,
    record_package_items,
)
from ._packages import discard_package, package_id, write_package
from .remove import archive_then_remove, files_removed_on_failure, lock_item

CHUNK_SIZE = 500


def _optional(module: str, name: str):
    """A function another app may provide (the moderation app's case selectors)."""
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _count(found) -> int:
    return found.count() if isinstance(found, QuerySet) else len(list(found or ()))


def _refuse_while_cases_open(channel: Model) -> None:
    """The issue: a decommission while a report case on the channel is open is refused until
    the case is decided (its item might be removed with a reason of its own)."""
    open_cases_for_channel = _optional("insidan.moderation.selectors", "open_cases_for_channel")
    if open_cases_for_channel is None:
        return
    count = _count(open_cases_for_channel(channel))
    if count:
        raise ValidationError(
            ngettext(
                "Det finns %(count)s öppet anmälningsärende om innehåll här. Besluta om det "
                "innan kanalen arkiveras och avvecklas.",
                "Det finns %(count)s öppna anmälningsärenden om innehåll här. Besluta om dem "
                "innan kanalen arkiveras och avvecklas.",
                count,
            ) % {"count": count},
            code="open_cases",
        )


def _is_discussion(channel: Model) -> bool:
    return channel._meta.label_lower == "forums.discussion"


def _refuse_if_archived(channel: Model) -> None:
    if _is_discussion(channel):
        if channel.moderation_state == ModerationState.REMOVED:
            raise ValidationError(_("Diskussionen är redan arkiverad och borttagen."),
                                  code="archived")
        return
    if channel.status == ChannelStatus.ARCHIVED:
        when = getattr(channel, "archived_at", None)
        raise ValidationError(
            _("Kanalen är redan arkiverad%(when)s.") % {
                "when": " " + formats.date_format(timezone.localtime(when), "SHORT_DATE_FORMAT")
                if when else ""
            },
            code="archived",
        )


def _mark_archived(channel: Channel, at) -> None:
    channel.status = ChannelStatus.ARCHIVED
    fields = ["status"]
    if hasattr(channel, "archived_at"):
        channel.archived_at = at
        fields.append("archived_at")
    channel.save(update_fields=fields)


def _presentations(channel: Model) -> list[Channel]:
    """Channel presentations that go into the package: the channel and its sub-channels, or
    for a discussion, the forum it was in (as context; the forum stays)."""
    if _is_discussion(channel):
        return [channel.forum]
    return [channel, *sub_channels(channel)]


def _reports_item(channel: Model) -> PackageItem | None:
    """Every report on content in the channel, if the moderation app lists them."""
    reports_for_channel = _optional("insidan.moderation.selectors", "reports_for_channel")
    if reports_for_channel is None:
        return None
    reports = json_ready({"reports": list(reports_for_channel(channel))})["reports"]
    data = {"title": _("Anmälningar om innehåll i kanalen"), "reports": reports}
    return PackageItem.build(identifier=identifier_for(channel, "-anmalningar"), data=data)


def _package_items(channel: Model):
    yield from channel_package_items(_presentations(channel))
    yield from record_package_items(records_for_channel(channel).iterator(chunk_size=CHUNK_SIZE))
    reports = _reports_item(channel)
    if reports is not None:
        yield reports


def _label(channel: Model) -> str:
    if _is_discussion(channel):
        return _("Kanalarkiv: diskussionen ”%(title)s” i forumet %(forum)s") % {
            "title": channel.title, "forum": channel.forum.name}
    return _("Kanalarkiv: %(kind)s %(name)s") % {"kind": channel.kind.label, "name": channel.name}


def archive_channel(*, actor, channel: Model, reason: str) -> Snapshot:
    """Archive a room (with its forum, members and documents), a forum, or one discussion as
    one archive package, archive and tombstone every item in it, and mark the channel
    archived. Returns the package's register entry (a Snapshot of kind "channel").

    Webbredaktionen only (the guideline: the owner asks, Webbredaktionen removes). Refused
    while a report case on the channel is open, and for a channel already archived.
    """
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan arkivera och avveckla kanaler."))
    reason = clean_user_text(reason, max_length=TEXT_MAX_LENGTH,
                             empty_message=_("Skriv varför kanalen arkiveras och avvecklas."))
    _refuse_while_cases_open(channel)
    written: list = []
    try:
        with files_removed_on_failure(), transaction.atomic():
            snapshot = _archive_locked(actor=actor, channel=channel, reason=reason,
                                       written=written)
    except BaseException:
        for result in written:  # a package whose removals were rolled back
            discard_package(result)
        raise
    channel.refresh_from_db()
    return snapshot


def _archive_locked(*, actor, channel: Model, reason: str, written: list) -> Snapshot:
    """The steps of archive_channel, inside its transaction; `written` gets the package."""
    at = timezone.now()
    locked = lock_item(channel)
    _refuse_if_archived(locked)
    for item in list(items_to_remove(locked)):
        archive_then_remove(actor=actor, item=item, reason=reason, notify_author=False)
    if not _is_discussion(locked):
        for archived in [locked, *sub_channels(locked)]:
            _mark_archived(archived, at)
    kind, slug = ("diskussion", str(locked.pk)) if _is_discussion(locked) else (
        str(locked.kind), locked.slug)
    label = _label(locked)
    result = write_package(
        out_dir=archive_root() / "channels", package_id=package_id("kanalarkiv", kind, slug, at=at),
        label=label, items=_package_items(locked), note=reason,
    )
    written.append(result)
    snapshot = Snapshot.objects.create(
        package_id=result.folder.name, kind=SnapshotKind.CHANNEL, reason=reason,
        channel_label=label, created_at=at,
        created_by=actor.get_full_name() or actor.get_username(),
        created_by_username=actor.get_username(), path=str(result.tar_path),
        folder=str(result.folder), size=result.size_bytes, sha256=result.sha256_of_tar,
        item_count=result.item_count,
    )
    log(locked, "insidan.archive.channel", user=actor,
        data={"package": snapshot.package_id, "sha256": snapshot.sha256, "reason": reason})
    return snapshot
