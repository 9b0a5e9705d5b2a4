"""Starting, changing, handing over and decommissioning rooms; the periodic checks."""


from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forums.actions import create_room_forum
from forums.models import Forum
from insidan.core import lifecycle
from insidan.core.actions import accept_terms as record_terms_acceptance
from insidan.core.models import ChannelKind, ChannelStatus, TermsVersion
from insidan.core.permissions import is_webbredaktionen
from insidan.core.terms import current_terms
from insidan.core.text import render_markdown
from insidan.core.usertext import clean_model_texts, clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event

from ..models import Membership, Room, RoomKind
from ..selectors import webbredaktionen_members
from ._common import (
    display_name,
    lock,
    manage_url,
    managers,
    require_active,
    require_employee,
    require_manager,
)

ROOM_FIELDS = ("name", "room_kind", "is_closed", "purpose", "target_group", "presentation",
               "contact", "watched_hours")


def _clean_fields(fields: dict) -> dict:
    if fields.get("room_kind") not in RoomKind.values:
        raise ValidationError(_("Välj vilken typ av rum det är."))
    return {
        **clean_model_texts(Room, {name: fields.get(name) for name in (
            "name", "purpose", "target_group", "presentation", "contact", "watched_hours")}),
        "room_kind": fields["room_kind"],
        "is_closed": bool(fields.get("is_closed")),
    }


def _unique_slug(name: str) -> str:
    """The room's address, and its forum's (rum-<slug>), both free."""
    base = slugify(name)[:60].strip("-") or "rum"
    slug, counter = base, 2
    while (Room.objects.filter(slug=slug).exists()
           or Forum.objects.filter(slug=f"rum-{slug}").exists()):
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _insert_room_and_forum(**fields) -> Room:
    """The room and its forum under the first free address. Two rooms started with the same
    name at the same moment both find the address free; the second insert then waits for the
    first transaction and fails on the unique address. That person is told so in Swedish
    (nothing of theirs is saved) rather than given a second room silently: at the same moment,
    it is most often the same room started twice (the form's submission token already sends
    one person's double click to the first room)."""
    slug = _unique_slug(fields["name"])
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            room = Room.objects.create(**fields, slug=slug)
            create_room_forum(room=room)
    except IntegrityError:
        if not (Room.objects.filter(slug=slug).exists()
                or Forum.objects.filter(slug=f"rum-{slug}").exists()):
            raise
        raise ValidationError(
            _("Ett rum med namnet ”%(name)s” startades alldeles nyss, samtidigt med ditt. Se "
              "efter i listan över rum om det är samma rum. Vill du ändå starta ditt, skicka "
              "formuläret igen."), params={"name": fields["name"]}, code="room_name_taken",
        ) from None
    return room


def create_room(
    *, actor, name: str, room_kind: str, is_closed: bool, purpose: str, target_group: str,
    approved_by, watched_hours: str, accepted_terms: TermsVersion | None,
    presentation: str = "", contact: str = "",
) -> Room:
    """Start a room (the guideline, section 8): purpose and target group defined, the dialogue
    with the manager or process leader recorded in `approved_by`, the current room terms read
    and accepted. The starter owns the room at once and is its first member."""
    require_employee(actor)
    terms = current_terms(ChannelKind.ROOM)
    if terms is None:
        raise PermissionDenied(
            _("Det finns inga villkor för samarbetsrum ännu. Kontakta webbredaktionen.")
        )
    if accepted_terms is None or accepted_terms.pk != terms.pk:
        raise ValidationError(_("Läs och godkänn de gällande villkoren för samarbetsrum."))
    if approved_by is None or not approved_by.is_active:
        raise ValidationError(_("Ange den chef eller processledare du har talat med."))
    if approved_by.pk == actor.pk:
        raise ValidationError(_("Du kan inte själv vara den chef som godkänt rummet."))
    values = _clean_fields({"name": name, "room_kind": room_kind, "is_closed": is_closed,
                            "purpose": purpose, "target_group": target_group,
                            "presentation": presentation, "contact": contact,
                            "watched_hours": watched_hours})
    with transaction.atomic():
        room = _insert_room_and_forum(
            **values, owner=actor, approved_by=approved_by,
            presentation_html=render_markdown(values["presentation"]),
            status=ChannelStatus.ACTIVE,
        )
        Membership.objects.create(room=room, user=actor)
        record_terms_acceptance(actor=actor, terms=terms)
        log(room, "insidan.room.create", user=actor,
            data={"terms_version": terms.version, "approved_by": approved_by.get_username()})
    return room


