"""Writing an E-ARK SIP 2.1 package: a folder and a .tar, complete or not at all.

Everything is written under temporary names in the output folder and renamed only when whole,
so a crash, a full disk or a bad attachment never leaves something that looks like a package.
Items are streamed: per item, its files are written and its METS and PREMIS entries appended
to files on disk, so memory does not grow with the number of items.
"""

import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from . import mets
from .documentation import readme_text
from .errors import PackageError
from .files import CHUNK_SIZE, FileFacts, HashingFile, copy_new_file, write_new_file
from .items import Attachment, PackageItem, check_attachment_name, check_safe_name
from .premis import PREMIS_SCHEMA_LOCATION, PackageContext, PremisWriter
from .tar import write_tar

SCHEMA_SOURCE = Path(__file__).resolve().parent.parent / "schemas"
REP = mets.REPRESENTATION
REP_DIR = f"representations/{REP}"


@dataclass(frozen=True)
class PackageResult:
    folder: Path
    tar_path: Path
    sha256_of_tar: str
    size_bytes: int  # of the .tar
    item_count: int


def write_sip(
    *,
    out_dir: Path,
    package_id: str,
    label: str,
    items: Iterable[PackageItem],
    software_name: str,
    software_version: str,
    organisation: str,
    note: str = "",
) -> PackageResult:
    """Write ``out_dir/<package_id>/`` and ``out_dir/<package_id>.tar``.

    ``items`` is read once, one item at a time: pass a generator (for example over a queryset
    with ``.iterator()``) and memory stays flat however many items there are.

    Refuses (PackageError) when either already exists. On any failure the partial files are
    removed; operating-system errors (unwritable folder, full disk) become PackageError, and any
    other exception (for example from the ``items`` iterable) is re-raised as it is.
    """
    _check_arguments(package_id, software_name, software_version, organisation)
    out_dir = Path(out_dir)
    final, tar_final = out_dir / package_id, out_dir / f"{package_id}.tar"
    partial = out_dir / f".{package_id}.partial"
    tar_partial = out_dir / f".{package_id}.tar.partial"
    _claim(out_dir, package_id, (final, tar_final), partial)
    ctx = PackageContext(
        package_id, label, _now(), software_name, software_version, organisation, note
    )
    try:
        item_count = _write_folder(partial, ctx, items)
        tar_size, tar_sha256 = write_tar(partial, package_id, tar_partial)
        os.sync()  # the data is on disk before anything is named as a package
        _publish(package_id, (partial, final), (tar_partial, tar_final))
    except BaseException as exc:
        shutil.rmtree(partial, ignore_errors=True)
        _unlink_quietly(tar_partial)
        if isinstance(exc, OSError):
            raise PackageError(_disk_message(package_id, out_dir, exc)) from exc
        raise
    return PackageResult(final, tar_final, tar_sha256, tar_size, item_count)


def _check_arguments(package_id: str, *required: str) -> None:
    """The package id becomes a folder name; CSIP14-15 need the software's name and version."""
    check_safe_name(package_id, "paket-id")
    if not all(value and value.strip() for value in required):
        raise PackageError(
            f"Arkivpaketet {package_id} behöver programmets namn och version och organisationen."
        )


def _now() -> str:
    # This module does not depend on Django, so no django.utils.timezone: same aware UTC time.
    return datetime.now(UTC).isoformat(timespec="seconds")


def _exists_message(package_id: str, out_dir: Path) -> str:
    return (
        f"Arkivpaketet {package_id} finns redan i {out_dir}. "
        "Ett befintligt paket skrivs aldrig över."
    )


