"""Files handed out from the archive: an item's JSON and HTML (as in an archive package), an
archived attachment, a package's .tar.

Every response is a download (Content-Disposition: attachment), never sniffed, never cached
by shared caches, and sandboxed should a browser render it anyway: archived content is other
people's words and files, and HTML renderings carry the author's (sanitised) markup.
"""

import json
from pathlib import Path

from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from wagtail.log_actions import log

from .models import ArchiveAttachment, ArchiveRecord, Registration, Snapshot
from .package import render_item_html
from .serialize import record_data

HTML_TYPE = "text/html; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


def _harden(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
    return response


def data_response(data: dict, *, filename: str, fmt: str) -> HttpResponse:
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        response = HttpResponse(body, content_type=JSON_TYPE)
        filename += ".json"
    elif fmt == "html":
        response = HttpResponse(render_item_html(data).encode("utf-8"), content_type=HTML_TYPE)
        filename += ".html"
    else:
        raise Http404
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return _harden(response)


def file_response(path: Path | str, *, filename: str, content_type: str = "") -> FileResponse:
    path = Path(path)
    if not path.is_file():
        raise Http404("Filen finns inte längre i arkivets lagring.")
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    return _harden(response)


def record_download(user, record: ArchiveRecord, fmt: str) -> HttpResponse:
    log(record, "insidan.archive.download", user=user, data={"format": fmt})
    return data_response(record_data(record), filename=f"arkivpost-{record.uuid}", fmt=fmt)


def attachment_download(user, attachment: ArchiveAttachment) -> FileResponse:
    storage = attachment.file.storage
    if not storage.exists(attachment.file.name):
        raise Http404("Filen finns inte längre i arkivets lagring.")
    log(attachment.record, "insidan.archive.download",
        user=user, data={"attachment": attachment.name, "sha256": attachment.sha256})
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name,
        content_type="application/octet-stream",
    )
    return _harden(response)


def snapshot_download(user, snapshot: Snapshot) -> FileResponse:
    response = file_response(snapshot.path, filename=Path(snapshot.path).name,
                             content_type="application/x-tar")
    log(snapshot, "insidan.archive.download", user=user, data={"sha256": snapshot.sha256})
    return response


def registration_export(registration: Registration) -> dict:
    """The registration and the item as registered: what the records system is handed."""
    item = dict(registration.data or {})
    return {
        "title": f"{registration.diarienummer}: {registration.object_label}",
        "diarienummer": registration.diarienummer,
        "received_on": registration.received_on.isoformat(),
        "sender": registration.sender,
        "description": registration.description,
        "registered_at": registration.registered_at.isoformat(),
        "registered_by": registration.registered_by,
        **{key: value for key, value in item.items() if key != "title"},
        "item_title": item.get("title", registration.object_label),
    }


def registration_download(user, registration: Registration, fmt: str) -> HttpResponse:
    log(registration, "insidan.archive.download", user=user, data={"format": fmt})
    number = "".join(c if c.isalnum() or c in "-_" else "-" for c in registration.diarienummer)
    return data_response(registration_export(registration), filename=f"registrering-{number}",
                         fmt=fmt)
