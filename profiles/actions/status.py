"""Status updates and follows."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.text import render_markdown
from insidan.core.usertext import clean_user_text
from insidan.security import ratelimit

from ..models import STATUS_MAX_LENGTH, Follow, StatusUpdate
from ..permissions import can_post_status


def _clean_body(body: str) -> str:
    return clean_user_text(
        body, max_length=STATUS_MAX_LENGTH, empty_message=_("Skriv något innan du skickar."),
        too_long_message=_("En statusuppdatering får vara högst %(max)s tecken."))


def post_status_update(*, actor, body: str, at=None) -> StatusUpdate:
    """Share what you are working on. Always public to every employee: there is no choice of
    audience to make (the guideline: "Statusuppdateringar är alltid öppna och publika")."""
    if not can_post_status(actor):
        raise PermissionDenied(_("Du kan inte skriva statusuppdateringar."))
    body = _clean_body(body)
    with transaction.atomic():
        update = StatusUpdate.objects.create(
            author=actor, body=body, body_html=render_markdown(body),
            created_at=at or timezone.now(),
        )
        log(update, "wagtail.create", user=actor)
    ratelimit.saved()
    return update


def follow(*, actor, user) -> Follow:
    if not can_post_status(actor) or not user.is_active:
        raise PermissionDenied(_("Du kan inte följa den här personen."))
    if actor.pk == user.pk:
        raise ValidationError(_("Du kan inte följa dig själv."))
    with transaction.atomic():
        relation, created = Follow.objects.get_or_create(follower=actor, followed=user)
        if created:
            log(relation, "insidan.profile.follow", user=actor)
    return relation


def unfollow(*, actor, user) -> None:
    if not can_post_status(actor):
        raise PermissionDenied
    with transaction.atomic():
        Follow.objects.filter(follower=actor, followed=user).delete()
        log(user.profile, "insidan.profile.unfollow", user=actor)
