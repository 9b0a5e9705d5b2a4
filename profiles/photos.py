"""Profile photos: checked with Pillow before anything is stored, kept as Wagtail images in a
collection of their own, and served only as renditions through a login-checked view.

Why a view and not MEDIA_URL: media are not served by the web server in this project (DESIGN:
"local media folder, served only through permission-checked views"), and a photo of a person is
personal data that the intranet shows to employees only. The view serves renditions only, never
the original upload, so the camera's EXIF data (which can hold a GPS position) never leaves the
server: Willow does not copy metadata into renditions.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image as PILImage

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
PHOTO_COLLECTION = "Profilfoton"
# The renditions the site shows; made once when the photo is uploaded.
RENDITIONS = {"small": "fill-64x64", "large": "fill-200x200"}


def max_bytes() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", MAX_BYTES)


def max_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", MAX_PIXELS)


def check_photo(upload) -> str:
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


def photo_collection():
    from wagtail.models import Collection

    existing = Collection.objects.filter(name=PHOTO_COLLECTION).first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name=PHOTO_COLLECTION)


def make_renditions(image) -> None:
    """Generate every size now, so that no page request has to."""
    for spec in RENDITIONS.values():
        image.get_rendition(spec)
