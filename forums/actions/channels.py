"""The owner's duties towards the forum as a whole (the guideline, section 8: keep it alive and
on topic, decommission it when it is no longer used): moving a discussion, asking for
decommissioning, and the periodic checks for inactive and ownerless forums."""


from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.search import index

from insidan.archive.actions import archive_channel
from insidan.core import lifecycle
from insidan.core.models import ChannelStatus
from insidan.core.permissions import is_webbredaktionen
from insidan.core.terms import require_current_terms
from insidan.core.usertext import clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event

from ..models import DecommissionRequest, Discussion, Follow, Forum
from ..permissions import (
    can_move_discussion,
    can_request_decommission,
    can_view_forum,
    managed_channel,
)
from ..selectors import ownerless_forum_ids, users_who_can_view_discussion

REASON_MAX_LENGTH = 1000


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _editors():
    return Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP).user_set.filter(
        is_active=True)


def owner_page_url(forum: Forum) -> str:
    return reverse("forums:owner_page", args=[forum.slug])


def _clean_reason(reason: str) -> str:
    return clean_user_text(reason, max_length=REASON_MAX_LENGTH,
                           empty_message=_("Skriv ett skäl."),
                           too_long_message=_("Skälet får vara högst %(max)s tecken."))


def _require_owner_terms(actor, forum: Forum) -> None:
    if not is_webbredaktionen(actor):
        require_current_terms(actor, managed_channel(forum).kind)


def move_discussion(*, actor, discussion: Discussion, to_forum: Forum) -> Discussion:
    """Move a discussion, with its posts, to another forum the actor moderates as well. Who
    may read it follows the new forum at once (every page and search filter on the forum);
    the search entry is updated, and open report cases go to the new forum's owners."""
    if not can_move_discussion(actor, discussion, to_forum):
        raise PermissionDenied(_("Du kan bara flytta diskussioner mellan forum som du "
                                 "modererar."))
    _require_owner_terms(actor, discussion.forum)
    with transaction.atomic():
        discussion = Discussion.objects.select_for_update().select_related("forum").get(
            pk=discussion.pk)
        from_forum = discussion.forum
        discussion.forum = to_forum
        discussion.save(update_fields=["forum"])
        _cases_follow_the_discussion(discussion, managed_channel(to_forum))
        DecommissionRequest.objects.filter(
            discussion=discussion, status=DecommissionRequest.Status.PENDING
        ).update(forum=to_forum)
        Forum.objects.filter(pk=to_forum.pk, last_activity_at__lt=discussion.last_post_at
                             ).update(last_activity_at=discussion.last_post_at)
        log(discussion, "insidan.forum.move", user=actor,
            data={"from": from_forum.slug, "to": to_forum.slug})
        _tell_author_of_move(actor=actor, discussion=discussion, from_forum=from_forum)
        transaction.on_commit(lambda: index.insert_or_update_object(discussion))
    return discussion


def _cases_follow_the_discussion(discussion: Discussion, channel) -> None:
    """Report cases about the discussion and its posts are handled with the owners of the
    forum the discussion is in now (and read by them only)."""
    from insidan.moderation.models import ReportCase

    types = ContentType.objects.get_for_models(Discussion, discussion.posts.model)
    post_ids = [str(pk) for pk in discussion.posts.values_list("pk", flat=True)]
    ReportCase.objects.filter(
        content_type=types[Discussion], object_id=str(discussion.pk)
    ).update(channel_type=ContentType.objects.get_for_model(channel), channel_id=str(channel.pk))
    ReportCase.objects.filter(
        content_type=types[discussion.posts.model], object_id__in=post_ids
    ).update(channel_type=ContentType.objects.get_for_model(channel), channel_id=str(channel.pk))


def _tell_author_of_move(*, actor, discussion: Discussion, from_forum: Forum) -> None:
    may_read = users_who_can_view_discussion(discussion).filter(pk=discussion.author_id)
    def message():
        return _("%(name)s har flyttat din diskussion ”%(title)s” från forumet %(from)s till "
                 "forumet %(to)s.") % {"name": _name(actor), "title": discussion.title,
                                      "from": from_forum.name, "to": discussion.forum.name}

    # An author who may not read the new forum is told too, pointed at the old one.
    readable = may_read.exists()
    notify.send(event=Event.DISCUSSION_MOVED, recipients=[discussion.author], actor=actor,
                target=discussion if readable else from_forum, message=message,
                url=discussion.get_absolute_url() if readable else from_forum.get_absolute_url())


