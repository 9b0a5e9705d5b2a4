"""Joining and leaving rooms: open rooms with one click, closed rooms by application or
invitation; the owner's handling of members and deputies."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.usertext import clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event
from insidan.security import ratelimit

from ..models import (
    ApplicationStatus,
    Invitation,
    InvitationStatus,
    Membership,
    MembershipApplication,
    Room,
)
from ..permissions import can_view_room
from ._common import (
    display_name,
    lock,
    manage_url,
    managers,
    require_active,
    require_employee,
    require_manager,
)

MESSAGE_MAX_LENGTH = 1000


def _require_can_see(actor, room: Room) -> None:
    require_employee(actor)
    if not can_view_room(actor, room):
        raise PermissionDenied


def _is_member(room: Room, user) -> bool:
    return room.memberships.filter(user=user).exists()


def _add_member(room: Room, user) -> Membership:
    """Also closes what the new membership answers: a pending application or invitation."""
    membership, _created = Membership.objects.get_or_create(room=room, user=user)
    now = timezone.now()
    room.invitations.filter(invitee=user, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.ACCEPTED, answered_at=now
    )
    room.applications.filter(applicant=user, status=ApplicationStatus.PENDING).update(
        status=ApplicationStatus.APPROVED, decided_at=now
    )
    return membership


def join_open_room(*, actor, room: Room) -> Membership:
    _require_can_see(actor, room)
    require_active(room)
    if room.is_closed:
        raise ValidationError(_("Rummet är slutet. Skicka en medlemsansökan till ägaren."))
    with transaction.atomic():
        room = lock(room)
        if _is_member(room, actor):
            raise ValidationError(_("Du är redan medlem i rummet."))
        membership = _add_member(room, actor)
        log(room, "insidan.room.join", user=actor)
    return membership


def apply_for_membership(*, actor, room: Room, message: str) -> MembershipApplication:
    """A closed room's owner and deputies are told, and decide."""
    _require_can_see(actor, room)
    require_active(room)
    if not room.is_closed:
        raise ValidationError(_("Rummet är öppet: gå med direkt, utan ansökan."))
    message = clean_user_text(message, label=_("meddelande"), max_length=MESSAGE_MAX_LENGTH)
    with transaction.atomic():
        room = lock(room)
        if _is_member(room, actor):
            raise ValidationError(_("Du är redan medlem i rummet."))
        if room.applications.filter(applicant=actor, status=ApplicationStatus.PENDING).exists():
            raise ValidationError(_("Du har redan en ansökan till rummet som väntar på beslut."))
        application = MembershipApplication.objects.create(
            room=room, applicant=actor, message=message
        )
        log(room, "insidan.room.apply", user=actor, data={"application": application.pk})
        notify.send(
            event=Event.MEMBERSHIP_APPLICATION,
            recipients=managers(room),
            actor=actor,
            target=room,
            message=lambda: _("%(name)s ansöker om medlemskap i ”%(room)s”: %(message)s")
            % {"name": display_name(actor), "room": room.name, "message": message},
            url=manage_url(room),
        )
    ratelimit.saved()
    return application


def withdraw_application(*, actor, application: MembershipApplication) -> MembershipApplication:
    if application.applicant_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.PENDING:
            raise ValidationError(_("Ansökan är redan besvarad."))
        application.status, application.decided_at = ApplicationStatus.WITHDRAWN, timezone.now()
        application.save(update_fields=["status", "decided_at"])
        log(application.room, "insidan.room.withdraw_application", user=actor)
    return application


def _decide(*, actor, application: MembershipApplication, approve: bool,
            message: str) -> MembershipApplication:
    room = application.room
    require_manager(actor, room, _("Endast rummets ägare och ställföreträdare kan besluta om "
                                   "medlemsansökningar."))
    message = clean_user_text(message, label=_("meddelande"), max_length=MESSAGE_MAX_LENGTH,
                         required=False)
    with transaction.atomic():
        room = lock(room)
        application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.PENDING:
            raise ValidationError(_("Ansökan är redan besvarad."))
        if approve:
            require_active(room)
            _add_member(room, application.applicant)
        application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.DECLINED
        application.decided_at, application.decided_by = timezone.now(), actor
        application.decision_message = message
        application.save(update_fields=["status", "decided_at", "decided_by",
                                        "decision_message"])
        verb = "approve_application" if approve else "decline_application"
        log(room, f"insidan.room.{verb}", user=actor,
            data={"application": application.pk,
                  "applicant": application.applicant.get_username()})
        def text():  # in the recipient's language (notify.send)
            said = (_("Din ansökan till ”%(room)s” är godkänd. Välkommen!") if approve
                    else _("Din ansökan till ”%(room)s” har avslagits.")) % {"room": room.name}
            return f"{said} {_('Meddelande')}: {message}" if message else said

        notify.send(event=Event.APPLICATION_DECIDED, recipients=[application.applicant],
                    actor=actor, target=room, message=text, url=room.get_absolute_url())
    return application


