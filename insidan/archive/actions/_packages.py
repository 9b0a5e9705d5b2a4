"""Shared by the actions that write archive packages: names, the writer's fixed arguments, and
removing a package whose register entry could not be written."""

import logging
import secrets
import shutil
from collections.abc import Iterable
from datetime import UTC
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from ..conf import SOFTWARE_NAME, organisation, software_version
from ..package import PackageItem, PackageResult, write_sip

logger = logging.getLogger(__name__)


def package_id(prefix: str, *parts: str, at=None, unique: bool = True) -> str:
    """``insidan-<prefix>-<parts>-<UTC time>-<random>``: sortable, unique, safe as a name."""
    at = at or timezone.now()
    pieces = ["insidan", prefix, *(slugify(p)[:60] for p in parts if p)]
    if unique:
        pieces += [at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"), secrets.token_hex(3)]
    return "-".join(pieces)


def write_package(
    *, out_dir: Path, package_id: str, label: str, items: Iterable[PackageItem], note: str
) -> PackageResult:
    return write_sip(
        out_dir=out_dir, package_id=package_id, label=label, items=items,
        software_name=SOFTWARE_NAME, software_version=software_version(),
        organisation=organisation(), note=note,
    )


def discard_package(result: PackageResult | None) -> None:
    """Remove a whole package again: its register entry (a Snapshot row) could not be written,
    and a package nobody knows of must not sit in the archive folder looking official."""
    if result is None:
        return
    try:
        shutil.rmtree(result.folder, ignore_errors=True)
        result.tar_path.unlink(missing_ok=True)
    except OSError:
        logger.exception("Kunde inte ta bort arkivpaketet %s efter ett fel.", result.folder)
