"""Which files a room accepts: an allow-list checked by content, not only by name.

The extension must be on the list and the bytes must be what the extension says: a PDF must
start like a PDF, a .docx must be an Office Open XML package. Text and CSV have no signature, so
they must decode as text and contain no binary control bytes. SVG, HTML and anything scriptable
are refused: a browser would run them. Legacy binary Office formats (.doc, .xls, .ppt) are left
out because they can carry macros that nothing here can inspect.
"""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SNIFF_BYTES = 64 * 1024

# extension → the MIME type the content must sniff as (None: plain text, checked separately)
ALLOWED_TYPES: dict[str, str | None] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "txt": None,
    "csv": None,
}
TEXT_TYPES = {"txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def max_document_bytes() -> int:
    return getattr(settings, "ROOM_DOCUMENT_MAX_BYTES", 25 * 1024 * 1024)


def room_quota_bytes() -> int:
    return getattr(settings, "ROOM_QUOTA_BYTES", 2 * 1024 * 1024 * 1024)


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str


def _refused() -> ValidationError:
    return ValidationError(
        _("Filtypen är inte tillåten. Tillåtna filer: PDF, Word, Excel, PowerPoint, "
          "OpenDocument, text, CSV och bilder (PNG, JPEG, GIF, WebP)."),
        code="file_type",
    )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    if any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0C, 0x0D) for byte in head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multibyte character cut at the end of the sample is still text.
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def check_size(size: int) -> None:
    if size <= 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    if size > max_document_bytes():
        raise ValidationError(
            _("Filen är för stor. Största tillåtna storlek är %(max)s.")
            % {"max": filesizeformat(max_document_bytes())},
            code="too_large",
        )


def check_file(uploaded) -> CheckedFile:
    """Size and type of an uploaded file; raises ValidationError with a message for the user."""
    check_size(uploaded.size)
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise _refused()
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    expected = ALLOWED_TYPES[extension]
    guessed = filetype.guess(head)
    if expected is None:
        if guessed is not None or not _looks_like_text(head):
            raise _refused()
        return CheckedFile(extension, TEXT_TYPES[extension])
    if guessed is None or guessed.mime != expected:
        raise _refused()
    return CheckedFile(extension, expected)
