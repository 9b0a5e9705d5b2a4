"""Profile photos: the profile's collection and sizes. Checking an upload, storing its pixels
without metadata (EXIF with the GPS position, XMP, IPTC) and serving renditions only is shared
with channel images and lives in insidan/core/images.py; its module docstring says why."""

from insidan.core import images
from insidan.core.images import (  # noqa: F401  (the names the profile code has always used)
    ALLOWED_FORMATS,
    MAX_BYTES,
    MAX_PIXELS,
    has_metadata,
    max_bytes,
    max_pixels,
    without_metadata,
)
from insidan.core.images import check_image as check_photo  # noqa: F401

PHOTO_COLLECTION = "Profilfoton"
# The renditions the site shows; made once when the photo is uploaded.
RENDITIONS = {"small": "fill-64x64", "large": "fill-200x200"}


def photo_collection():
    return images.collection(PHOTO_COLLECTION)


def make_renditions(image) -> None:
    """Generate every size now, so that no page request has to."""
    images.make_renditions(image, RENDITIONS.values())
