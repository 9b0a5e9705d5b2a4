"""Who sees what in a room. The presentation of every active room is public to employees (so
people can apply); what is inside a closed room is for its members and Webbredaktionen only."""

from insidan.core.models import ChannelStatus
from insidan.core.permissions import is_webbredaktionen

from .models import Room


def can_view_room(user, room: Room) -> bool:
    """The room's presentation."""
    if not user.is_authenticated or not user.is_active:
        return False
    return room.status != ChannelStatus.ARCHIVED or is_webbredaktionen(user)


def is_member(user, room: Room) -> bool:
    return bool(user.is_authenticated and room.memberships.filter(user=user).exists())


def can_view_room_content(user, room: Room) -> bool:
    """Discussions, posts, documents and the member list."""
    if not can_view_room(user, room):
        return False
    if not room.is_closed or is_webbredaktionen(user):
        return True
    return is_member(user, room)