def update_room(*, actor, room: Room, **fields) -> Room:
    """Change the presentation and settings. Closing an open room hides its content at once:
    every list, page and search filters on the room's current state."""
    require_manager(actor, room, _("Endast rummets ägare kan ändra rummet."))
    unknown = set(fields) - set(ROOM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    values = _clean_fields({name: fields.get(name, getattr(room, name)) for name in ROOM_FIELDS})
    with transaction.atomic():
        room = lock(room)
        changed = [name for name, value in values.items() if getattr(room, name) != value]
        if not changed:
            return room
        for name in changed:
            setattr(room, name, values[name])
        update_fields = list(changed)
        if "presentation" in changed:
            room.presentation_html = render_markdown(room.presentation)
            update_fields.append("presentation_html")
        room.save(update_fields=update_fields)
        log(room, "insidan.room.update", user=actor, data={"changed": changed})
    return room


def hand_over_ownership(*, actor, room: Room, new_owner) -> Room:
    """The owner (or Webbredaktionen, for a room without owner) hands the room to another
    member; the new owner accepts the terms at their first owner action."""
    require_manager(actor, room, _("Endast rummets ägare kan lämna över ägarskapet."),
                    owner_only=True)
    if new_owner.pk == room.owner_id:
        raise ValidationError(_("Personen äger redan rummet."))
    if not new_owner.is_active or not room.memberships.filter(user=new_owner).exists():
        raise ValidationError(_("Ägarskapet kan bara lämnas över till en medlem i rummet."))
    with transaction.atomic():
        room = lock(room)
        previous = room.owner
        room.owner, room.ownerless_since = new_owner, None
        room.save(update_fields=["owner", "ownerless_since"])
        room.deputies.remove(new_owner)
        # The room's forum is moderated through the room; keep its owner column in step.
        Forum.objects.filter(room=room).update(owner=new_owner)
        log(room, "insidan.room.hand_over", user=actor,
            data={"from": previous.get_username(), "to": new_owner.get_username()})
    return room


def request_decommission(*, actor, room: Room, reason: str) -> Room:
    """"Avveckla rummet": the owner asks Webbredaktionen, which archives the whole room and
    only then removes it (the guideline, section 8)."""
    require_manager(actor, room, _("Endast rummets ägare kan begära att rummet avvecklas."),
                    owner_only=True)
    require_active(room)
    reason = clean_user_text(reason, label=_("skäl"), max_length=1000)
    with transaction.atomic():
        room = lock(room)
        require_active(room)
        room.status = ChannelStatus.DECOMMISSION_REQUESTED
        room.decommission_requested_at, room.decommission_reason = timezone.now(), reason
        room.save(update_fields=["status", "decommission_requested_at", "decommission_reason"])
        log(room, "insidan.room.request_decommission", user=actor, data={"reason": reason})
        notify.send(
            event=Event.CHANNEL_REQUEST,
            recipients=webbredaktionen_members(),
            actor=actor,
            target=room,
            message=lambda: _("%(name)s vill avveckla samarbetsrummet ”%(room)s”. Skäl: %(reason)s")
            % {"name": display_name(actor), "room": room.name, "reason": reason},
            url=manage_url(room),
        )
    return room


def check_room_activity(*, actor=None, now=None) -> dict[str, int]:
    """The rooms' part of the periodic check (manage.py check_channel_activity): owners of rooms
    without a post or document for the inactivity period (insidan.core.lifecycle) are asked,
    once per quiet period, to keep the room alive or decommission it; rooms whose owner's
    account is deactivated are flagged "utan ägare"."""
    if actor is not None and not is_webbredaktionen(actor):
        raise PermissionDenied
    now = now or timezone.now()
    cutoff = lifecycle.notify_cutoff(now)
    inactive = 0
    for room in Room.objects.filter(status=ChannelStatus.ACTIVE, last_activity_at__lt=cutoff):
        if not lifecycle.needs_notice(last_activity_at=room.last_activity_at,
                                      notified_at=room.inactivity_notified_at):
            continue
        _notify_inactive(actor=actor, room=room, now=now)
        inactive += 1
    User = get_user_model()
    ownerless = 0
    for owner in User.objects.filter(is_active=False, owned_collab_room__ownerless_since=None,
                                     owned_collab_room__isnull=False).distinct():
        ownerless += len(flag_ownerless_rooms(actor=actor, user=owner, now=now))
    return {"inactive": inactive, "ownerless": ownerless}


def _notify_inactive(*, actor, room: Room, now) -> None:
    with transaction.atomic():
        room.inactivity_notified_at = now
        room.save(update_fields=["inactivity_notified_at"])
        log(room, "insidan.room.inactive", user=actor)
        notify.send(
            event=Event.CHANNEL_INACTIVE,
            recipients=managers(room),
            actor=actor or room,
            target=room,
            message=lambda: _(
                "Samarbetsrummet ”%(room)s” har inte haft några nya inlägg eller dokument "
                "på %(months)s månader. Håll rummet levande, eller begär att det avvecklas.")
            % {"room": room.name, "months": lifecycle.notify_months()},
            url=manage_url(room),
        )


def flag_ownerless_rooms(*, actor=None, user, now=None) -> list[Room]:
    """The owner's account is deactivated: the deputies and Webbredaktionen are told, and the
    rooms are flagged "utan ägare" until someone takes them over. Call this when an account is
    deactivated; check_room_activity catches any that were missed."""
    if actor is not None and not is_webbredaktionen(actor):
        raise PermissionDenied
    if user.is_active:
        return []
    now = now or timezone.now()
    flagged = []
    with transaction.atomic():
        rooms = Room.objects.select_for_update().filter(owner=user, ownerless_since=None)
        for room in rooms.exclude(status=ChannelStatus.ARCHIVED):
            room.ownerless_since = now
            room.save(update_fields=["ownerless_since"])
            log(room, "insidan.room.ownerless", user=actor)
            notify.send(
                event=Event.CHANNEL_OWNERLESS,
                recipients=[*room.deputies.all(), *webbredaktionen_members()],
                actor=actor or room,
                target=room,
                message=lambda name=room.name: _(
                    "Samarbetsrummet ”%(room)s” saknar ägare: ägarens konto är avslutat. "
                    "En medlem behöver ta över rummet.") % {"room": name},
                url=manage_url(room),
            )
            flagged.append(room)
    return flagged
