"""The room's image or illustration: set, replaced or taken off by whoever may change the
room's presentation (owner, deputy, Webbredaktionen). The shared rules (upload checks, alt
text, audit log, the old image kept) are in insidan.core.channel_images."""

from django.utils.translation import gettext as _

from insidan.core import channel_images

from ..models import Room
from ._common import require_active, require_manager

FORBIDDEN = _("Endast rummets ägare kan ändra rummets bild.")


def set_room_image(*, actor, room: Room, alt_text: str, upload=None) -> Room:
    """A new image with its alt text, or (without `upload`) a new alt text for the image the
    room has. ValidationError, and nothing changed, for a bad image or alt text."""
    require_manager(actor, room, str(FORBIDDEN))
    require_active(room)
    return channel_images.replace_image(actor=actor, channel=room, upload=upload,
                                        alt_text=alt_text, log_action="insidan.room.image")


def remove_room_image(*, actor, room: Room) -> Room:
    require_manager(actor, room, str(FORBIDDEN))
    require_active(room)
    return channel_images.clear_image(actor=actor, channel=room,
                                      log_action="insidan.room.image_removed")