def approve_application(*, actor, application: MembershipApplication,
                        message: str = "") -> MembershipApplication:
    return _decide(actor=actor, application=application, approve=True, message=message)


def decline_application(*, actor, application: MembershipApplication,
                        message: str = "") -> MembershipApplication:
    return _decide(actor=actor, application=application, approve=False, message=message)


def invite_member(*, actor, room: Room, invitee, message: str = "") -> Invitation:
    require_manager(actor, room, _("Endast rummets ägare och ställföreträdare kan bjuda in."))
    require_active(room)
    if not invitee.is_active:
        raise ValidationError(_("Personen har inget aktivt konto."))
    message = clean_user_text(message, label=_("meddelande"), max_length=MESSAGE_MAX_LENGTH,
                         required=False)
    with transaction.atomic():
        room = lock(room)
        if _is_member(room, invitee):
            raise ValidationError(_("Personen är redan medlem i rummet."))
        if room.invitations.filter(invitee=invitee, status=InvitationStatus.PENDING).exists():
            raise ValidationError(_("Personen har redan en inbjudan som väntar på svar."))
        invitation = Invitation.objects.create(
            room=room, invitee=invitee, invited_by=actor, message=message
        )
        log(room, "insidan.room.invite", user=actor,
            data={"invitee": invitee.get_username()})
        def text():  # in the recipient's language (notify.send)
            said = _("%(name)s bjuder in dig till samarbetsrummet ”%(room)s”.") % {
                "name": display_name(actor), "room": room.name}
            return f"{said} {_('Meddelande')}: {message}" if message else said

        notify.send(event=Event.INVITATION, recipients=[invitee], actor=actor, target=room,
                    message=text, url=room.get_absolute_url())
    return invitation


def _answer(*, actor, invitation: Invitation, accept: bool) -> Invitation:
    if invitation.invitee_id != actor.pk or not actor.is_active:
        raise PermissionDenied
    with transaction.atomic():
        room = lock(invitation.room)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != InvitationStatus.PENDING:
            raise ValidationError(_("Inbjudan är redan besvarad."))
        if accept:
            require_active(room)
            _add_member(room, actor)
        invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        verb = "accept_invitation" if accept else "decline_invitation"
        log(room, f"insidan.room.{verb}", user=actor)
    return invitation


def accept_invitation(*, actor, invitation: Invitation) -> Invitation:
    return _answer(actor=actor, invitation=invitation, accept=True)


def decline_invitation(*, actor, invitation: Invitation) -> Invitation:
    return _answer(actor=actor, invitation=invitation, accept=False)


def remove_member(*, actor, room: Room, member) -> None:
    """The member loses access at once. Deputies remove ordinary members; only the owner (or
    Webbredaktionen) removes a deputy."""
    require_manager(actor, room, _("Endast rummets ägare och ställföreträdare kan ta bort "
                                   "medlemmar."))
    if member.pk == room.owner_id:
        raise ValidationError(_("Ägaren kan inte tas bort. Lämna över ägarskapet först."))
    is_deputy = room.deputies.filter(pk=member.pk).exists()
    if is_deputy and member.pk != actor.pk:
        require_manager(actor, room, _("Endast ägaren kan ta bort en ställföreträdare."),
                        owner_only=True)
    with transaction.atomic():
        room = lock(room)
        deleted, _detail = Membership.objects.filter(room=room, user=member).delete()
        if not deleted:
            raise ValidationError(_("Personen är inte medlem i rummet."))
        room.deputies.remove(member)
        log(room, "insidan.room.remove_member", user=actor,
            data={"member": member.get_username()})


def leave_room(*, actor, room: Room) -> None:
    require_employee(actor)
    if room.owner_id == actor.pk:
        raise ValidationError(_("Du äger rummet. Lämna över ägarskapet till en annan medlem "
                                "innan du lämnar det."))
    with transaction.atomic():
        room = lock(room)
        deleted, _detail = Membership.objects.filter(room=room, user=actor).delete()
        if not deleted:
            raise ValidationError(_("Du är inte medlem i rummet."))
        room.deputies.remove(actor)
        log(room, "insidan.room.leave", user=actor)


def make_deputy(*, actor, room: Room, member) -> None:
    require_manager(actor, room, _("Endast rummets ägare kan utse ställföreträdare."),
                    owner_only=True)
    if member.pk == room.owner_id:
        raise ValidationError(_("Ägaren kan inte också vara ställföreträdare."))
    if not member.is_active or not _is_member(room, member):
        raise ValidationError(_("Endast medlemmar i rummet kan bli ställföreträdare."))
    with transaction.atomic():
        room.deputies.add(member)
        log(room, "insidan.room.make_deputy", user=actor,
            data={"member": member.get_username()})


def remove_deputy(*, actor, room: Room, member) -> None:
    require_manager(actor, room, _("Endast rummets ägare kan ändra ställföreträdare."),
                    owner_only=True)
    with transaction.atomic():
        room.deputies.remove(member)
        log(room, "insidan.room.remove_deputy", user=actor,
            data={"member": member.get_username()})
