"""Uploaded images (profile photos, channel images): checked with Pillow before anything is
stored, stored without their metadata, kept as Wagtail images in a collection of their own, and
served only as renditions through login-checked views.

Why a view and not MEDIA_URL: media are not served by the web server in this project (DESIGN:
"local media folder, served only through permission-checked views"), and a photo may show a
person, which is personal data that the intranet shows to employees only.

Why the metadata goes before the image is stored: a phone photo's EXIF holds where it was taken
(GPS), when, the camera's serial number and maker notes, and XMP or IPTC blocks can repeat them.
Willow copies the source's EXIF into every rendition it saves, so serving renditions only is no
protection: the original itself must hold nothing but pixels. `without_metadata` writes a new
file from the decoded pixels, with the EXIF orientation applied first so that a portrait taken
on a phone is not shown on its side once the tag that turned it is gone.

What is profile-specific (the photo collection, its sizes) stays in profiles/photos.py; what a
channel's image adds (alt text, the channel's audit log) is in insidan/core/channel_images.py.
"""

import io
import mimetypes
import warnings
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# What the file inputs offer; the server checks the content with Pillow whatever the browser sent.
ACCEPT = "image/jpeg,image/png,image/webp"
# How an image is written again without its metadata. Only the colour profile (passed on
# explicitly, so that colours stay right) and a PNG's transparent colour are kept.
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}
KEPT_INFO = ("transparency",)


def max_bytes() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", MAX_BYTES)


def max_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", MAX_PIXELS)


def check_image(upload) -> str:
    """Refuse anything that is not a JPEG, PNG or WebP of at most 10 MB and 40 megapixels.

    Returns the file extension for the format Pillow found (the upload's own name and content
    type are not trusted). The pixel count is read from the header before any decoding, and
    Pillow's decompression bomb warning is turned into an error, so a small file that would
    expand to gigabytes in memory is refused without being decoded.
    """
    bomb = _("Bilden är för stor för att öppnas (den är gjord för att packas upp till en "
             "enorm bild). Välj en annan bild.")
    size = getattr(upload, "size", None)
    if size is None or size > max_bytes():
        raise ValidationError(_("Bilden får vara högst %(mb)s MB.") % {
            "mb": max_bytes() // (1024 * 1024)}, code="too_large")
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(_("Bilden måste vara en JPEG-, PNG- eller WebP-fil."),
                                          code="format")
                if width * height > max_pixels():
                    raise ValidationError(
                        _("Bilden har för många bildpunkter (%(mp)s megapixel). Högst "
                          "%(max)s megapixel.") % {"mp": round(width * height / 1e6, 1),
                                                   "max": max_pixels() // 1_000_000},
                        code="too_many_pixels")
                image.verify()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(bomb, code="decompression_bomb") from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds for files that are not images
        raise ValidationError(_("Filen är ingen bild som går att läsa. Välj en JPEG-, PNG- "
                                "eller WebP-bild."), code="not_an_image") from None
    finally:
        upload.seek(0)
    return ALLOWED_FORMATS[image_format]


def without_metadata(upload) -> ContentFile:
    """A new file of the same format holding only the pixels of an image that `check_image`
    accepted, turned upright by its EXIF orientation: no EXIF (GPS, maker notes, times), XMP,
    IPTC/Photoshop block, comment or text chunk. An animated image keeps its first frame.

    The image is decoded in full here (`check_image` only read its header), so a truncated
    file or an EXIF block Pillow cannot read is refused now, with the reason, instead of
    failing later when the renditions are made.
    """
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as opened:
                image_format = opened.format
                icc_profile = opened.info.get("icc_profile")
                upright = ImageOps.exif_transpose(opened)
        pixels = upright.copy()  # a fresh image: no cached EXIF, nothing else from the file
        pixels.info = {key: upright.info[key] for key in KEPT_INFO if key in upright.info}
        options = dict(SAVE_OPTIONS[image_format])
        if icc_profile:
            options["icc_profile"] = icc_profile
        buffer = io.BytesIO()
        pixels.save(buffer, image_format, **options)
    except Exception:  # a truncated file, an unreadable EXIF block: Pillow raises many kinds
        raise ValidationError(_("Bilden går inte att läsa in helt (filen kan vara trasig "
                                "eller ofullständig). Spara om bilden eller välj en annan."),
                              code="unreadable") from None
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue())


# What Pillow reports for the metadata `without_metadata` removes; JPEG APP segments other than
# JFIF (APP0), the colour profile (APP2) and Adobe's colour transform (APP14) count as well.
METADATA_INFO = ("exif", "xmp", "photoshop", "comment", "XML:com.adobe.xmp")
HARMLESS_JPEG_SEGMENTS = {"APP0", "APP2", "APP14"}


def has_metadata(file) -> bool:
    """Whether a stored image still holds metadata (one written before `without_metadata`)."""
    file.seek(0)
    with PILImage.open(file) as image:
        segments = {marker for marker, _data in getattr(image, "applist", [])}
        return (any(key in image.info for key in METADATA_INFO)
                or bool(getattr(image, "text", None))
                or bool(segments - HARMLESS_JPEG_SEGMENTS))


def collection(name: str):
    """The Wagtail collection of that name under the root, made the first time."""
    from wagtail.models import Collection

    existing = Collection.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name=name)


def make_renditions(image, specs: Iterable[str]) -> None:
    """Generate every size now, so that no page request has to."""
    for spec in specs:
        image.get_rendition(spec)


def store_image(*, actor, upload, title: str, collection_name: str, file_stem: str,
                renditions: Iterable[str]):
    """Check an upload, store its pixels without metadata as a Wagtail image in the named
    collection and make its renditions. Raises ValidationError (in Swedish) for anything that
    is not a readable JPEG, PNG or WebP within the limits; then nothing is stored.

    Call it inside the caller's transaction, after the caller's permission check."""
    from wagtail.images import get_image_model

    extension = check_image(upload)
    pixels = without_metadata(upload)
    image = get_image_model()(title=title, collection=collection(collection_name),
                              uploaded_by_user=actor)
    image.file = ImageFile(pixels, name=f"{file_stem}.{extension}")
    image._set_image_file_metadata()
    image.save()
    make_renditions(image, renditions)
    return image


def rendition_response(image, spec: str) -> FileResponse:
    """A stored rendition as a response: never the original upload. The caller has checked
    that the viewer may see what the image belongs to; the browser may keep it privately."""
    rendition = image.get_rendition(spec)
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response
