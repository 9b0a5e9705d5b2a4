"""Reading a package back: its items, and a check that it is whole and unchanged.

Both read the METS documents as a stream (iterparse, forgetting each file entry once read),
so a package with a million files is read in constant memory, except that ``verify_package``
keeps the set of listed paths to find files that METS does not list.
"""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .errors import PackageError
from .files import sha256_of_file
from .mets import METS_NS, XLINK_NS

_FILE_GROUP = f"{{{METS_NS}}}fileGrp"
_FILE = f"{{{METS_NS}}}file"
_LOCATION = f"{{{METS_NS}}}FLocat"
_MD_REF = f"{{{METS_NS}}}mdRef"
_HREF = f"{{{XLINK_NS}}}href"


@dataclass(frozen=True)
class MetsEntry:
    """A file that a METS document lists. ``path`` is POSIX, relative to the package root."""

    path: str
    size: int | None
    checksum: str
    checksum_type: str
    group: str  # the fileGrp USE, or "metadata" for an mdRef


def read_package(folder: Path) -> Iterator[dict]:
    """Yield each item's JSON, in the order the representation METS lists them."""
    folder = Path(folder)
    for entry in _package_entries(folder):
        parts = PurePosixPath(entry.path).parts
        is_item = len(parts) == 4 and parts[0] == "representations" and parts[2] == "data"
        if not (is_item and parts[3].endswith(".json")):
            continue
        try:
            with open(folder / entry.path, encoding="utf-8") as source:
                yield json.load(source)
        except (OSError, ValueError) as exc:
            raise PackageError(f"Posten {entry.path} i paketet går inte att läsa: {exc}.") from exc


def verify_package(folder: Path) -> list[str]:
    """Problems found, in Swedish; an empty list means the package is whole.

    Every file in METS must exist with its recorded size and SHA-256, and every file in the
    folder except the root METS.xml must be listed in METS.
    """
    folder = Path(folder)
    problems: list[str] = []
    listed: set[str] = set()
    try:
        for entry in _package_entries(folder):
            listed.add(entry.path)
            problem = _check_entry(folder, entry)
            if problem:
                problems.append(problem)
    except PackageError as exc:
        return [*problems, str(exc)]
    problems += [
        f"Filen {path} finns i paketet men inte i METS."
        for path in _all_files(folder)
        if path != "METS.xml" and path not in listed
    ]
    return problems


def _package_entries(folder: Path) -> Iterator[MetsEntry]:
    """Entries of the root METS, each representation METS followed by its own entries."""
    root_mets = folder / "METS.xml"
    if not root_mets.is_file():
        raise PackageError(f"Paketet {folder} saknar METS.xml.")
    for entry in _mets_entries(root_mets, ""):
        yield entry
        if entry.group.startswith("Representations") and entry.path.endswith("/METS.xml"):
            rep_mets = folder / entry.path
            if rep_mets.is_file():  # a missing one is reported by the caller's check
                yield from _mets_entries(rep_mets, str(PurePosixPath(entry.path).parent))


def _mets_entries(mets_path: Path, base: str) -> Iterator[MetsEntry]:
    stack: list[Element] = []
    group = ""
    try:
        for event, element in iterparse(str(mets_path), ("start", "end"), forbid_dtd=True):
            if event == "start":
                stack.append(element)
                if element.tag == _FILE_GROUP:
                    group = element.get("USE", "")
                continue
            stack.pop()
            if element.tag == _FILE:
                location = element.find(_LOCATION)
                href = location.get(_HREF) if location is not None else None
                yield _entry(base, href, element, group)
                del stack[-1][:]  # forget the entries already read
            elif element.tag == _MD_REF:
                yield _entry(base, element.get(_HREF), element, "metadata")
    except (ParseError, DefusedXmlException) as exc:
        raise PackageError(f"{mets_path} går inte att läsa som METS: {exc}.") from exc


def _entry(base: str, href: str | None, element: Element, group: str) -> MetsEntry:
    size = element.get("SIZE")
    return MetsEntry(
        path=_resolve(base, href),
        size=int(size) if size and size.isdigit() else None,
        checksum=element.get("CHECKSUM", ""),
        checksum_type=element.get("CHECKSUMTYPE", ""),
        group=group,
    )


def _resolve(base: str, href: str | None) -> str:
    """A METS href as a package-relative path; anything that could leave the package is refused."""
    split = urlsplit(href or "")
    relative = PurePosixPath(unquote(split.path))
    if not href or split.scheme or split.netloc or relative.is_absolute() or ".." in relative.parts:
        raise PackageError(f"METS pekar på en otillåten sökväg: {href!r}.")
    return str(PurePosixPath(base, relative)) if base else str(relative)


def _check_entry(folder: Path, entry: MetsEntry) -> str | None:
    path = folder / entry.path
    if not path.is_file():
        return f"Filen {entry.path} finns i METS men saknas i paketet."
    if entry.checksum_type.upper() != "SHA-256":
        return (
            f"Filen {entry.path} har kontrollsumma av typen {entry.checksum_type!r}, inte SHA-256."
        )
    size, sha256 = sha256_of_file(path)
    if entry.size != size:
        return f"Filen {entry.path} är {size} byte, men METS anger {entry.size}."
    if sha256 != entry.checksum.lower():
        return f"Filen {entry.path} har SHA-256 {sha256}, men METS anger {entry.checksum}."
    return None


def _all_files(folder: Path, prefix: str = "") -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                yield from _all_files(Path(entry.path), f"{relative}/")
            else:
                yield relative
