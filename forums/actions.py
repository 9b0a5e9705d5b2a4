"""Every state change in forums: discussions, posts, edits, moderation."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.actions import accept_terms
from insidan.core.models import ChannelKind, ChannelStatus
from insidan.core.permissions import is_webbredaktionen
from insidan.core.personal_data import scan
from insidan.core.terms import current_terms, require_current_terms
from insidan.core.text import render_markdown
from insidan.notify import api as notify
from insidan.notify.events import Event

from .models import POST_MAX_LENGTH, Discussion, Forum, ForumRequest, Post, PostVersion
from .permissions import can_edit_post, can_post, can_start_discussion, is_moderator


def _clean_body(body: str) -> str:
    """The last line of defence behind the form: the same rules for every caller."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Skriv något innan du skickar."))
    if len(body) > POST_MAX_LENGTH:
        raise ValidationError(
            _("Inlägget får vara högst %(max)s tecken.") % {"max": f"{POST_MAX_LENGTH:,}"}
        )
    if "\x00" in body:
        raise ValidationError(_("Texten innehåller otillåtna tecken."))
    refused = scan(body).refusals
    if refused:
        raise ValidationError([str(finding.message) for finding in refused])
    return body


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
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Diskussionen behöver en rubrik."))
    refused = scan(title).refusals
    if refused:
        raise ValidationError([str(finding.message) for finding in refused])
    body = _clean_body(body)
    with transaction.atomic():
        now = timezone.now()
        discussion = Discussion.objects.create(
            forum=forum, title=title[:200], author=actor, created_at=now, last_post_at=now
        )
        _create_post(actor=actor, discussion=discussion, body=body, at=now)
        log(discussion, "wagtail.create", user=actor)
    return discussion


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
        followers = [p.author for p in locked.posts.select_related("author").distinct()]
        notify.send(
            event=Event.NEW_POST_FOLLOWED,
            recipients={u.pk: u for u in followers}.values(),
            actor=actor,
            target=post,
            message=_("%(name)s skrev i diskussionen ”%(title)s”.") % {
                "name": actor.get_full_name() or actor.get_username(), "title": locked.title},
            url=post.get_absolute_url(),
        )
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


def request_forum(*, actor, name: str, purpose: str, target_group: str, watched_hours: str,
                  approved_by, terms) -> "ForumRequest":
    """Ask Webbredaktionen for a new open forum; the requester accepts the current terms."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied
    if terms is None or terms != current_terms(ChannelKind.FORUM):
        raise ValidationError(_("Läs och godkänn de gällande villkoren för forum."))
    if approved_by is None or approved_by.pk == actor.pk:
        raise ValidationError(_("Ange den chef eller processledare du har talat med."))
    with transaction.atomic():
        accept_terms(actor=actor, terms=terms)
        forum_request = ForumRequest.objects.create(
            requester=actor, name=name.strip(), purpose=purpose.strip(),
            target_group=target_group.strip(), watched_hours=watched_hours.strip(),
            approved_by=approved_by, terms=terms,
        )
        log(forum_request, "wagtail.create", user=actor)
        editors = Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP).user_set.all()
        notify.send(
            event=Event.CHANNEL_REQUEST, recipients=editors, actor=actor, target=forum_request,
            message=_("%(name)s begär ett nytt forum: ”%(forum)s”.") % {
                "name": actor.get_full_name() or actor.get_username(), "forum": name},
            url=f"/admin/forum-requests/edit/{forum_request.pk}/",
        )
    return forum_request


def _unique_slug(name: str) -> str:
    base = slugify(name.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:70] or "forum"
    slug, n = base, 1
    while Forum.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def decide_forum_request(*, actor, forum_request, approve: bool, message: str = ""):
    """Webbredaktionen sets the forum up (or declines); the requester is told either way."""
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen beslutar om nya forum."))
    if not approve and not message.strip():
        raise ValidationError(_("Skriv varför begäran avslås."))
    with transaction.atomic():
        forum_request = ForumRequest.objects.select_for_update().get(pk=forum_request.pk)
        if forum_request.status != ForumRequest.Status.PENDING:
            raise ValidationError(_("Begäran är redan avgjord."))
        now = timezone.now()
        if approve:
            forum_request.forum = Forum.objects.create(
                name=forum_request.name, slug=_unique_slug(forum_request.name),
                owner=forum_request.requester, approved_by=forum_request.approved_by,
                purpose=forum_request.purpose, target_group=forum_request.target_group,
                watched_hours=forum_request.watched_hours, status=ChannelStatus.ACTIVE,
            )
        forum_request.status = (ForumRequest.Status.APPROVED if approve
                                else ForumRequest.Status.DECLINED)
        forum_request.decided_by, forum_request.decided_at = actor, now
        forum_request.decision_message = message.strip()
        forum_request.save(update_fields=["status", "decided_by", "decided_at",
                                          "decision_message", "forum"])
        log(forum_request, "insidan.forum.request_approve" if approve
            else "insidan.forum.request_decline", user=actor)
        text = (_("Ditt forum ”%(name)s” är upplagt.") if approve
                else _("Din begäran om forumet ”%(name)s” har avslagits.")) % {
            "name": forum_request.name}
        if message.strip():
            text += " " + _("Meddelande från webbredaktionen: %(message)s") % {
                "message": message.strip()}
        notify.send(
            event=Event.CHANNEL_REQUEST_DECIDED, recipients=[forum_request.requester],
            actor=actor, target=forum_request.forum or forum_request, message=text,
            url=forum_request.forum.get_absolute_url() if approve else "/forum/",
        )
    return forum_request
