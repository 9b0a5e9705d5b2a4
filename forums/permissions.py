"""The visibility rule for forums, discussions and posts (selectors.py has the queryset form).

Open forums are read by every employee; a room forum follows its room's content rule. A post
hidden pending review is visible to its author, the forum's moderators and Webbredaktionen;
a removed post is visible to nobody (only its tombstone stands in the discussion).
"""

from insidan.core.models import ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen

from .models import Discussion, Forum, Post


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_moderator(user, forum: Forum) -> bool:
    """Owner and deputies of the forum (for a room forum: of the room)."""
    if not _is_employee(user):
        return False
    channel = forum.room if forum.room_id else forum
    return channel.is_owner_or_deputy(user)


def can_view_forum(user, forum: Forum) -> bool:
    if not _is_employee(user):
        return False
    if is_webbredaktionen(user):
        return True
    if forum.status == ChannelStatus.ARCHIVED:
        return False
    if forum.status == ChannelStatus.REQUESTED:
        return forum.owner_id == user.pk
    if forum.room_id:
        from collab.permissions import can_view_room_content

        return can_view_room_content(user, forum.room)
    return True


def _can_see_hidden(user, item, forum: Forum) -> bool:
    return item.author_id == user.pk or is_moderator(user, forum) or is_webbredaktionen(user)


def can_view_discussion(user, discussion: Discussion) -> bool:
    if not can_view_forum(user, discussion.forum):
        return False
    if discussion.moderation_state == ModerationState.REMOVED:
        return False
    if discussion.is_hidden:
        return _can_see_hidden(user, discussion, discussion.forum)
    return True


def can_view_post(user, post: Post) -> bool:
    if not can_view_discussion(user, post.discussion):
        return False
    if post.moderation_state == ModerationState.REMOVED:
        return False
    if post.is_hidden:
        return _can_see_hidden(user, post, post.discussion.forum)
    return True


def can_post(user, discussion: Discussion) -> bool:
    """Write in a discussion: see it, the forum is active and the discussion is not locked.
    In a room forum only members write (Webbredaktionen reads but does not take part)."""
    if not can_view_discussion(user, discussion) or discussion.is_locked:
        return False
    return can_start_discussion(user, discussion.forum)


def can_start_discussion(user, forum: Forum) -> bool:
    if not can_view_forum(user, forum) or forum.status != ChannelStatus.ACTIVE:
        return False
    if forum.room_id:
        from collab.permissions import is_member

        return is_member(user, forum.room)
    return True


def can_edit_post(user, post: Post) -> bool:
    return (
        post.author_id == user.pk
        and post.moderation_state == ModerationState.VISIBLE
        and can_view_post(user, post)
        and not post.discussion.is_locked
    )


def can_view_forum_request(user, forum_request) -> bool:
    return _is_employee(user) and (
        forum_request.requester_id == user.pk or is_webbredaktionen(user)
    )


def managed_channel(forum: Forum):
    """Whose owner answers for the forum: the room, for a room forum."""
    return forum.room if forum.room_id else forum


def can_manage_forum(user, forum: Forum) -> bool:
    """The forum's owner page: its owner and deputies (of the room, for a room forum) and
    Webbredaktionen."""
    return can_view_forum(user, forum) and (is_moderator(user, forum)
                                            or is_webbredaktionen(user))


def can_move_discussion(user, discussion: Discussion, to_forum: Forum) -> bool:
    """Move a discussion between two forums the user moderates both of (Webbredaktionen may
    move between any two). The target must take posts; removed discussions stay put."""
    if discussion.forum_id == to_forum.pk or discussion.is_removed:
        return False
    if to_forum.status != ChannelStatus.ACTIVE or not can_view_discussion(user, discussion):
        return False
    if is_webbredaktionen(user):
        return can_view_forum(user, to_forum)
    return is_moderator(user, discussion.forum) and is_moderator(user, to_forum)


def can_request_decommission(user, forum: Forum) -> bool:
    """The owner asks (the guideline: "kontaktar ägaren webbredaktionen"); for a room forum,
    the room's owner, who decommissions the room as a whole on the room's own page. (The
    action also says when decommissioning is already under way.)"""
    return (can_view_forum(user, forum) and _is_employee(user)
            and managed_channel(forum).owner_id == user.pk)


def can_view_decommission_request(user, decommission) -> bool:
    """Who asked, the owner who answers for the forum now, and Webbredaktionen."""
    return _is_employee(user) and (
        decommission.requested_by_id == user.pk
        or managed_channel(decommission.forum).owner_id == user.pk
        or is_webbredaktionen(user)
    )
