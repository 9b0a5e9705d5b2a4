"""Who sees what in a room, and who may do what. The presentation of every active room is
public to employees (so people can apply); what is inside a closed room is for its members and
Webbredaktionen only. selectors.py holds the queryset form of each visibility rule."""

from insidan.core.models import ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen

from .models import Room, RoomDocument


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_room(user, room: Room) -> bool:
    """The room's presentation."""
    if not _is_employee(user):
        return False
    return room.status != ChannelStatus.ARCHIVED or is_webbredaktionen(user)


def is_member(user, room: Room) -> bool:
    if not user.is_authenticated:
        return False
    known = getattr(room, "membership_read_for", None)  # set by selectors.access_room
    if known is not None and known[0] == user.pk:
        return known[1]
    return room.memberships.filter(user=user).exists()


def can_view_room_content(user, room: Room) -> bool:
    """Discussions, posts, documents and the member list."""
    if not can_view_room(user, room):
        return False
    if not room.is_closed or is_webbredaktionen(user):
        return True
    return is_member(user, room)


def is_room_manager(user, room: Room) -> bool:
    """Owner or deputy: they handle applications, members and documents."""
    return _is_employee(user) and room.is_owner_or_deputy(user)


def can_manage_room(user, room: Room) -> bool:
    """The owner page: the owner, the deputies and Webbredaktionen (which takes over a room
    whose owner has left)."""
    return can_view_room(user, room) and (
        is_room_manager(user, room) or is_webbredaktionen(user)
    )


def can_view_document(user, document: RoomDocument) -> bool:
    """A removed document is visible to nobody (only its tombstone is listed); a hidden one to
    its uploader, the room's owner and deputies and Webbredaktionen."""
    if not can_view_room_content(user, document.room):
        return False
    if document.moderation_state == ModerationState.REMOVED:
        return False
    if document.is_hidden:
        return (
            document.uploaded_by_id == user.pk
            or is_room_manager(user, document.room)
            or is_webbredaktionen(user)
        )
    return True


def can_upload_document(user, room: Room) -> bool:
    """Members of an active room (Webbredaktionen reads but does not take part)."""
    return _is_employee(user) and room.status == ChannelStatus.ACTIVE and is_member(user, room)


def can_remove_document(user, document: RoomDocument) -> bool:
    if not can_view_document(user, document):
        return False
    return (
        document.uploaded_by_id == user.pk
        or is_room_manager(user, document.room)
        or is_webbredaktionen(user)
    )
