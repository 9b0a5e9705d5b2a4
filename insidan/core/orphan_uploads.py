"""Uploaded files whose database row never committed.

An upload is written to storage before the transaction that records it commits (Django saves
a FileField's file during the row's save). If the process dies in between, or the
transaction rolls back without cleaning up, the file stays with no row pointing at it: a
room document or a photo that nobody can see, find, archive or remove, and that may carry
personal data. `sweep_orphan_uploads` deletes such files.

The invariants:
- only the upload folders in `SWEPT_FOLDERS` are looked at; the archive's folders
  (`archive/`, the packages under ARCHIVE_ROOT, wherever it lies in MEDIA_ROOT) never are —
  removed items are public records;
- a file is deleted only if no row of any model refers to it (every FileField of every
  installed model is asked, so an archive attachment pointing at a file keeps it even if it
  lay in a swept folder), and
- only if it is older than `MIN_AGE`: an upload whose transaction is still running has a
  file and, for a moment, no committed row.

The platform knows no content app (DESIGN rule 9): the rows are found through the installed
models' FileFields, and the folders are named here because they are where the uploads go
(collab's room documents; Wagtail's images, which hold profile photos and channel images,
and their renditions).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)

SWEPT_FOLDERS = ("rooms", "original_images", "images")
NEVER_SWEPT = ("archive", "archive-packages")
MIN_AGE = timedelta(hours=1)
BATCH = 500


def _never_swept() -> set[str]:
    """NEVER_SWEPT, and the top folder of ARCHIVE_ROOT when it lies inside MEDIA_ROOT."""
    from insidan.archive.conf import archive_root

    never = set(NEVER_SWEPT)
    try:
        inside = Path(archive_root()).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    except ValueError:
        return never
    return never | {inside.parts[0]} if inside.parts else never | set(SWEPT_FOLDERS)


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    try:
        subfolders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in subfolders:
        yield from _walk(storage, f"{folder}/{sub}")


def _file_fields() -> list[tuple[type[models.Model], str]]:
    return [(model, field.attname) for model in apps.get_models()
            for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _referenced(names: list[str]) -> set[str]:
    """The names among `names` that some row refers to."""
    found: set[str] = set()
    for model, attname in _file_fields():
        found.update(model._base_manager.filter(**{f"{attname}__in": names})
                     .values_list(attname, flat=True))
    return found


def _batches(items: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def find_orphans(*, storage: Storage = default_storage, now: datetime | None = None,
                 folders: Iterable[str] = SWEPT_FOLDERS) -> list[str]:
    """The files in `folders` older than MIN_AGE that no row refers to."""
    cutoff = (now or timezone.now()) - MIN_AGE
    never = _never_swept()
    folders = [f for f in folders if f.split("/")[0] not in never]
    old = (name for folder in folders for name in _walk(storage, folder)
           if storage.get_modified_time(name) < cutoff)
    orphans: list[str] = []
    for batch in _batches(old):
        referenced = _referenced(batch)
        orphans += [name for name in batch if name not in referenced]
    return orphans


def sweep_orphans(*, storage: Storage = default_storage, now: datetime | None = None,
                  dry_run: bool = False) -> list[str]:
    """Delete the orphaned uploads (see the module's invariants); returns their names."""
    orphans = find_orphans(storage=storage, now=now)
    if not dry_run:
        for name in orphans:
            storage.delete(name)
            logger.info("Removed the orphaned upload %s (no row refers to it).", name)
    return orphans
