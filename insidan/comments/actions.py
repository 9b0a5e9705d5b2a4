"""Posting comments. The only way a comment is created: django-comments-xtd's own views are not
routed (its API lists and counts comments on any object for anyone, and its create view does not
check that the user may see the target)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.models import ModerationState
from insidan.core.text import render_markdown
from insidan.core.usertext import clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event
from insidan.security import ratelimit

from .models import COMMENT_MAX_LENGTH, Comment
from .permissions import can_comment_on


def _clean(text: str) -> str:
    return clean_user_text(text, max_length=COMMENT_MAX_LENGTH,
                           empty_message=_("Skriv en kommentar innan du skickar."),
                           too_long_message=_("En kommentar får vara högst %(max)s tecken."))


def post_comment(*, actor, target, text: str, parent: Comment | None = None) -> Comment:
    """Comment on `target`, or reply to `parent` (two levels deep at most).

    The target's own model says who is told: `comment_recipients()` (a blog post's writers, a
    status update's author); the parent's author is told of a reply.
    """
    if not can_comment_on(actor, target):
        raise PermissionDenied(_("Du kan inte kommentera här."))
    content_type = ContentType.objects.get_for_model(target)
    if parent is not None:
        if parent.content_type_id != content_type.pk or parent.object_pk != str(target.pk):
            raise ValidationError(_("Svaret hör inte till den här tråden."))
        if parent.moderation_state != ModerationState.VISIBLE:
            raise ValidationError(_("Det går inte att svara på en borttagen eller dold "
                                    "kommentar."))
        if not parent.allow_thread():
            raise ValidationError(_("Det går inte att svara djupare i tråden."))
    text = _clean(text)
    with transaction.atomic():
        comment = Comment(
            content_type=content_type, object_pk=str(target.pk), site_id=settings.SITE_ID,
            user=actor, user_name=(actor.get_full_name() or actor.get_username())[:50],
            user_email=actor.email, comment=text, comment_html=render_markdown(text),
            submit_date=timezone.now(), parent_id=parent.pk if parent else 0,
        )
        comment.save()
        log(comment, "wagtail.create", user=actor)
        name = actor.get_full_name() or actor.get_username()
        notify.send(
            event=Event.COMMENT_ON_YOUR_POST, recipients=target.comment_recipients(),
            actor=actor, target=comment,
            message=lambda: _(
                "%(name)s kommenterade ”%(target)s”.") % {"name": name, "target": target},
            url=comment.get_absolute_url(),
        )
        if parent is not None:
            notify.send(
                event=Event.REPLY_TO_YOUR_COMMENT, recipients=[parent.user], actor=actor,
                target=comment,
                message=lambda: _("%(name)s svarade på din kommentar på ”%(target)s”.") % {
                    "name": name, "target": target},
                url=comment.get_absolute_url(),
            )
    ratelimit.saved()
    return comment
