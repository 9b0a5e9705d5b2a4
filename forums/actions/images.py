"""The forum's image or illustration: set, replaced or taken off from the forum's owner page
by its owner, a deputy or Webbredaktionen (who may manage the forum). A room's forum shows the
room's own image, which is changed on the room's page. The shared rules (upload checks, alt
text, audit log, the old image kept) are in insidan.core.channel_images."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from insidan.core import channel_images
from insidan.core.models import ChannelStatus

from ..models import Forum
from ..permissions import can_manage_forum
from .channels import _require_owner_terms


def _require_image_editor(actor, forum: Forum) -> None:
    if not can_manage_forum(actor, forum):
        raise PermissionDenied(_("Endast forumets ägare kan ändra forumets bild."))
    if forum.room_id:
        raise ValidationError(_("Ett rums forum visar rummets bild. Ändra den på rummets "
                                "sida."), code="room_forum")
    if forum.status != ChannelStatus.ACTIVE:
        raise ValidationError(_("Forumet är inte aktivt, så det går inte att ändra det nu."))
    _require_owner_terms(actor, forum)


def set_forum_image(*, actor, forum: Forum, alt_text: str, upload=None) -> Forum:
    """A new image with its alt text, or (without `upload`) a new alt text for the image the
    forum has. ValidationError, and nothing changed, for a bad image or alt text."""
    _require_image_editor(actor, forum)
    return channel_images.replace_image(actor=actor, channel=forum, upload=upload,
                                        alt_text=alt_text, log_action="insidan.forum.image")


def remove_forum_image(*, actor, forum: Forum) -> Forum:
    _require_image_editor(actor, forum)
    return channel_images.clear_image(actor=actor, channel=forum,
                                      log_action="insidan.forum.image_removed")
