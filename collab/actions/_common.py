"""Helpers shared by the room actions: permission checks and small lookups."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from insidan.core.models import ChannelKind, ChannelStatus
from insidan.core.permissions import is_webbredaktionen
from insidan.core.terms import require_current_terms

from ..models import Room
from ..permissions import is_room_manager


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def require_employee(actor) -> None:
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied


def require_manager(actor, room: Room, message: str, *, owner_only: bool = False) -> None:
    """Owner (or deputy) with the current room terms accepted, or Webbredaktionen.

    Owners and deputies answer for the room under the terms, so a new terms version must be
    accepted before their next owner action (TermsNotAccepted is a PermissionDenied)."""
    if is_webbredaktionen(actor):
        return
    allowed = room.owner_id == actor.pk if owner_only else is_room_manager(actor, room)
    if not allowed or not actor.is_active:
        raise PermissionDenied(message)
    require_current_terms(actor, ChannelKind.ROOM)


def require_active(room: Room) -> None:
    if room.status != ChannelStatus.ACTIVE:
        raise ValidationError(_("Rummet är inte aktivt, så det går inte att ändra det nu."))


def lock(room: Room) -> Room:
    """Lock the room's row: membership changes of one room happen one at a time, so checks
    like "already a member" and "one pending application" hold."""
    return Room.objects.select_for_update().get(pk=room.pk)


def managers(room: Room) -> list:
    return [room.owner, *room.deputies.all()]


def manage_url(room: Room) -> str:
    return reverse("collab:manage", args=[room.slug])


