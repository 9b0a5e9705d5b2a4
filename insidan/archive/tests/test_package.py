"""The E-ARK SIP 2.1 package writer, reader and verifier (insidan.archive.package).

The package module does not touch the database, so neither do these tests. Output goes to
pytest's tmp_path.
"""

import errno
import gc
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from insidan.archive.package import (
    Attachment,
    PackageError,
    PackageItem,
    read_package,
    render_item_html,
    verify_package,
    write_sip,
)
from insidan.archive.package import writer as package_writer

NS = {
    "mets": "http://www.loc.gov/METS/",
    "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
    "xlink": "http://www.w3.org/1999/xlink",
    "premis": "http://www.loc.gov/premis/v3",
}
HREF = "{http://www.w3.org/1999/xlink}href"
CSIP = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"
PACKAGE_ID = "snapshot-2025-04"
NASTY_TITLE = "<script>alert('x')</script> & \"citat\""
PDF_BYTES = b"%PDF-1.4\n% protokoll\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files_below(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def names_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def attachment_file(tmp_path: Path) -> Path:
    path = tmp_path / "storage" / "a1b2c3.pdf"
    path.parent.mkdir()
    path.write_bytes(PDF_BYTES)
    return path


@pytest.fixture
def item_data() -> list[dict]:
    return [
        {
            "title": "Välkommen till forumet",
            "author": {"name": "Åsa Öberg", "username": "asa.oberg", "department": "IFO"},
            "created": "2025-03-01T09:15:00+01:00",
            "versions": [{"edited": "2025-03-01T09:20:00+01:00", "text": "Välkomen"}],
            "content_html": "<p>Hej <strong>alla</strong>!</p>",
        },
        {
            "title": NASTY_TITLE,
            "author": {"name": "<b>Bo</b>", "username": "bo"},
            "created": "2025-03-02T10:00:00+01:00",
            "content_html": "<p>Se bifogat protokoll.</p>",
        },
        {"title": "Kommentar", "created": "2025-03-03T11:00:00+01:00", "parent": "forums.post-2"},
    ]


@pytest.fixture
def items(item_data: list[dict], attachment_file: Path) -> list[PackageItem]:
    return [
        PackageItem.build(identifier="forums.post-1", data=item_data[0]),
        PackageItem.build(
            identifier="forums.post-2",
            data=item_data[1],
            attachments=[
                Attachment("Protokoll möte 3 mars.pdf", attachment_file, sha256(PDF_BYTES))
            ],
        ),
        PackageItem.build(
            identifier="blogs.comment-7",
            data=item_data[2],
            attachments=[Attachment("bild.png", attachment_file, None)],
        ),
    ]


def write(out_dir: Path, items, package_id: str = PACKAGE_ID):
    return write_sip(
        out_dir=out_dir,
        package_id=package_id,
        label="Ögonblicksbild april 2025",
        items=items,
        software_name="Insidan social",
        software_version="1.4.2",
        organisation="Uppsala kommun, socialförvaltningen",
        note="Halvårsvis ögonblicksbild enligt riktlinjen.",
    )


@pytest.fixture
def package(tmp_path: Path, items: list[PackageItem]):
    return write(tmp_path / "out", iter(items))


def mets_entries(mets_path: Path):
    """(href, SIZE, CHECKSUM, CHECKSUMTYPE, MIMETYPE) of every file and mdRef, read with
    ElementTree independently of the package reader."""
    root = ET.parse(mets_path).getroot()
    for file in root.iterfind(".//mets:file", NS):
        location = file.find("mets:FLocat", NS)
        yield (location.get(HREF), *(file.get(a) for a in ("SIZE", "CHECKSUM", "CHECKSUMTYPE")))
    for ref in root.iterfind(".//mets:mdRef", NS):
        yield (ref.get(HREF), *(ref.get(a) for a in ("SIZE", "CHECKSUM", "CHECKSUMTYPE")))


# --- writing -----------------------------------------------------------------------------


