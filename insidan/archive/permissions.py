"""Who may read the archive and who may register items.

The archive browser is for Webbredaktionen and the "Arkivarie" group (the city archive's
staff); both only read. Registering an item (diarieföring) is for the item's channel's owner
and deputies, whom the guideline makes responsible for it, and for Webbredaktionen.
"""

from django.db.models import Model

from insidan.core import visibility
from insidan.core.permissions import is_webbredaktionen

from .conf import archivist_group
from .models import Registration


def is_archivist(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.groups.filter(name=archivist_group()).exists()


def can_read_archive(user) -> bool:
    """Archive records, archive packages and registrations, in the admin."""
    return is_webbredaktionen(user) or is_archivist(user)


def channel_of(item: Model):
    """The room, forum or blog the item belongs to, or None (a profile, a status update)."""
    own = getattr(item, "archive_channel", None)
    if callable(own):
        return own()
    return item.archive_description().channel


def is_channel_manager(user, channel) -> bool:
    return channel is not None and channel.is_owner_or_deputy(user)


def can_register(user, item: Model) -> bool:
    """Register ("Registrera") an item: it must be visible to the user, and the user must be
    Webbredaktionen or an owner or deputy of the item's channel."""
    if not hasattr(item, "archive_description") or not visibility.can_view(user, item):
        return False
    return is_webbredaktionen(user) or is_channel_manager(user, channel_of(item))


def can_view_registration(user, registration: Registration, item: Model | None) -> bool:
    """The registration (the badge, the export): the archive's readers, and the owners and
    deputies of the item's channel as long as they may see the item."""
    if can_read_archive(user):
        return True
    if item is None or not visibility.can_view(user, item):
        return False
    return is_channel_manager(user, channel_of(item))
