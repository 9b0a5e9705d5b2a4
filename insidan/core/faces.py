"""Faces: the small photo (or the initials) shown beside a person's name in lists.

A face is decorative: the person's name is always written beside it, so the image has an
empty alt text and the initials are hidden from screen readers. The photo is a rendition
served by the profiles app's permission-checked view (`profiles:photo`), addressed by
username, with the photo's id as a version in the URL (a new photo is a new image row, so a
browser never shows the old one from its cache).

Lists must read the photo with their rows: a user's face comes from `user.profile`, which a
list loads with select_related("…__profile"); `face_of` never queries for a profile that was
not loaded with the row. Feed sources that read values instead of objects use
`author_photo_id`. `Face.key` is what a fragment cache key needs of it: a fragment that shows
a face is keyed on the photo's identity, so a new or removed photo is never hidden behind a
cached fragment.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import OuterRef, Subquery


@dataclass(frozen=True)
class Face:
    username: str
    first_name: str = ""
    last_name: str = ""
    photo_id: int | None = None
    is_active: bool = True

    @property
    def initials(self) -> str:
        letters = (self.first_name[:1] + self.last_name[:1]) or self.username[:1]
        return letters.upper()

    @property
    def shows_photo(self) -> bool:
        # A deactivated person's profile is not visible, so the photo view would answer 404.
        return bool(self.photo_id) and self.is_active

    @property
    def key(self) -> tuple:
        return (self.username, self.initials, self.photo_id if self.shows_photo else None)


def face_of(user) -> Face | None:
    """The face of a user whose profile was loaded with it (select_related), or of one
    without a profile. A profile that was not loaded is not fetched: the face then shows the
    initials, and a test of the list's query count is where a missing select_related shows."""
    if user is None:
        return None
    profile = None
    if user._meta.get_field("profile").is_cached(user):
        try:
            profile = user.profile
        except ObjectDoesNotExist:  # select_related found no profile
            profile = None
    return Face(username=user.get_username(), first_name=user.first_name,
                last_name=user.last_name, photo_id=profile.photo_id if profile else None,
                is_active=user.is_active)


def face_key(user) -> tuple:
    """A user's face as a fragment cache key part."""
    face = face_of(user)
    return face.key if face else ()


def author_photo_id(author_field: str = "author_id") -> dict:
    """The author's photo id as a subquery on each row, beside `feed.author_names`; none for
    a deactivated author, whose profile (and so photo) nobody may see."""
    author = get_user_model().objects.filter(pk=OuterRef(author_field), is_active=True)
    return {"author_photo_id": Subquery(author.values("profile__photo_id")[:1])}