def _claim(out_dir: Path, package_id: str, targets: tuple[Path, ...], partial: Path) -> None:
    """Create the temporary folder, which also keeps a second writer of the same id out."""
    if any(os.path.lexists(target) for target in targets):
        raise PackageError(_exists_message(package_id, out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        partial.mkdir()
    except FileExistsError as exc:
        if exc.filename is not None and Path(exc.filename) == partial:
            raise PackageError(
                f"Arkivpaketet {package_id} skrivs redan, eller avbröts tidigare: {partial} "
                "finns. Ta bort den om inget paket skrivs just nu."
            ) from exc
        raise PackageError(_disk_message(package_id, out_dir, exc)) from exc
    except OSError as exc:
        raise PackageError(_disk_message(package_id, out_dir, exc)) from exc


_REASONS = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.EEXIST: "en fil med samma namn finns redan",
    errno.ENOENT: "filen eller mappen finns inte",
}


def _disk_message(package_id: str, out_dir: Path, exc: OSError) -> str:
    reason = _REASONS.get(exc.errno, exc.strerror or str(exc))
    where = f" ({exc.filename})" if exc.filename else ""
    return (
        f"Arkivpaketet {package_id} kunde inte skrivas i {out_dir}: {reason}{where}. "
        "Inget paket sparades."
    )


def _publish(package_id: str, folder: tuple[Path, Path], tar: tuple[Path, Path]) -> None:
    """Rename the finished folder and tar to their real names (each rename is atomic)."""
    if os.path.lexists(folder[1]) or os.path.lexists(tar[1]):
        raise PackageError(_exists_message(package_id, folder[1].parent))
    os.rename(*folder)
    try:
        os.rename(*tar)
    except BaseException:
        os.rename(folder[1], folder[0])  # back to the temporary name, which is then removed
        raise


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _write_folder(root: Path, ctx: PackageContext, items: Iterable[PackageItem]) -> int:
    rep = root / REP_DIR
    (rep / "data").mkdir(parents=True)
    (rep / "metadata" / "preservation").mkdir(parents=True)
    premis_relative = f"{REP_DIR}/metadata/preservation/premis.xml"
    rep_premis = PremisWriter(
        root / premis_relative,
        premis_relative,
        ctx,
        schema_location=_premis_schema_location(depth=4),
        representation=REP_DIR,
    )
    # The representation METS lists every data file but must start with facts known only at
    # the end (the PREMIS checksum), so its file entries wait in an anonymous temporary file.
    with tempfile.TemporaryFile(dir=root.parent) as file_entries:
        try:
            item_count = _write_items(str(rep / "data"), ctx, items, file_entries, rep_premis)
            premis_facts = rep_premis.finish()
        finally:
            rep_premis.close()
        rep_mets = _write_representation_mets(rep, ctx, file_entries, premis_facts)
    documentation = _write_documentation(root, ctx, item_count)
    schemas = _copy_schemas(root)
    descriptive = _write_descriptive(root, ctx, item_count)
    root_premis = _write_root_premis(
        root, ctx, [documentation, *schemas, descriptive, rep_mets, premis_facts]
    )
    _write_root_mets(root, ctx, documentation, schemas, descriptive, root_premis, rep_mets)
    return item_count


def _premis_schema_location(*, depth: int) -> str:
    """The shipped premis.xsd, relative to a premis.xml ``depth`` folders down, if there is one."""
    if (SCHEMA_SOURCE / "premis.xsd").is_file():
        return "../" * depth + "schemas/premis.xsd"
    return PREMIS_SCHEMA_LOCATION


def _write_items(
    data_dir: str,
    ctx: PackageContext,
    items: Iterable[PackageItem],
    file_entries: IO[bytes],
    premis: PremisWriter,
) -> int:
    item_count = file_number = 0
    for item in items:
        for facts in _write_item(data_dir, item):
            file_number += 1
            entry = mets.file_entry(
                f"file-{REP}-{file_number}", facts, _in_rep(facts.path), ctx.created
            )
            file_entries.write(entry.encode("utf-8"))
            premis.add(facts)
        item_count += 1
    return item_count


def _in_rep(path: str) -> str:
    return path.removeprefix(f"{REP_DIR}/")


def _write_item(data_dir: str, item: PackageItem) -> Iterator[FileFacts]:
    """Write one item's files. Paths are strings on purpose (see files.StrPath)."""
    identifier = check_safe_name(item.identifier, "id för posten")
    prefix = f"{REP_DIR}/data/{identifier}"
    try:
        body = json.dumps(item.data, ensure_ascii=False, indent=2, allow_nan=False)
        body_bytes, page_bytes = body.encode("utf-8"), item.html.encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise PackageError(
            f"Posten {identifier} kunde inte sparas som JSON och HTML: {exc}."
        ) from exc
    try:
        yield write_new_file(f"{data_dir}/{identifier}.json", body_bytes, f"{prefix}.json")
    except FileExistsError as exc:
        raise PackageError(f"Posten {identifier} finns två gånger i paketet.") from exc
    yield write_new_file(f"{data_dir}/{identifier}.html", page_bytes, f"{prefix}.html")
    if item.attachments:
        folder = f"{data_dir}/attachments/{identifier}"
        os.makedirs(folder)
        for attachment in item.attachments:
            yield _copy_attachment(folder, identifier, attachment)


def _copy_attachment(folder: str, identifier: str, attachment: Attachment) -> FileFacts:
    name = check_attachment_name(attachment.name)
    relative = f"{REP_DIR}/data/attachments/{identifier}/{name}"
    source = os.fspath(attachment.path)
    if not os.path.isfile(source):
        raise PackageError(f"Bilagan {name} till posten {identifier} finns inte: {source}.")
    try:
        facts = copy_new_file(source, f"{folder}/{name}", relative)
    except FileExistsError as exc:
        raise PackageError(f"Posten {identifier} har två bilagor som heter {name}.") from exc
    expected = attachment.sha256
    if expected is not None and expected.strip().lower() != facts.sha256:
        raise PackageError(
            f"Bilagan {name} till posten {identifier} har fel kontrollsumma: arkivet har "
            f"SHA-256 {expected}, filen har {facts.sha256}. Paketet skrevs inte."
        )
    return facts


def _write_representation_mets(
    rep: Path, ctx: PackageContext, file_entries: IO[bytes], premis: FileFacts
) -> FileFacts:
    data_group, md_id = f"filegrp-{REP}-data", f"digiprov-{REP}-premis"
    premis_ref = mets.md_ref(
        premis, _in_rep(premis.path), ctx, MDTYPE="PREMIS", MDTYPEVERSION="3.0"
    )
    with HashingFile(rep / "METS.xml") as out:
        out.write_text(
            mets.document_start(
                ctx, objid=REP, label=f"{ctx.label} ({REP})", schemas_prefix="../../schemas/"
            )
            + mets.premis_amd_sec(md_id, premis_ref)
            + f'<mets:fileSec ID="filesec-{REP}">\n'
            + mets.file_group_start(data_group, "Data")
        )
        file_entries.seek(0)
        while chunk := file_entries.read(CHUNK_SIZE):
            out.write(chunk)
        out.write_text(
            "</mets:fileGrp>\n</mets:fileSec>\n"
            + mets.representation_struct_map(data_group, md_id)
            + "</mets:mets>\n"
        )
    return FileFacts(f"{REP_DIR}/METS.xml", out.size, out.sha256, "application/xml")


def _write_documentation(root: Path, ctx: PackageContext, item_count: int) -> FileFacts:
    (root / "documentation").mkdir()
    included = (SCHEMA_SOURCE / "premis.xsd").is_file()
    text = readme_text(ctx, item_count, premis_schema_included=included).encode("utf-8")
    return write_new_file(root / "documentation" / "README.txt", text, "documentation/README.txt")


def _copy_schemas(root: Path) -> list[FileFacts]:
    (root / "schemas").mkdir()
    return [
        copy_new_file(source, root / "schemas" / source.name, f"schemas/{source.name}")
        for source in sorted(SCHEMA_SOURCE.glob("*.xsd"))
    ]


def _write_descriptive(root: Path, ctx: PackageContext, item_count: int) -> FileFacts:
    """Package description as JSON; the keys are Dublin Core element names."""
    folder = root / "metadata" / "descriptive"
    folder.mkdir(parents=True)
    description = {
        "identifier": ctx.package_id,
        "title": ctx.label,
        "description": ctx.note,
        "creator": ctx.organisation,
        "date": ctx.created,
        "type": mets.CONTENT_CATEGORY,
        "format": "E-ARK SIP 2.1 (CSIP 2.1)",
        "language": "sv",
        "extent": {"items": item_count},
        "software": {"name": ctx.software_name, "version": ctx.software_version},
    }
    data = json.dumps(description, ensure_ascii=False, indent=2).encode("utf-8")
    return write_new_file(folder / "package.json", data, "metadata/descriptive/package.json")


def _write_root_premis(root: Path, ctx: PackageContext, files: list[FileFacts]) -> FileFacts:
    folder = root / "metadata" / "preservation"
    folder.mkdir(parents=True)
    writer = PremisWriter(
        folder / "premis.xml",
        "metadata/preservation/premis.xml",
        ctx,
        schema_location=_premis_schema_location(depth=2),
    )
    try:
        for facts in files:
            writer.add(facts)
        return writer.finish()
    finally:
        writer.close()


def _file_group(group_id: str, use: str, files: list[FileFacts], created: str) -> str:
    entries = "".join(
        mets.file_entry(f"{group_id}-file-{number}", facts, facts.path, created)
        for number, facts in enumerate(files, start=1)
    )
    return mets.file_group_start(group_id, use) + entries + "</mets:fileGrp>\n"


def _write_root_mets(
    root: Path,
    ctx: PackageContext,
    documentation: FileFacts,
    schemas: list[FileFacts],
    descriptive: FileFacts,
    premis: FileFacts,
    rep_mets: FileFacts,
) -> None:
    dmd_ref = mets.md_ref(descriptive, descriptive.path, ctx, MDTYPE="OTHER", OTHERMDTYPE="JSON")
    premis_ref = mets.md_ref(premis, premis.path, ctx, MDTYPE="PREMIS", MDTYPEVERSION="3.0")
    document = (
        mets.document_start(ctx, objid=ctx.package_id, label=ctx.label, schemas_prefix="schemas/")
        + mets.dmd_sec("dmd-package", ctx.created, dmd_ref)
        + mets.premis_amd_sec("digiprov-premis", premis_ref)
        + '<mets:fileSec ID="filesec">\n'
        + _file_group("filegrp-documentation", "Documentation", [documentation], ctx.created)
        + _file_group("filegrp-schemas", "Schemas", schemas, ctx.created)
        + _file_group(f"filegrp-{REP}", f"Representations/{REP}", [rep_mets], ctx.created)
        + "</mets:fileSec>\n"
        + mets.root_struct_map(ctx, f"filegrp-{REP}", rep_mets.path)
        + "</mets:mets>\n"
    )
    write_new_file(root / "METS.xml", document.encode("utf-8"), "METS.xml")
