"""A comment is visible exactly when its target is (blog post, status update), unless it was
removed or is hidden; hidden comments stay visible to their author and Webbredaktionen."""

from insidan.core.models import ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.visibility import can_view


def can_view_comment(user, comment) -> bool:
    if comment.moderation_state == ModerationState.REMOVED:
        return False
    if not can_view(user, comment.content_object):
        return False
    if comment.is_hidden:
        return comment.user_id == user.pk or is_webbredaktionen(user)
    return True


def can_comment_on(user, target) -> bool:
    """The target must be visible and say it takes comments (`accepts_comments(user)`)."""
    accepts = getattr(target, "accepts_comments", None)
    return bool(accepts and can_view(user, target) and accepts(user))