def test_writes_folder_and_tar_with_the_layout_of_the_issue(package, tmp_path):
    folder = tmp_path / "out" / PACKAGE_ID
    assert package.folder == folder
    assert package.tar_path == tmp_path / "out" / f"{PACKAGE_ID}.tar"
    assert package.item_count == 3
    assert names_in(tmp_path / "out") == {PACKAGE_ID, f"{PACKAGE_ID}.tar"}  # no temporary names
    assert files_below(folder) == {
        "METS.xml",
        "documentation/README.txt",
        "metadata/descriptive/package.json",
        "metadata/preservation/premis.xml",
        "schemas/mets.xsd",
        "schemas/xlink.xsd",
        "schemas/DILCISExtensionMETS.xsd",
        "schemas/DILCISExtensionSIPMETS.xsd",
        "representations/rep1/METS.xml",
        "representations/rep1/metadata/preservation/premis.xml",
        "representations/rep1/data/forums.post-1.json",
        "representations/rep1/data/forums.post-1.html",
        "representations/rep1/data/forums.post-2.json",
        "representations/rep1/data/forums.post-2.html",
        "representations/rep1/data/attachments/forums.post-2/Protokoll möte 3 mars.pdf",
        "representations/rep1/data/blogs.comment-7.json",
        "representations/rep1/data/blogs.comment-7.html",
        "representations/rep1/data/attachments/blogs.comment-7/bild.png",
    }
    attachment = folder / "representations/rep1/data/attachments/forums.post-2"
    assert (attachment / "Protokoll möte 3 mars.pdf").read_bytes() == PDF_BYTES


def test_root_mets_identifies_the_package_as_an_eark_sip(package):
    root = ET.parse(package.folder / "METS.xml").getroot()
    assert root.get("OBJID") == PACKAGE_ID
    assert root.get("TYPE") == "Mixed"
    assert root.get("PROFILE") == "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
    assert root.get(f"{CSIP}CONTENTINFORMATIONTYPE") == "OTHER"
    assert root.get(f"{CSIP}OTHERCONTENTINFORMATIONTYPE")
    header = root.find("mets:metsHdr", NS)
    assert header.get(f"{CSIP}OAISPACKAGETYPE") == "SIP"
    assert header.get("CREATEDATE") and header.get("RECORDSTATUS") == "NEW"
    software = header.find("mets:agent[@ROLE='CREATOR']", NS)
    assert (software.get("TYPE"), software.get("OTHERTYPE")) == ("OTHER", "SOFTWARE")
    assert software.findtext("mets:name", namespaces=NS) == "Insidan social"
    version = software.find("mets:note", NS)
    assert (version.text, version.get(f"{CSIP}NOTETYPE")) == ("1.4.2", "SOFTWARE VERSION")
    archivist = header.find("mets:agent[@ROLE='ARCHIVIST']", NS)
    assert archivist.get("TYPE") == "ORGANIZATION"
    assert archivist.findtext("mets:name", namespaces=NS) == "Uppsala kommun, socialförvaltningen"
    uses = [group.get("USE") for group in root.iterfind(".//mets:fileGrp", NS)]
    assert uses == ["Documentation", "Schemas", "Representations/rep1"]
    struct_map = root.find("mets:structMap", NS)
    assert (struct_map.get("TYPE"), struct_map.get("LABEL")) == ("PHYSICAL", "CSIP")
    labels = [div.get("LABEL") for div in struct_map.iterfind("mets:div/mets:div", NS)]
    assert labels == ["Metadata", "Documentation", "Schemas", "Representations"]


def test_every_checksum_in_both_mets_files_matches_the_file(package):
    checked = set()
    for mets_path in (
        package.folder / "METS.xml",
        package.folder / "representations/rep1/METS.xml",
    ):
        for href, size, checksum, checksum_type in mets_entries(mets_path):
            data = (mets_path.parent / unquote(href)).read_bytes()
            assert checksum_type == "SHA-256"
            assert (int(size), checksum) == (len(data), sha256(data)), href
            checked.add((mets_path.parent / unquote(href)).relative_to(package.folder).as_posix())
    # Every file except the root METS itself is listed, and so checked.
    assert checked == files_below(package.folder) - {"METS.xml"}


def test_premis_records_fixity_for_every_file_and_the_creation_event(package):
    objects = {}
    for premis_path in package.folder.rglob("premis.xml"):
        root = ET.parse(premis_path).getroot()
        for obj in root.iterfind("premis:object", NS):
            digest = obj.findtext(".//premis:messageDigest", namespaces=NS)
            if digest:
                objects[obj.findtext(".//premis:objectIdentifierValue", namespaces=NS)] = digest
        event = root.find("premis:event", NS)
        assert event.findtext("premis:eventType", namespaces=NS) == "creation"
        agents = root.findall("premis:agent", NS)
        assert [a.findtext("premis:agentType", namespaces=NS) for a in agents] == [
            "software",
            "organization",
        ]
        assert agents[0].findtext("premis:agentVersion", namespaces=NS) == "1.4.2"
    expected = files_below(package.folder) - {"METS.xml", "metadata/preservation/premis.xml"}
    assert set(objects) == expected
    for path, digest in objects.items():
        assert digest == sha256((package.folder / path).read_bytes()), path


