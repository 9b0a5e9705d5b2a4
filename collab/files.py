"""Which files a room accepts: an allow-list checked by content, not only by name.

The extension must be on the list and the bytes must be what the extension says: a PDF must
start like a PDF, a .docx must be an Office Open XML package. Text and CSV have no signature, so
they must decode as text and contain no binary control bytes. SVG, HTML and anything scriptable
are refused: a browser would run them. Legacy binary Office formats (.doc, .xls, .ppt) are left
out because they can carry macros that nothing here can inspect.
"""

import unicodedata
import zipfile
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
# Office Open XML and OpenDocument files are zip packages: their contents are listed (the
# central directory, nothing is unpacked) and refused if they would unpack to more than this.
PACKAGE_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}


def max_document_bytes() -> int:
    return getattr(settings, "ROOM_DOCUMENT_MAX_BYTES", 25 * 1024 * 1024)


def max_unpacked_bytes() -> int:
    return getattr(settings, "ROOM_DOCUMENT_MAX_UNPACKED_BYTES", 250 * 1024 * 1024)


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


def check_name(name: str) -> None:
    """Control characters (NUL, line breaks, escape sequences) and invisible format characters
    (a right-to-left override makes "bild\u202etxt.exe" look like "bildexe.txt") are refused:
    the name is shown to others and sent back in a download header."""
    if any(unicodedata.category(char) in {"Cc", "Cf"} for char in name):
        raise ValidationError(
            _("Filnamnet innehåller osynliga tecken eller styrtecken. Byt namn på filen och "
              "ladda upp den igen."),
            code="file_name",
        )


def _check_package(uploaded) -> None:
    """A zip package that does not open, or that would unpack to far more than anyone's
    document (a zip bomb), is refused without unpacking anything."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as package:
            unpacked = sum(entry.file_size for entry in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refused() from None
    finally:
        uploaded.seek(0)
    if unpacked > max_unpacked_bytes():
        raise ValidationError(
            _("Filen skulle packas upp till %(size)s, mer än de %(max)s ett dokument får bli. "
              "Den kan vara skadad. Spara den på nytt och ladda upp den igen.")
            % {"size": filesizeformat(unpacked), "max": filesizeformat(max_unpacked_bytes())},
            code="unpacked_too_large",
        )


def check_file(uploaded) -> CheckedFile:
    """Size, name and type of an uploaded file; raises ValidationError with a message for the
    user."""
    check_size(uploaded.size)
    name = uploaded.name or ""
    check_name(name)
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
    if extension in PACKAGE_EXTENSIONS:
        _check_package(uploaded)
    return CheckedFile(extension, expected)
