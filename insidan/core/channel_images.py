"""A channel's image or illustration (the guideline's "Grafisk profil": every account gets "en
bild eller en illustration som symboliserar verksamheten"), with the alt text that tells a
reader who cannot see it what it shows (WCAG 1.1.1).

The room, forum and blog actions check who may change the presentation, then call
`replace_image` or `clear_image` here, so that every channel kind stores, logs and archives its
image the same way:

- the upload goes through insidan.core.images (Pillow's checks, metadata such as the GPS
  position removed from the stored original, renditions made once);
- the alt text is required with an image and goes through the personal-data guard: a
  personnummer is refused in Swedish and nothing changes;
- the image a channel had before is never deleted: its Wagtail image stays in the collection
  and the audit log entry names it and its alt text, the way a replaced profile photo is kept.
  The channel's archive package and snapshots hold the current image and every earlier one
  (`earlier_images`, read back from those log entries), each file with its alt text
  (insidan.archive.serialize.channel_package_items).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from . import images
from .personal_data import scan

ALT_MAX_LENGTH = 250
COLLECTION = "Kanalbilder"
# The presentation shows the large one; the lists (room directory, forum list, blog list)
# the small one.
RENDITIONS = {"small": "fill-96x96", "large": "fill-480x270"}


def clean_alt_text(value: str | None) -> str:
    """The action's own check behind the form's: required, one line, at most 250
    characters, no personnummer or samordningsnummer."""
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(
            _("Skriv en alternativtext som beskriver bilden för den som inte kan se den."),
            code="alt_required")
    if len(value) > ALT_MAX_LENGTH:
        raise ValidationError(_("Alternativtexten får vara högst %(max)s tecken.") % {
            "max": ALT_MAX_LENGTH}, code="alt_too_long")
    if "\x00" in value:
        raise ValidationError(_("Texten innehåller otillåtna tecken."))
    refused = scan(value).refusals
    if refused:
        raise ValidationError([str(finding.message) for finding in refused],
                              code="personal_data")
    return value


def _locked(channel):
    return type(channel).objects.select_for_update().get(pk=channel.pk)


def _previous(channel) -> dict:
    return {"previous_image": channel.image_id, "previous_alt_text": channel.image_alt}


def replace_image(*, actor, channel, upload=None, alt_text: str, log_action: str):
    """Give the channel a new image with its alt text, or with `upload` None change only the
    alt text of the image it has. The caller has checked the actor's right to change the
    presentation. Raises ValidationError and changes nothing for a bad image or alt text."""
    alt_text = clean_alt_text(alt_text)
    if upload is None and not channel.image_id:
        raise ValidationError(_("Välj en bild att ladda upp."), code="image_required")
    with transaction.atomic():
        locked = _locked(channel)
        data = _previous(locked)
        if upload is not None:
            locked.image = images.store_image(
                actor=actor, upload=upload, title=f"{locked.kind.label}: {locked.name}"[:255],
                collection_name=COLLECTION, file_stem=f"{locked.kind}-{locked.pk}",
                renditions=RENDITIONS.values())
        locked.image_alt = alt_text
        locked.save(update_fields=["image", "image_alt"])
        log(locked, log_action, user=actor,
            data={**data, "image": locked.image_id, "alt_text": alt_text})
    channel.image, channel.image_alt = locked.image, locked.image_alt
    return channel


def clear_image(*, actor, channel, log_action: str):
    """Take the image off the channel. The image itself is kept (the audit log names it)."""
    with transaction.atomic():
        locked = _locked(channel)
        if not locked.image_id:
            return channel
        data = _previous(locked)
        locked.image, locked.image_alt = None, ""
        locked.save(update_fields=["image", "image_alt"])
        log(locked, log_action, user=actor, data=data)
    channel.image, channel.image_alt = None, ""
    return channel


IMAGE_LOG_ACTIONS = r"^insidan\.[a-z]+\.image(_removed)?$"


def earlier_images(channel) -> list[tuple]:
    """The images the channel had before its current one, as (image, alt text, when it was
    replaced or taken off), oldest first: read from the audit log entries `replace_image` and
    `clear_image` write, so an image stays in the channel's archive after it is replaced."""
    from wagtail.images import get_image_model

    entries = (log_registry.get_logs_for_instance(channel)
               .filter(action__regex=IMAGE_LOG_ACTIONS).order_by("timestamp", "pk"))
    earlier: dict[int, tuple] = {}
    for entry in entries:
        data = entry.data or {}
        previous = data.get("previous_image")
        if previous and previous != data.get("image") and previous != channel.image_id:
            earlier[previous] = (data.get("previous_alt_text", ""), entry.timestamp)
    found = get_image_model().objects.in_bulk(list(earlier))
    return [(found[pk], alt, at) for pk, (alt, at) in earlier.items() if pk in found]
