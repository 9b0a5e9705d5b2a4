"""Open forums are set up by Webbredaktionen on an employee's request (the guideline: "Forumets
ägare kontaktar webbredaktionen, som lägger upp det nya forumet")."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.actions import accept_terms
from insidan.core.models import ChannelKind, ChannelStatus
from insidan.core.permissions import is_webbredaktionen
from insidan.core.terms import current_terms
from insidan.core.usertext import clean_decision_message, clean_model_texts
from insidan.notify import api as notify
from insidan.notify.events import Event

from ..models import Follow, Forum, ForumRequest

# Paths under /forum/ that are pages of their own, never a forum's address.
RESERVED_SLUGS = {"ny", "bevakning"}


def request_forum(*, actor, name: str, purpose: str, target_group: str, watched_hours: str,
                  approved_by, terms) -> "ForumRequest":
    """Ask Webbredaktionen for a new open forum; the requester accepts the current terms."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied
    if terms is None or terms != current_terms(ChannelKind.FORUM):
        raise ValidationError(_("Läs och godkänn de gällande villkoren för forum."))
    if approved_by is None or approved_by.pk == actor.pk:
        raise ValidationError(_("Ange den chef eller processledare du har talat med."))
    texts = clean_model_texts(ForumRequest, {"name": name, "purpose": purpose,
                                        "target_group": target_group,
                                        "watched_hours": watched_hours})
    with transaction.atomic():
        accept_terms(actor=actor, terms=terms)
        forum_request = ForumRequest.objects.create(
            requester=actor, **texts, approved_by=approved_by, terms=terms,
        )
        log(forum_request, "wagtail.create", user=actor)
        editors = Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP).user_set.all()
        notify.send(
            event=Event.CHANNEL_REQUEST, recipients=editors, actor=actor, target=forum_request,
            message=lambda: _("%(name)s begär ett nytt forum: ”%(forum)s”.") % {
                "name": actor.get_full_name() or actor.get_username(), "forum": name},
            url=f"/admin/forum-requests/edit/{forum_request.pk}/",
        )
    return forum_request


def _unique_slug(name: str) -> str:
    base = slugify(name.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:70] or "forum"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Forum.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def decide_forum_request(*, actor, forum_request, approve: bool, message: str = ""):
    """Webbredaktionen sets the forum up (or declines); the requester is told either way."""
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen beslutar om nya forum."))
    message = clean_decision_message(message, approve=approve)
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
            # The owner moderates: they are told of every new post from the start.
            Follow.objects.create(user=forum_request.requester, forum=forum_request.forum)
        forum_request.status = (ForumRequest.Status.APPROVED if approve
                                else ForumRequest.Status.DECLINED)
        forum_request.decided_by, forum_request.decided_at = actor, now
        forum_request.decision_message = message
        forum_request.save(update_fields=["status", "decided_by", "decided_at",
                                          "decision_message", "forum"])
        log(forum_request, "insidan.forum.request_approve" if approve
            else "insidan.forum.request_decline", user=actor)
        def text():  # in the recipient's language (notify.send)
            said = (_("Ditt forum ”%(name)s” är upplagt.") if approve
                    else _("Din begäran om forumet ”%(name)s” har avslagits.")) % {
                "name": forum_request.name}
            if message:
                said += " " + _("Meddelande från webbredaktionen: %(message)s") % {
                    "message": message}
            return said

        notify.send(
            event=Event.CHANNEL_REQUEST_DECIDED, recipients=[forum_request.requester],
            actor=actor, target=forum_request.forum or forum_request, message=text,
            url=forum_request.forum.get_absolute_url() if approve else "/forum/",
        )
    return forum_request