def hand_over_forum(*, actor, forum: Forum, new_owner) -> Forum:
    """The owner hands an open forum to another employee, or Webbredaktionen appoints a new
    owner for a forum whose owner has left; its "utan ägare" flag closes. The new owner accepts
    the forum terms at their first owner action. A room's forum follows the room's owner."""
    if not (can_view_forum(actor, forum)
            and (forum.owner_id == actor.pk or is_webbredaktionen(actor))):
        raise PermissionDenied(_("Endast forumets ägare eller webbredaktionen kan lämna över "
                                 "forumet."))
    if forum.room_id:
        raise ValidationError(_("Rummets forum följer rummets ägare. Lämna över rummet i "
                                "stället."))
    if new_owner is None or not new_owner.is_active:
        raise ValidationError(_("Det finns ingen aktiv medarbetare med det användarnamnet."))
    if new_owner.pk == forum.owner_id:
        raise ValidationError(_("Personen äger redan forumet."))
    from profiles.actions import resolve_ownerless_channel

    with transaction.atomic():
        forum = Forum.objects.select_for_update().get(pk=forum.pk)
        resolve_ownerless_channel(actor=actor, channel=forum)
        previous = forum.owner
        forum.owner = new_owner
        forum.save(update_fields=["owner"])
        forum.deputies.remove(new_owner)
        Follow.objects.get_or_create(user=new_owner, forum=forum)
        log(forum, "insidan.forum.hand_over", user=actor,
            data={"from": previous.get_username(), "to": new_owner.get_username()})
    return forum


def request_decommission(*, actor, forum: Forum, discussion: Discussion | None = None,
                         reason: str) -> DecommissionRequest:
    """"Avveckla": the owner asks Webbredaktionen to decommission the whole forum or one
    discussion in it; Webbredaktionen archives it first and only then removes it. A room's
    forum goes with its room (decommission the room instead); one of its discussions may be
    decommissioned by the room's owner."""
    if discussion is not None and discussion.forum_id != forum.pk:
        raise ValidationError(_("Diskussionen hör inte till forumet."))
    if not can_request_decommission(actor, forum):
        raise PermissionDenied(_("Endast forumets ägare kan begära att forumet eller en "
                                 "diskussion avvecklas."))
    if discussion is None and forum.room_id:
        raise ValidationError(_("Rummets forum avvecklas med rummet. Begär att rummet "
                                "avvecklas på rummets ägarsida."))
    if discussion is not None and discussion.is_removed:
        raise ValidationError(_("Diskussionen är redan borttagen."))
    reason = _clean_reason(reason)
    _require_owner_terms(actor, forum)
    with transaction.atomic():
        forum = Forum.objects.select_for_update().get(pk=forum.pk)
        if forum.status != ChannelStatus.ACTIVE:
            raise ValidationError(_("Avveckling av forumet är redan begärd."))
        pending = DecommissionRequest.objects.filter(
            forum=forum, status=DecommissionRequest.Status.PENDING)
        if pending.filter(discussion=discussion).exists():
            raise ValidationError(_("Avveckling är redan begärd."))
        decommission = DecommissionRequest.objects.create(
            forum=forum, discussion=discussion, requested_by=actor, reason=reason)
        if discussion is None:
            forum.status = ChannelStatus.DECOMMISSION_REQUESTED
            forum.save(update_fields=["status"])
        log(discussion or forum, "insidan.forum.request_decommission", user=actor,
            data={"reason": reason})
        notify.send(
            event=Event.DECOMMISSION_REQUESTED, recipients=_editors(), actor=actor,
            target=forum, url=reverse("forums:watch_list"),
            message=lambda: (_(
                "%(name)s vill avveckla diskussionen ”%(title)s” i forumet %(forum)s. "
                       "Skäl: %(reason)s") if discussion else
                     _("%(name)s vill avveckla forumet ”%(forum)s”. Skäl: %(reason)s"))
            % {"name": _name(actor), "forum": forum.name, "reason": reason,
               "title": discussion.title if discussion else ""},
        )
    return decommission


