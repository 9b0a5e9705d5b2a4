"""Snapshots (ögonblicksbilder): all social content as it is now, as one archive package.

The guideline (section 5): at least twice a year, in April and September, at the same times
every year and with the same technique, plus extra snapshots at major changes or events. The
scheduled ones run through django-tasks (`archive_snapshot_if_due`, daily); Webbredaktionen
starts extra ones from the admin with a note of why; `manage.py archive_snapshot` writes one
from the command line.

Items are streamed from the database (`.iterator(chunk_size=...)`) straight into the package
writer, so memory stays flat however much content there is.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.permissions import is_webbredaktionen
from insidan.core.usertext import clean_user_text

from ..conf import archive_root, snapshot_months
from ..models import Snapshot, SnapshotKind
from ..selectors import archive_queryset, channel_content, content_models, sub_channels
from ..serialize import channel_package_items, live_package_items
from ._packages import discard_package, package_id, write_package

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
REASON_MAX_LENGTH = 2000


def snapshot_items(channel=None):
    """Every item of social content, or of one channel, streamed one at a time."""
    if channel is None:
        for model in content_models():
            yield from live_package_items(archive_queryset(model).iterator(chunk_size=CHUNK_SIZE))
        return
    yield from channel_package_items([channel, *sub_channels(channel)])
    for queryset in channel_content(channel):
        optimised = archive_queryset(queryset.model, queryset)
        yield from live_package_items(optimised.iterator(chunk_size=CHUNK_SIZE))


def current_period(now=None) -> str:
    return timezone.localtime(now or timezone.now()).strftime("%Y-%m")


def due_period(now=None) -> str | None:
    """The period ("2025-04") a scheduled snapshot is due for now, or None: the month is one
    of ARCHIVE_SNAPSHOT_MONTHS and this month's scheduled snapshot is not yet taken."""
    local = timezone.localtime(now or timezone.now())
    if local.month not in snapshot_months():
        return None
    period = current_period(local)
    if Snapshot.objects.filter(kind=SnapshotKind.SCHEDULED, period=period).exists():
        return None
    return period


def next_scheduled_period(now=None) -> str:
    """The next scheduled snapshot's month ("2027-04"): this month's if it is due and not yet
    taken, else the next of ARCHIVE_SNAPSHOT_MONTHS."""
    local = timezone.localtime(now or timezone.now())
    due = due_period(local)
    if due:
        return due
    months = sorted(snapshot_months())
    later = [m for m in months if m > local.month]
    year, month = (local.year, later[0]) if later else (local.year + 1, months[0])
    return f"{year}-{month:02d}"


def _clean_reason(reason: str) -> str:
    return clean_user_text(reason, max_length=REASON_MAX_LENGTH,
                           empty_message=_("Skriv varför ögonblicksbilden tas."),
                           too_long_message=_("Anledningen får vara högst %(max)s tecken."))


def _label(kind: str, at, channel) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        month = formats.date_format(timezone.localtime(at), "F Y")
        what = _("Ögonblicksbild") if kind == SnapshotKind.SCHEDULED else _("Extra ögonblicksbild")
        if channel is not None:
            return f"{what}: {channel.kind.label} {channel.name}, {month}"
        return f"{what} av Insidans sociala funktioner, {month}"


def _who(actor, kind: str) -> tuple[str, str]:
    if actor is not None:
        return actor.get_full_name() or actor.get_username(), actor.get_username()
    if kind == SnapshotKind.SCHEDULED:
        return _("Schemalagt jobb"), ""
    return _("Kommandoraden"), ""


def take_snapshot(
    *, actor, reason: str, kind: str = SnapshotKind.EXTRA, out_dir: Path | None = None,
    channel=None, period: str = "",
) -> Snapshot:
    """Write a snapshot package and enter it in the register (a Snapshot row).

    `actor` is the member of Webbredaktionen who asked for it, or None when the system runs it
    (the schedule, the command line). Raises PackageError with a message for people when the
    folder cannot be written (not writable, disk full): nothing is then left in the folder
    under the package's name. If the register entry cannot be written, the package is removed.
    """
    if actor is not None and not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan ta ögonblicksbilder."))
    reason = _clean_reason(reason)
    if kind == SnapshotKind.SCHEDULED and not period:
        period = current_period()
    at = timezone.now()
    if kind == SnapshotKind.SCHEDULED and channel is None:
        name = package_id("ogonblicksbild", period, unique=False)
    else:
        name = package_id("ogonblicksbild", channel.slug if channel else "", at=at)
    label = _label(kind, at, channel)
    result = write_package(
        out_dir=Path(out_dir) if out_dir else archive_root() / "snapshots",
        package_id=name, label=label, items=snapshot_items(channel), note=reason,
    )
    try:
        with transaction.atomic():
            snapshot = _register(actor=actor, result=result, kind=kind, period=period,
                                 reason=reason, channel=channel, at=at)
    except BaseException:
        discard_package(result)
        raise
    return snapshot


def _register(*, actor, result, kind: str, period: str, reason: str, channel, at) -> Snapshot:
    """The package's entry in the register of archive packages, and the audit log."""
    created_by, username = _who(actor, kind)
    snapshot = Snapshot.objects.create(
        package_id=result.folder.name, kind=kind, period=period, reason=reason,
        channel_label=f"{channel.kind.label}: {channel.name}" if channel else "",
        created_at=at, created_by=created_by, created_by_username=username,
        path=str(result.tar_path), folder=str(result.folder), size=result.size_bytes,
        sha256=result.sha256_of_tar, item_count=result.item_count,
    )
    log(snapshot, "insidan.archive.snapshot", user=actor,
        data={"package": snapshot.package_id, "kind": kind, "sha256": result.sha256_of_tar,
              "items": result.item_count, "reason": reason})
    return snapshot


def start_extra_snapshot(*, actor, reason: str):
    """Webbredaktionen's extra snapshot (at a major change or event), started from the admin.

    Checks permission and the reason here, then runs as a background task (django-tasks): with
    the immediate backend it has finished when this returns. Returns the task result.
    """
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan ta ögonblicksbilder."))
    reason = _clean_reason(reason)
    from ..tasks import take_extra_snapshot

    return take_extra_snapshot.enqueue(actor_id=actor.pk, reason=reason)
