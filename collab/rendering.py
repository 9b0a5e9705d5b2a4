"""List items of the room pages rendered through the fragment cache
(insidan.core.fragments): which rooms are listed is decided per request by the selectors;
only each item's HTML is kept, under a key of every value it shows."""

from insidan.core.faces import face_key
from insidan.core.fragments import person, render_cached, stamp

from .models import Room


def room_items(rooms: list[Room]) -> list[str]:
    """The directory's rows (room_directory's annotated rooms). The key holds every value a
    row shows, the viewer's membership included, so a cached row is never out of date."""

    def key(room):
        owner = room.owner
        return ("room", room.pk, room.name, room.slug, room.room_kind, room.is_closed,
                room.status, room.purpose, owner.username, owner.first_name, owner.last_name,
                room.member_count, room.is_member, stamp(room.last_activity_at),
                room.image_id, room.image_alt)

    return render_cached("collab/_room_item.html", rooms, key=key, item_name="room")



def member_items(memberships: list) -> list[str]:
    """The room page's member names and faces, keyed on the name, username and photo each
    shows."""
    return render_cached("collab/_member_item.html", memberships, item_name="membership",
                         key=lambda membership: ("member", person(membership.user),
                                                 face_key(membership.user)))


def document_items(room: Room, documents: list) -> list[str]:
    """The room page's latest documents (already filtered by the visibility rule), keyed on
    every value a row shows; the room's slug is in the link."""

    def key(document):
        return ("document", document.pk, room.slug, document.title, document.size,
                person(document.uploaded_by), stamp(document.uploaded_at))

    return render_cached("collab/_document_item.html", documents, key=key,
                         item_name="document", context={"room": room})


def discussion_items(discussions: list[tuple]) -> list[str]:
    """The room page's latest discussions as (discussion, url), keyed on every value a row
    shows."""

    def key(item):
        discussion, url = item
        return ("discussion", discussion.pk, url, discussion.title, discussion.post_count,
                stamp(discussion.last_post_at))

    return render_cached("collab/_discussion_item.html", discussions, key=key)
