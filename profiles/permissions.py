"""The visibility rules for profiles and status updates (selectors.py has the queryset form).

Profiles are seen by every employee (the guideline: "Profilsidorna kan ses av alla som besöker
Insidan"); a deactivated employee's profile by nobody. Status updates are always public to every
employee; one hidden pending review is seen by its author and Webbredaktionen, a removed one by
nobody (its tombstone stands in its place). A departed employee's status updates stay, with
their name, like every other post.
"""

from insidan.core.models import ModerationState
from insidan.core.permissions import is_webbredaktionen

from .models import Profile, StatusUpdate


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_profile(user, profile: Profile) -> bool:
    return _is_employee(user) and profile.user.is_active


def can_edit_profile(user, profile: Profile) -> bool:
    """Only the employee: the staff directory's fields are not edited here at all."""
    return _is_employee(user) and profile.user_id == user.pk


def can_post_status(user) -> bool:
    return _is_employee(user)


def can_view_status_update(user, update: StatusUpdate) -> bool:
    if not _is_employee(user) or update.moderation_state == ModerationState.REMOVED:
        return False
    if update.is_hidden:
        return update.author_id == user.pk or is_webbredaktionen(user)
    return True
