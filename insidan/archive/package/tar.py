"""The package as one POSIX tar file, written member by member in constant memory."""

import os
import tarfile
from collections.abc import Iterator
from pathlib import Path

from .errors import PackageError
from .files import CHUNK_SIZE, HashingFile


def _walk(folder: Path, arcname: str) -> Iterator[tuple[str, str, os.stat_result, bool]]:
    """Every folder and file below ``folder`` with its name in the tar, without listing whole
    folders in memory (the data folder can hold a million files)."""
    yield str(folder), arcname, os.stat(folder), True
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(Path(entry.path), f"{arcname}/{entry.name}")
            elif entry.is_file(follow_symlinks=False):
                yield entry.path, f"{arcname}/{entry.name}", entry.stat(), False


def write_tar(folder: Path, arcroot: str, target: Path) -> tuple[int, str]:
    """A POSIX tar of ``folder`` named ``arcroot/``, hashed while written.

    Written member by member with TarInfo.tobuf rather than TarFile, which keeps a TarInfo
    per member in memory.
    """
    with HashingFile(target, exclusive=False) as out:
        for path, arcname, stat, is_dir in _walk(folder, arcroot):
            info = tarfile.TarInfo(arcname)
            info.mtime = int(stat.st_mtime)
            info.type = tarfile.DIRTYPE if is_dir else tarfile.REGTYPE
            info.mode = 0o755 if is_dir else 0o644
            info.size = 0 if is_dir else stat.st_size
            out.write(info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape"))
            if not is_dir:
                _append_member(out, path, info.size)
        out.write(b"\0" * (2 * tarfile.BLOCKSIZE))
        out.write(b"\0" * (-out.size % tarfile.RECORDSIZE))
    return out.size, out.sha256


def _append_member(out: HashingFile, path: str, size: int) -> None:
    copied = 0
    with open(path, "rb") as src:
        while copied < size and (chunk := src.read(min(CHUNK_SIZE, size - copied))):
            out.write(chunk)
            copied += len(chunk)
    if copied != size:
        raise PackageError(f"Filen {path} ändrades medan paketet skrevs.")
    out.write(b"\0" * (-size % tarfile.BLOCKSIZE))