def test_items_are_stored_as_json_and_readable_html(package, item_data):
    data_dir = package.folder / "representations/rep1/data"
    stored = json.loads((data_dir / "forums.post-1.json").read_text(encoding="utf-8"))
    assert stored == item_data[0]
    page = (data_dir / "forums.post-1.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in page
    assert "<title>Välkommen till forumet</title>" in page
    assert "<p>Hej <strong>alla</strong>!</p>" in page  # the sanitised content, as given
    assert "Åsa Öberg" in page
    linked = (data_dir / "forums.post-2.html").read_text(encoding="utf-8")
    assert 'href="attachments/forums.post-2/Protokoll%20m%C3%B6te%203%20mars.pdf"' in linked


def test_nasty_title_is_escaped_in_the_html_rendering(package):
    page = (package.folder / "representations/rep1/data/forums.post-2.html").read_text()
    assert "<script>" not in page
    assert "<b>Bo</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;citat&quot;" in page
    assert "&lt;b&gt;Bo&lt;/b&gt;" in page
    assert "default-src 'none'" in page  # and scripts could not run anyway


def test_render_item_html_escapes_every_metadata_key_and_value():
    page = render_item_html(
        {
            "title": "<img src=x onerror=alert(1)>",
            "<key>": "<value>",
            "list": ["<li>"],
            "content_html": "<p>ok</p>",
        }
    )
    assert "<img" not in page
    assert "<key>" not in page and "<value>" not in page and "<li>" not in page
    assert "&lt;key&gt;" in page and "&lt;value&gt;" in page
    assert "<p>ok</p>" in page
    assert render_item_html({}).count("<title>Arkiverat innehåll</title>") == 1


def test_read_package_yields_every_item_as_written(package, item_data):
    assert list(read_package(package.folder)) == item_data


def test_verify_package_finds_no_problem_in_a_fresh_package(package):
    assert verify_package(package.folder) == []


def test_verify_package_reports_changed_missing_and_unlisted_files(package):
    data_dir = package.folder / "representations/rep1/data"
    (data_dir / "forums.post-1.json").write_text('{"title": "ändrad"}', encoding="utf-8")
    (data_dir / "blogs.comment-7.html").unlink()
    (data_dir / "smuggled.txt").write_text("not in METS", encoding="utf-8")
    problems = verify_package(package.folder)
    assert len(problems) == 3, problems
    assert any("forums.post-1.json" in p for p in problems)
    assert any("blogs.comment-7.html" in p and "saknas" in p for p in problems)
    assert any("smuggled.txt" in p and "inte i METS" in p for p in problems)


def test_tar_holds_the_same_files_under_the_package_folder(package):
    data = package.tar_path.read_bytes()
    assert (package.size_bytes, package.sha256_of_tar) == (len(data), sha256(data))
    with tarfile.open(package.tar_path) as tar:
        members = {m.name: m for m in tar.getmembers()}
        file_names = {name for name, m in members.items() if m.isfile()}
        assert file_names == {f"{PACKAGE_ID}/{path}" for path in files_below(package.folder)}
        assert all(name.split("/")[0] == PACKAGE_ID for name in members)
        for name in file_names:
            stored = package.folder.parent / name
            assert tar.extractfile(members[name]).read() == stored.read_bytes(), name


def test_an_empty_package_is_still_whole(tmp_path):
    result = write(tmp_path, iter([]))
    assert result.item_count == 0
    assert verify_package(result.folder) == []
    assert list(read_package(result.folder)) == []


def test_items_are_streamed_not_collected_first(tmp_path, items):
    data_dir = tmp_path / f".{PACKAGE_ID}.partial" / "representations/rep1/data"

    def one_at_a_time():
        for number, item in enumerate(items):
            if number:  # the previous item is on disk before the next one is asked for
                assert (data_dir / f"{items[number - 1].identifier}.json").is_file()
            yield item

    assert write(tmp_path, one_at_a_time()).item_count == len(items)


def _many(count: int):
    content = "<p>" + "Ett inlägg med lite text. " * 20 + "</p>"
    for number in range(count):
        data = {"title": f"Inlägg {number}", "content_html": content, "created": "2025-04-01"}
        yield PackageItem.build(identifier=f"forums.post-{number}", data=data)


def test_memory_does_not_grow_with_the_number_of_items(tmp_path):
    """Memory held while items stream through stays flat (the 500,000-item RSS figure is
    measured by the benchmark, not here). After the items, the writer only copies files in
    fixed-size chunks."""
    samples = []

    def sampled(count):
        for number, item in enumerate(_many(count)):
            if number % 100 == 0:
                gc.collect()  # json.dumps(indent=...) leaves cycles; count only what is kept
                samples.append(tracemalloc.get_traced_memory()[0])
            yield item

    write(tmp_path / "warm-up", _many(20))
    tracemalloc.start()
    try:
        write(tmp_path / "measured", sampled(2000))
    finally:
        tracemalloc.stop()
    early, late = max(samples[1:5]), max(samples[-4:])
    assert late - early < 32 * 1024, samples


# --- failures ----------------------------------------------------------------------------


def assert_nothing_left(out_dir: Path) -> None:
    left = names_in(out_dir) if out_dir.is_dir() else set()
    assert not {n for n in left if PACKAGE_ID in n}, left


def test_unwritable_output_folder_is_a_clear_error_and_leaves_nothing(tmp_path, items):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    with pytest.raises(PackageError, match="kunde inte skrivas"):
        write(blocker / "out", iter(items))
    assert_nothing_left(tmp_path)


def test_disk_full_while_writing_items_removes_the_partial_package(tmp_path, items):
    def fills_the_disk():
        yield items[0]
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(PackageError, match="disken är full"):
        write(tmp_path, fills_the_disk())
    assert_nothing_left(tmp_path)


def test_failure_while_writing_the_tar_removes_folder_and_tar(tmp_path, items, monkeypatch):
    def broken_tar(*args, **kwargs):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(package_writer, "write_tar", broken_tar)
    with pytest.raises(PackageError, match="behörighet saknas"):
        write(tmp_path, iter(items))
    assert_nothing_left(tmp_path)


def test_other_errors_from_the_items_pass_through_and_leave_nothing(tmp_path, items):
    def query_fails():
        yield items[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        write(tmp_path, query_fails())
    assert_nothing_left(tmp_path)


def test_existing_package_is_refused_and_left_untouched(tmp_path, items):
    out_dir = tmp_path / "out"
    first = write(out_dir, iter(items))
    tar_before = first.tar_path.read_bytes()
    with pytest.raises(PackageError, match="finns redan"):
        write(out_dir, iter(items))
    assert verify_package(first.folder) == []
    assert first.tar_path.read_bytes() == tar_before
    assert names_in(out_dir) == {PACKAGE_ID, f"{PACKAGE_ID}.tar"}


def test_existing_tar_alone_is_refused_too(tmp_path, items):
    (tmp_path / f"{PACKAGE_ID}.tar").write_bytes(b"someone else's")
    with pytest.raises(PackageError, match="finns redan"):
        write(tmp_path, iter(items))
    assert not (tmp_path / PACKAGE_ID).exists()


def test_attachment_checksum_mismatch_is_refused_and_leaves_nothing(tmp_path, attachment_file):
    out_dir = tmp_path / "out"
    damaged = PackageItem.build(
        identifier="forums.post-9",
        data={"title": "Med bilaga"},
        attachments=[Attachment("protokoll.pdf", attachment_file, sha256(b"the original"))],
    )
    with pytest.raises(PackageError, match="fel kontrollsumma"):
        write(out_dir, iter([damaged]))
    assert_nothing_left(out_dir)


@pytest.mark.parametrize(
    ("identifier", "attachment_name"),
    [("../escape", "a.pdf"), (".hidden", "a.pdf"), ("ok", "../../etc/passwd"), ("ok", "a/b")],
)
def test_unsafe_names_are_refused(tmp_path, attachment_file, identifier, attachment_name):
    item = PackageItem.build(
        identifier=identifier,
        data={},
        attachments=[Attachment(attachment_name, attachment_file)],
    )
    with pytest.raises(PackageError, match="Ogiltigt"):
        write(tmp_path, iter([item]))
    assert_nothing_left(tmp_path)


def test_duplicate_identifier_is_refused(tmp_path, items):
    with pytest.raises(PackageError, match="två gånger"):
        write(tmp_path, iter([items[0], items[0]]))
    assert_nothing_left(tmp_path)


def test_invalid_package_id_is_refused(tmp_path, items):
    with pytest.raises(PackageError, match="paket-id"):
        write(tmp_path, iter(items), package_id="../x")


# --- the independent validator -------------------------------------------------------------

REPO = Path(__file__).resolve().parents[3]
EARK_PYTHON = REPO / ".venv-eark" / "bin" / "python"
RUNNER = Path(__file__).with_name("run_eark_validator.py")
EARK_SETUP = "python3 -m venv .venv-eark && .venv-eark/bin/pip install eark-validator==1.1.3"

# eark-validator 1.1.3's SIP14 rule demands an unprefixed NOTETYPE="IDENTIFICATIONCODE" on the
# note of every agent with ROLE="CREATOR". CSIP10-16 demand that agent (the creating software)
# with exactly one note typed csip:NOTETYPE="SOFTWARE VERSION", and the METS schema allows only
# namespaced attributes on that note. No METS.xml can pass all three; the SIP profile itself
# says csip:NOTETYPE (and for the archival creator agent, not the software). This one error, at
# that one place, is accepted; test_sip14_cannot_be_met_without_breaking_the_schema proves it.
KNOWN_VALIDATOR_DEFECT = (
    "SIP14",
    "/mets:mets/mets:metsHdr/mets:agent[@ROLE = 'CREATOR']/mets:note",
)


def eark_python() -> Path:
    if EARK_PYTHON.is_file():
        return EARK_PYTHON
    message = f".venv-eark is missing; create it with: {EARK_SETUP}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def run_validator(path: Path, tmp_path: Path) -> dict:
    unpack_dir = tmp_path / "validator-tmp"  # it unpacks a .tar into the temporary folder
    unpack_dir.mkdir(exist_ok=True)
    completed = subprocess.run(
        [str(eark_python()), str(RUNNER), str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TMPDIR": str(unpack_dir)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    output = json.loads(completed.stdout)
    assert output["validator_version"] == "1.1.3"
    return output


def findings(output: dict, severity: str) -> list[dict]:
    report = output["report"]
    messages = [
        *report["structure"]["messages"],
        *report["metadata"]["schema_results"]["messages"],
        *report["metadata"]["schematron_results"]["messages"],
    ]
    return [m for m in messages if m["severity"] == severity]


def is_known_defect(message: dict) -> bool:
    rule, location = KNOWN_VALIDATOR_DEFECT
    return message["rule_id"] == rule and message["location"].startswith(location)


@pytest.mark.parametrize("form", ["folder", "tar"])
def test_package_passes_eark_validator_for_sip_2_1(package, tmp_path, form):
    output = run_validator(package.folder if form == "folder" else package.tar_path, tmp_path)
    report = output["report"]
    errors = [m for m in findings(output, "Error") if not is_known_defect(m)]
    assert errors == [], json.dumps(errors, indent=2, ensure_ascii=False)
    assert findings(output, "Warn") == [], json.dumps(findings(output, "Warn"), indent=2)
    assert report["structure"]["status"] == "WellFormed"
    assert report["metadata"]["schema_results"]["status"] == "VALID"
    assert report["package"]["details"]["oaispackagetype"] == "SIP"
    for mets_path, schema_errors in output["extra_schema_errors"].items():
        assert schema_errors == [], (mets_path, schema_errors)
    if form == "folder":
        assert set(output["extra_schema_errors"]) == {"METS.xml", "representations/rep1/METS.xml"}


def test_sip14_cannot_be_met_without_breaking_the_schema(package, tmp_path):
    """What SIP14 asks for makes the METS schema check fail: the accepted error is forced."""
    copy = tmp_path / "probe" / PACKAGE_ID
    shutil.copytree(package.folder, copy)
    mets_path = copy / "METS.xml"
    note = '<mets:note csip:NOTETYPE="SOFTWARE VERSION">'
    text = mets_path.read_text(encoding="utf-8")
    assert note in text
    probe = note.replace(">", ' NOTETYPE="IDENTIFICATIONCODE">')
    mets_path.write_text(text.replace(note, probe), encoding="utf-8")
    output = run_validator(copy, tmp_path)
    assert not [m for m in findings(output, "Error") if m["rule_id"] == "SIP14"]
    assert output["report"]["metadata"]["schema_results"]["status"] == "INVALID"
