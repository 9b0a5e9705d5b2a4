"""List items of the profile pages rendered through the fragment cache
(insidan.core.fragments): which items are shown is decided per request by the selectors;
only each item's HTML is kept, under a key of everything it shows."""

from insidan.core.faces import face_key
from insidan.core.fragments import person, render_cached, stamp

from .models import Profile


def person_items(profiles: list[Profile]) -> list[str]:
    """The people finder's rows. The key holds every value the row shows (staff-directory
    fields change without a timestamp), so a cached row is never out of date."""

    def key(profile):
        user, department = profile.user, profile.department
        return ("person", profile.pk, user.username, user.first_name, user.last_name,
                profile.title, department.name if department else "", profile.phone,
                profile.photo_id)

    return render_cached("profiles/_person_item.html", profiles, key=key, item_name="profile")



def status_items(user, updates: list[tuple]) -> list[str]:
    """A profile's status updates with their comments, as (update, comments) already
    filtered by the visibility rules. The key holds every value the item shows: the update's
    and each comment's text, state, reasons, times and writer (with the writer's photo), so
    no change goes unseen."""

    def key(item):
        update, comments = item
        return ("status", update.pk, update.moderation_state, update.moderation_reason,
                update.editorial_edit_reason, update.body_html, stamp(update.created_at),
                stamp(update.edited_at), person(update.author), user.is_authenticated,
                tuple((comment.pk, comment.level, comment.is_removed, comment.moderation_state,
                       comment.moderation_reason, comment.editorial_edit_reason,
                       comment.comment_html, stamp(comment.submit_date),
                       person(comment.user), face_key(comment.user))
                      for comment in comments))

    return render_cached("profiles/_status_item.html", updates, key=key,
                         context={"user": user})
