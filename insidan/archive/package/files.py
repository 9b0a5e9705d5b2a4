"""Files written once, with size and SHA-256 computed on the way (never read back twice)."""

import hashlib
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path

CHUNK_SIZE = 1024 * 1024

# Our own files get fixed types; only attachments are guessed from their names.
_KNOWN_TYPES = {
    ".json": "application/json",
    ".html": "text/html",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class FileFacts:
    """What METS and PREMIS record about one file. ``path`` is POSIX, relative to the package."""

    path: str
    size: int
    sha256: str
    mimetype: str


# Paths for the many per-item files are plain strings: pathlib interns every path component,
# which would make memory grow with the number of files written.
StrPath = str | Path


def mimetype_for(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _KNOWN_TYPES:
        return _KNOWN_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


class HashingFile:
    """A binary file opened for writing whose size and SHA-256 follow every write.

    ``exclusive=True`` (the default) refuses to replace an existing file, which is how duplicate
    identifiers and attachment names are caught without remembering earlier items.
    """

    def __init__(self, path: StrPath, *, exclusive: bool = True):
        self._file = open(path, "xb" if exclusive else "wb")  # noqa: SIM115 - closed in close()
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self._file.write(data)
        self._hash.update(data)
        self.size += len(data)
        return len(data)

    def write_text(self, data: str) -> None:
        self.write(data.encode("utf-8"))

    def tell(self) -> int:
        return self.size

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "HashingFile":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def write_new_file(path: StrPath, data: bytes, relative: str) -> FileFacts:
    with HashingFile(path) as out:
        out.write(data)
    return FileFacts(relative, out.size, out.sha256, mimetype_for(relative))


def copy_new_file(source: StrPath, target: StrPath, relative: str) -> FileFacts:
    """Copy ``source`` to a new file, hashing while copying."""
    with open(source, "rb") as src, HashingFile(target) as out:
        while chunk := src.read(CHUNK_SIZE):
            out.write(chunk)
    return FileFacts(relative, out.size, out.sha256, mimetype_for(relative))


def sha256_of_file(path: StrPath) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as src:
        while chunk := src.read(CHUNK_SIZE):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
