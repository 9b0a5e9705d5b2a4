"""Photos stored before profile photos lost their metadata on upload (issue 17): their
originals, and the renditions Willow made from them, still hold the camera's EXIF (a GPS
position, maker notes). `strip_photo_metadata` writes such a photo again the way `set_photo`
now stores one, and makes its renditions anew. It runs as the system or a superuser, from the
`strip_photo_metadata` management command."""

import os

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.log_actions import log
from wagtail.tasks import delete_file_from_storage_task

from .. import photos


def _may_maintain_photos(actor) -> bool:
    return actor is None or (actor.is_active and actor.is_superuser)


def strip_photo_metadata(*, actor, image) -> bool:
    """Replace a stored photo's file by its pixels without metadata, upright, and its
    renditions by new ones; False (and nothing changed) when the file holds no metadata.

    The old file, which holds the metadata, is deleted once the change is committed (Wagtail
    deletes the old renditions' files the same way). A file Pillow cannot read raises the
    ValidationError of `photos.without_metadata` and changes nothing.
    """
    if not _may_maintain_photos(actor):
        raise PermissionDenied
    with image.file.open("rb") as stored:
        data = stored.read()
    if not photos.has_metadata(ContentFile(data)):
        return False
    pixels = photos.without_metadata(ContentFile(data))
    old_name, storage = image.file.name, image.file.storage
    with transaction.atomic():
        image.file = ImageFile(pixels, name=os.path.basename(old_name))
        image._set_image_file_metadata()
        image.save()
        image.renditions.all().delete()
        photos.make_renditions(image)
        log(image, "insidan.profile.photo_metadata_removed", user=actor)
        transaction.on_commit(lambda: delete_file_from_storage_task.enqueue(
            storage.deconstruct(), old_name))
    return True
