"""Files handed out from the archive: an item's JSON and HTML (as in an archive package), an
archived attachment, a package's .tar.

Every response is a download (Content-Disposition: attachment), never sniffed, never cached
by shared caches, and sandboxed should a browser render it anyway: archived content is other
people's words and files, and HTML renderings carry the author's (sanitised) markup.
"""

import json
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from wagtail.log_actions import log

from insidan.notify.api import absolute_url

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
    if fmt == "html":
        response = HttpResponse(registration_copy(registration).encode("utf-8"),
                                content_type=HTML_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            True, f"registrering-{number}.html")
        return _harden(response)
    return data_response(registration_export(registration), filename=f"registrering-{number}",
                         fmt=fmt)


def _local(value: str | None):
    """A stored ISO time as Stockholm's, for a person to read (None stays None)."""
    if not value:
        return None
    try:
        return timezone.localtime(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return None


def registration_copy(registration: Registration) -> str:
    """The registration's readable copy: a document a registrar or the city archive reads
    without the application: the registration's fields, then the item as registered (who
    wrote it, where, when, its text and earlier versions), times in Stockholm's time. The
    JSON export keeps every stored value as it is."""
    item = dict(registration.data or {})
    try:
        kind_label = capfirst(apps.get_model(registration.object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        kind_label = registration.object_type
    return render_to_string("archive/registration_copy.html", {
        "registration": registration, "item": item, "kind_label": kind_label,
        "registered_at": timezone.localtime(registration.registered_at),
        "created_at": _local(item.get("created_at")), "edited_at": _local(item.get("edited_at")),
        "address": absolute_url(registration.url) if registration.url.startswith("/")
        else registration.url,
    })
