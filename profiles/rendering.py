"""List items of the profile pages rendered through the fragment cache
(insidan.core.fragments): which items are shown is decided per request by the selectors;
only each item's HTML is kept, under a key of everything it shows."""

from insidan.core.fragments import render_cached

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