def carry_out_decommission(*, actor, decommission: DecommissionRequest, reason: str):
    """Webbredaktionen archives the forum or discussion as one package and only then removes
    it (insidan.archive.archive_channel, which refuses while a report case is open). The owner
    and the one who asked are told. Returns the package's register entry."""
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan arkivera och avveckla forum."))
    reason = _clean_reason(reason)
    with transaction.atomic():
        decommission = DecommissionRequest.objects.select_for_update(of=("self",)).select_related(
            "forum", "discussion").get(pk=decommission.pk)
        if decommission.status != DecommissionRequest.Status.PENDING:
            raise ValidationError(_("Begäran är redan genomförd."))
        decommission.status = DecommissionRequest.Status.DONE
        decommission.carried_out_by, decommission.carried_out_at = actor, timezone.now()
        decommission.save(update_fields=["status", "carried_out_by", "carried_out_at"])
        channel = decommission.channel
        label = channel.title if decommission.discussion else channel.name
        owner = managed_channel(decommission.forum).owner
        notify.send(
            # The request is the target: an archived forum is seen by nobody but Webbredaktionen,
            # and a notification about what the reader cannot see is not shown.
            event=Event.CHANNEL_ARCHIVED, recipients=[owner, decommission.requested_by],
            actor=actor, target=decommission,
            message=lambda: _("”%(name)s” är arkiverat och avvecklat. Skäl: %(reason)s")
            % {"name": label, "reason": reason},
            url=reverse("forums:forum_list"),
        )
        # Last, so that a refusal (an open report case) rolls back everything above.
        snapshot = archive_channel(actor=actor, channel=channel, reason=reason)
        if decommission.discussion is None:
            # Every discussion in the forum is gone with it: close their own requests too.
            decommission.forum.decommission_requests.filter(
                status=DecommissionRequest.Status.PENDING
            ).update(status=DecommissionRequest.Status.DONE, carried_out_by=actor,
                     carried_out_at=decommission.carried_out_at)
    return snapshot


def check_forum_activity(*, actor=None, now=None) -> dict[str, int]:
    """The forums' part of the periodic check (manage.py check_channel_activity): owners of open
    forums without a new post for the inactivity period (insidan.core.lifecycle) are asked, once
    per quiet period, to keep the forum alive or decommission it (later /forum/bevakning/ lists
    it for Webbredaktionen); forums whose owner's
    account is deactivated and were missed are flagged "utan ägare". Room forums go with their
    room's check."""
    if actor is not None and not is_webbredaktionen(actor):
        raise PermissionDenied
    now = now or timezone.now()
    cutoff = lifecycle.notify_cutoff(now)
    inactive = 0
    for forum in Forum.objects.filter(room__isnull=True, status=ChannelStatus.ACTIVE,
                                      last_activity_at__lt=cutoff):
        if not lifecycle.needs_notice(last_activity_at=forum.last_activity_at,
                                      notified_at=forum.inactivity_notified_at):
            continue
        _notify_inactive(actor=actor, forum=forum, now=now)
        inactive += 1
    return {"inactive": inactive, "ownerless": _flag_missed_departures(actor=actor)}


def _flag_missed_departures(*, actor) -> int:
    """Open forums whose owner's account is deactivated are flagged "utan ägare" by the staff
    import (profiles' record_departure, the one flag every kind of channel shares); this
    catches any it missed, say an account deactivated by hand."""
    from profiles.actions import record_departure

    departed = Forum.objects.filter(room__isnull=True, owner__is_active=False).exclude(
        status=ChannelStatus.ARCHIVED).exclude(pk__in=ownerless_forum_ids())
    flagged = 0
    for owner in get_user_model().objects.filter(pk__in=departed.values("owner_id")):
        flagged += sum(isinstance(flag.channel, Forum)
                       for flag in record_departure(actor=actor, user=owner))
    return flagged



def _notify_inactive(*, actor, forum: Forum, now) -> None:
    with transaction.atomic():
        forum.inactivity_notified_at = now
        forum.save(update_fields=["inactivity_notified_at"])
        log(forum, "insidan.forum.inactive", user=actor)
        notify.send(
            event=Event.CHANNEL_INACTIVE, recipients=[forum.owner, *forum.deputies.all()],
            actor=actor or forum, target=forum,
            message=lambda: _(
                "Forumet ”%(forum)s” har inte haft några nya inlägg på %(months)s månader. Håll "
                "forumet levande, eller begär att det avvecklas.") % {
                "forum": forum.name, "months": lifecycle.notify_months()},
            url=owner_page_url(forum),
        )
