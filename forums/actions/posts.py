"""Discussions, posts, edits, and the owner's pin and lock."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.models import ChannelStatus
from insidan.core.terms import require_current_terms
from insidan.core.text import render_markdown
from insidan.core.usertext import clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event
from insidan.security import ratelimit

from ..models import (
    DISCUSSION_TITLE_MAX_LENGTH,
    POST_MAX_LENGTH,
    Discussion,
    Follow,
    Forum,
    Post,
    PostVersion,
)
from ..permissions import can_edit_post, can_post, can_start_discussion, is_moderator
from ..selectors import followers_to_notify


def _clean_body(body: str) -> str:
    """The last line of defence behind the form: the same rules for every caller."""
    return clean_user_text(body, max_length=POST_MAX_LENGTH,
                           empty_message=_("Skriv något innan du skickar."),
                           too_long_message=_("Inlägget får vara högst %(max)s tecken."))


def _touch(discussion: Discussion, at) -> None:
    Discussion.objects.filter(pk=discussion.pk).update(
        last_post_at=at, post_count=F("post_count") + 1
    )
    channel_model = type(discussion.forum)
    channel_model.objects.filter(pk=discussion.forum_id).update(last_activity_at=at)
    if discussion.forum.room_id:
        from collab.models import Room

        Room.objects.filter(pk=discussion.forum.room_id).update(last_activity_at=at)


def create_room_forum(*, room) -> Forum:
    """The room's discussions: a forum tied to the room, needing no request. Called by the
    room's own creation action inside its transaction."""
    return Forum.objects.create(
        name=room.name,
        slug=f"rum-{room.slug}"[:80],
        owner=room.owner,
        approved_by=room.approved_by,
        purpose=room.purpose,
        target_group=room.target_group,
        watched_hours=room.watched_hours,
        room=room,
        status=ChannelStatus.ACTIVE,
    )


def start_discussion(*, actor, forum: Forum, title: str, body: str) -> Discussion:
    if not can_start_discussion(actor, forum):
        raise PermissionDenied(_("Du kan inte starta en diskussion i det här forumet."))
    title = clean_user_text(title, max_length=DISCUSSION_TITLE_MAX_LENGTH, multiline=False,
                            empty_message=_("Diskussionen behöver en rubrik."))
    body = _clean_body(body)
    with transaction.atomic():
        now = timezone.now()
        discussion = Discussion.objects.create(
            forum=forum, title=title, author=actor, created_at=now, last_post_at=now
        )
        post = _create_post(actor=actor, discussion=discussion, body=body, at=now)
        log(discussion, "wagtail.create", user=actor)
        _notify_followers(actor=actor, discussion=discussion, post=post, message=lambda: _(
            "%(name)s startade diskussionen ”%(title)s” i forumet %(forum)s.") % {
            "name": _name(actor), "title": discussion.title, "forum": forum.name})
    ratelimit.saved()
    return discussion


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _notify_followers(*, actor, discussion: Discussion, post: Post, message: str) -> None:
    """Followers of the discussion or its forum who may see it now (a member who left a closed
    room is not told); never the author (notify.send skips the actor). The writer follows the
    discussion from now on."""
    Follow.objects.get_or_create(user=actor, discussion=discussion)
    notify.send(event=Event.NEW_POST_FOLLOWED, recipients=followers_to_notify(discussion),
                actor=actor, target=post, message=message, url=post.get_absolute_url())


def _create_post(*, actor, discussion: Discussion, body: str, at, quoted=None,
                 moderator_note: bool = False) -> Post:
    post = Post.objects.create(
        discussion=discussion, author=actor, body=body, body_html=render_markdown(body),
        quoted=quoted, is_moderator_note=moderator_note, created_at=at,
    )
    _touch(discussion, at)
    return post


def reply(*, actor, discussion: Discussion, body: str, quoted: Post | None = None,
          moderator_note: bool = False) -> Post:
    """Post in a discussion. Moderator notes ("håll er till ämnet") are for moderators."""
    if not can_post(actor, discussion):
        if discussion.is_locked:
            raise PermissionDenied(_("Diskussionen är låst. Det går inte att skriva i den."))
        raise PermissionDenied(_("Du kan inte skriva i den här diskussionen."))
    if moderator_note and not is_moderator(actor, discussion.forum):
        raise PermissionDenied(_("Endast forumets ägare kan skriva moderatorns anteckningar."))
    if quoted is not None and quoted.discussion_id != discussion.pk:
        raise ValidationError(_("Du kan bara citera inlägg i samma diskussion."))
    body = _clean_body(body)
    with transaction.atomic():
        # Lock the discussion row so the lock check and the post are one step: a post can
        # never land in a discussion that was locked a moment before.
        locked = Discussion.objects.select_for_update().get(pk=discussion.pk)
        if locked.is_locked:
            raise PermissionDenied(_("Diskussionen är låst. Det går inte att skriva i den."))
        post = _create_post(actor=actor, discussion=locked, body=body, at=timezone.now(),
                            quoted=quoted, moderator_note=moderator_note)
        log(post, "wagtail.create", user=actor)
        _notify_followers(actor=actor, discussion=locked, post=post, message=lambda: _(
            "%(name)s skrev i diskussionen ”%(title)s”.") % {
            "name": _name(actor), "title": locked.title})
    ratelimit.saved()
    return post


def edit_post(*, actor, post: Post, body: str) -> Post:
    """The author edits their own post; the earlier version is kept."""
    if not can_edit_post(actor, post):
        raise PermissionDenied(_("Du kan bara redigera dina egna inlägg."))
    body = _clean_body(body)
    if body == post.body:
        return post
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        now = timezone.now()
        PostVersion.objects.create(
            post=post, body=post.body, body_html=post.body_html,
            written_at=post.edited_at or post.created_at, replaced_at=now, replaced_by=actor,
        )
        post.body, post.body_html, post.edited_at = body, render_markdown(body), now
        post.save(update_fields=["body", "body_html", "edited_at"])
        log(post, "wagtail.edit", user=actor)
    return post


def _moderate_discussion(*, actor, discussion: Discussion, field: str, value: bool,
                         action: str) -> Discussion:
    if not is_moderator(actor, discussion.forum):
        raise PermissionDenied(_("Endast forumets ägare och ställföreträdare kan moderera."))
    require_current_terms(actor, discussion.forum.kind)
    with transaction.atomic():
        setattr(discussion, field, value)
        discussion.save(update_fields=[field])
        log(discussion, action, user=actor)
    return discussion


def set_locked(*, actor, discussion: Discussion, locked: bool) -> Discussion:
    return _moderate_discussion(actor=actor, discussion=discussion, field="is_locked",
                                value=locked, action="insidan.forum.lock" if locked
                                else "insidan.forum.unlock")


def set_pinned(*, actor, discussion: Discussion, pinned: bool) -> Discussion:
    return _moderate_discussion(actor=actor, discussion=discussion, field="is_pinned",
                                value=pinned, action="insidan.forum.pin" if pinned
                                else "insidan.forum.unpin")
