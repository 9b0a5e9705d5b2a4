"""List items of the room pages rendered through the fragment cache
(insidan.core.fragments): which rooms are listed is decided per request by the selectors;
only each item's HTML is kept, under a key of every value it shows."""

from insidan.core.fragments import render_cached, stamp

from .models import Room


def room_items(rooms: list[Room]) -> list[str]:
    """The directory's rows (room_directory's annotated rooms). The key holds every value a
    row shows, the viewer's membership included, so a cached row is never out of date."""

    def key(room):
        owner = room.owner
        return ("room", room.pk, room.name, room.slug, room.room_kind, room.is_closed,
                room.status, room.purpose, owner.username, owner.first_name, owner.last_name,
                room.member_count, room.is_member, stamp(room.last_activity_at))

    return render_cached("collab/_room_item.html", rooms, key=key, item_name="room")
