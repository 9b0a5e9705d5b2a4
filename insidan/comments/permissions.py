"""A comment is visible exactly when its target is (a blog post, a status update: see
targets.py), unless it was removed or is hidden; hidden comments stay visible to their author
and Webbredaktionen. selectors.comments_visible_to is the same rule as a queryset."""

from insidan.core.models import ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.visibility import can_view

from .targets import is_comment_target


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_comment(user, comment) -> bool:
    if not _is_employee(user) or comment.moderation_state == ModerationState.REMOVED:
        return False
    if comment.is_hidden and not (comment.user_id == user.pk or is_webbredaktionen(user)):
        return False
    target = comment.content_object
    return target is not None and is_comment_target(type(target)) and can_view(user, target)


def can_comment_on(user, target) -> bool:
    """The target must take comments, be visible and say it accepts them now
    (`accepts_comments(user)`)."""
    accepts = getattr(target, "accepts_comments", None)
    return bool(accepts and is_comment_target(type(target)) and can_view(user, target)
                and accepts(user))
