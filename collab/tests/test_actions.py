import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from collab import actions
from collab.models import ApplicationStatus, Membership, MembershipApplication, Room
from collab.permissions import can_view_room_content
from collab.tests.factories import add_member, make_room, room_terms
from forums.models import Forum
from insidan.core.actions import accept_terms, publish_terms
from insidan.core.models import ChannelKind, ChannelStatus, TermsAcceptance
from insidan.core.terms import TermsNotAccepted
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
VALID_PERSONNUMMER = "811218-9876"


def logged(action: str, room=None) -> bool:
    entries = ModelLogEntry.objects.filter(action=f"insidan.room.{action}")
    if room is not None:
        entries = entries.filter(object_id=str(room.pk))
    return entries.exists()


def create_kwargs(**overrides):
    values = {
        "name": "Projekt Nya Insidan", "room_kind": "project", "is_closed": True,
        "purpose": "Nya intranätet.", "target_group": "Projektgruppen",
        "approved_by": UserFactory(username="chef"), "watched_hours": "Vardagar 8–17",
    }
    values.update(overrides)
    if "accepted_terms" not in overrides:
        values["accepted_terms"] = room_terms()
    return values


# --- starting a room -------------------------------------------------------------------------

def test_create_room_makes_owner_member_forum_terms_and_log(employee):
    room = actions.create_room(actor=employee, **create_kwargs(presentation="**Hej** <b>x</b>"))
    assert room.owner == employee and room.slug == "projekt-nya-insidan"
    assert Membership.objects.filter(room=room, user=employee).exists()
    assert Forum.objects.get(room=room).slug == "rum-projekt-nya-insidan"
    assert TermsAcceptance.objects.filter(user=employee, terms=room_terms()).exists()
    assert "<strong>Hej</strong>" in room.presentation_html and "<b>" not in room.presentation_html
    assert logged("create", room)


def test_same_name_gets_a_free_address(employee, other_employee):
    first = actions.create_room(actor=employee, **create_kwargs())
    second = actions.create_room(actor=other_employee, **create_kwargs())
    assert (first.slug, second.slug) == ("projekt-nya-insidan", "projekt-nya-insidan-2")


@pytest.mark.parametrize("field", ["purpose", "target_group", "name", "watched_hours"])
def test_missing_required_text_is_refused(employee, field):
    with pytest.raises(ValidationError):
        actions.create_room(actor=employee, **create_kwargs(**{field: "  "}))
    assert not Room.objects.exists()


def test_terms_must_be_the_current_version(employee):
    old = room_terms()
    publish_terms(actor=UserFactory(is_superuser=True), kind=ChannelKind.ROOM, title="Nya",
                  body="<p>nya</p>")
    with pytest.raises(ValidationError, match="villkoren"):
        actions.create_room(actor=employee, **create_kwargs(accepted_terms=old))
    with pytest.raises(ValidationError):
        actions.create_room(actor=employee, **create_kwargs(accepted_terms=None))
    assert not Room.objects.exists()


def test_no_terms_published_means_no_rooms(employee):
    with pytest.raises(PermissionDenied):
        actions.create_room(actor=employee, **create_kwargs(accepted_terms=None))


def test_owner_cannot_approve_own_room(employee):
    with pytest.raises(ValidationError, match="chef"):
        actions.create_room(actor=employee, **create_kwargs(approved_by=employee))


def test_personnummer_in_purpose_is_refused(employee):
    with pytest.raises(ValidationError, match="personnummer"):
        actions.create_room(actor=employee,
                            **create_kwargs(purpose=f"Ärende {VALID_PERSONNUMMER}"))
    assert not Room.objects.exists()


# --- joining -------------------------------------------------------------------------------

def test_join_open_room(open_room, employee):
    actions.join_open_room(actor=employee, room=open_room)
    assert open_room.memberships.filter(user=employee).exists()
    assert logged("join", open_room)
    with pytest.raises(ValidationError, match="redan medlem"):
        actions.join_open_room(actor=employee, room=open_room)


def test_closed_room_cannot_be_joined_directly(closed_room, employee):
    with pytest.raises(ValidationError, match="slutet"):
        actions.join_open_room(actor=employee, room=closed_room)
    assert not closed_room.memberships.filter(user=employee).exists()


def test_application_notifies_owner_and_deputies(
    closed_room, employee, other_employee, django_capture_on_commit_callbacks
):
    deputy = UserFactory(username="ersattare")
    add_member(closed_room, deputy)
    actions.make_deputy(actor=other_employee, room=closed_room, member=deputy)
    with django_capture_on_commit_callbacks(execute=True):
        application = actions.apply_for_membership(actor=employee, room=closed_room,
                                                   message="Får jag vara med?")
    assert application.status == ApplicationStatus.PENDING
    recipients = set(Notification.objects.filter(verb="membership_application")
                     .values_list("recipient__username", flat=True))
    assert recipients == {"erik", "ersattare"}
    assert logged("apply", closed_room)


def test_duplicate_application_is_refused(closed_room, employee):
    actions.apply_for_membership(actor=employee, room=closed_room, message="Hej")
    with pytest.raises(ValidationError, match="redan en ansökan"):
        actions.apply_for_membership(actor=employee, room=closed_room, message="Igen")
    assert MembershipApplication.objects.count() == 1


def test_application_to_open_room_is_refused(open_room, employee):
    with pytest.raises(ValidationError, match="öppet"):
        actions.apply_for_membership(actor=employee, room=open_room, message="Hej")
    assert not MembershipApplication.objects.exists()


def test_application_needs_a_message(closed_room, employee):
    with pytest.raises(ValidationError):
        actions.apply_for_membership(actor=employee, room=closed_room, message=" ")


def test_approval_adds_member_and_tells_applicant(
    closed_room, employee, other_employee, django_capture_on_commit_callbacks
):
    application = actions.apply_for_membership(actor=employee, room=closed_room, message="Hej")
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_application(actor=other_employee, application=application,
                                    message="Välkommen")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == other_employee
    assert can_view_room_content(employee, closed_room)
    notification = Notification.objects.get(recipient=employee)
    assert notification.verb == "application_decided" and "Välkommen" in notification.description
    assert logged("approve_application", closed_room)


def test_decline_tells_applicant_and_adds_nobody(
    closed_room, employee, other_employee, django_capture_on_commit_callbacks
):
    application = actions.apply_for_membership(actor=employee, room=closed_room, message="Hej")
    with django_capture_on_commit_callbacks(execute=True):
        actions.decline_application(actor=other_employee, application=application,
                                    message="Rummet är bara för projektgruppen.")
    assert not can_view_room_content(employee, closed_room)
    assert "avslagits" in Notification.objects.get(recipient=employee).description
    with pytest.raises(ValidationError, match="redan besvarad"):
        actions.approve_application(actor=other_employee, application=application)


def test_approval_by_non_owner_is_forbidden(closed_room, employee):
    intruder = UserFactory()
    add_member(closed_room, intruder)  # an ordinary member is not a manager either
    application = actions.apply_for_membership(actor=employee, room=closed_room, message="Hej")
    for actor in [employee, intruder]:
        with pytest.raises(PermissionDenied):
            actions.approve_application(actor=actor, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_deputy_and_webbredaktionen_may_decide(closed_room, other_employee, webbred):
    deputy = UserFactory()
    add_member(closed_room, deputy)
    actions.make_deputy(actor=other_employee, room=closed_room, member=deputy)
    accept_terms(actor=deputy, terms=room_terms())  # deputies answer for the room too
    first, second = UserFactory(), UserFactory()
    a1 = actions.apply_for_membership(actor=first, room=closed_room, message="Hej")
    a2 = actions.apply_for_membership(actor=second, room=closed_room, message="Hej")
    actions.approve_application(actor=deputy, application=a1)
    actions.decline_application(actor=webbred, application=a2)
    assert closed_room.memberships.filter(user=first).exists()


def test_new_terms_must_be_accepted_before_the_next_owner_action(closed_room, employee,
                                                                 other_employee):
    application = actions.apply_for_membership(actor=employee, room=closed_room, message="Hej")
    publish_terms(actor=UserFactory(is_superuser=True), kind=ChannelKind.ROOM, title="v2",
                  body="<p>nya</p>")
    with pytest.raises(TermsNotAccepted):
        actions.approve_application(actor=other_employee, application=application)


# --- invitations ---------------------------------------------------------------------------

def test_invitation_accepted_and_declined(closed_room, other_employee,
                                          django_capture_on_commit_callbacks):
    guest, other = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite_member(actor=other_employee, room=closed_room,
                                           invitee=guest, message="Välkommen in")
        second = actions.invite_member(actor=other_employee, room=closed_room, invitee=other)
    assert Notification.objects.filter(recipient=guest, verb="invitation").exists()
    with pytest.raises(PermissionDenied):
        actions.accept_invitation(actor=other, invitation=invitation)
    actions.accept_invitation(actor=guest, invitation=invitation)
    actions.decline_invitation(actor=other, invitation=second)
    assert can_view_room_content(guest, closed_room)
    assert not can_view_room_content(other, closed_room)
    assert logged("invite") and logged("accept_invitation") and logged("decline_invitation")


def test_only_managers_invite_and_not_twice(closed_room, other_employee, employee):
    guest = UserFactory()
    with pytest.raises(PermissionDenied):
        actions.invite_member(actor=employee, room=closed_room, invitee=guest)
    actions.invite_member(actor=other_employee, room=closed_room, invitee=guest)
    with pytest.raises(ValidationError, match="redan en inbjudan"):
        actions.invite_member(actor=other_employee, room=closed_room, invitee=guest)


# --- members, deputies, ownership ----------------------------------------------------------

def test_removed_member_loses_access_at_once(closed_room, employee, other_employee):
    add_member(closed_room, employee)
    actions.remove_member(actor=other_employee, room=closed_room, member=employee)
    assert not can_view_room_content(employee, closed_room)
    assert logged("remove_member", closed_room)


def test_owner_cannot_be_removed_and_members_cannot_remove(closed_room, employee,
                                                           other_employee):
    add_member(closed_room, employee)
    with pytest.raises(PermissionDenied):
        actions.remove_member(actor=employee, room=closed_room, member=other_employee)
    with pytest.raises(ValidationError, match="Ägaren"):
        actions.remove_member(actor=other_employee, room=closed_room, member=other_employee)


def test_only_owner_makes_deputies(closed_room, employee, other_employee):
    deputy, member = UserFactory(), UserFactory()
    add_member(closed_room, deputy)
    add_member(closed_room, member)
    actions.make_deputy(actor=other_employee, room=closed_room, member=deputy)
    assert closed_room.is_owner_or_deputy(deputy)
    with pytest.raises(PermissionDenied):
        actions.make_deputy(actor=deputy, room=closed_room, member=member)
    with pytest.raises(ValidationError, match="medlemmar"):
        actions.make_deputy(actor=other_employee, room=closed_room, member=employee)
    accept_terms(actor=deputy, terms=room_terms())
    actions.make_deputy(actor=other_employee, room=closed_room, member=member)
    with pytest.raises(PermissionDenied, match="Endast ägaren"):
        actions.remove_member(actor=deputy, room=closed_room, member=member)
    actions.remove_deputy(actor=other_employee, room=closed_room, member=deputy)
    assert not closed_room.is_owner_or_deputy(deputy)


def test_hand_over_then_the_old_owner_may_leave(closed_room, employee, other_employee):
    with pytest.raises(ValidationError, match="medlem"):
        actions.hand_over_ownership(actor=other_employee, room=closed_room, new_owner=employee)
    add_member(closed_room, employee)
    with pytest.raises(PermissionDenied):
        actions.hand_over_ownership(actor=employee, room=closed_room, new_owner=employee)
    with pytest.raises(ValidationError, match="Lämna över"):
        actions.leave_room(actor=other_employee, room=closed_room)
    actions.hand_over_ownership(actor=other_employee, room=closed_room, new_owner=employee)
    closed_room.refresh_from_db()
    assert closed_room.owner == employee
    assert Forum.objects.get(room=closed_room).owner == employee
    actions.leave_room(actor=other_employee, room=closed_room)
    assert not can_view_room_content(other_employee, closed_room)
    assert logged("hand_over", closed_room) and logged("leave", closed_room)


def test_leave_when_not_a_member(open_room, employee):
    with pytest.raises(ValidationError, match="inte medlem"):
        actions.leave_room(actor=employee, room=open_room)


# --- decommission and periodic checks -------------------------------------------------------

def test_decommission_request_goes_to_webbredaktionen(
    closed_room, other_employee, employee, webbred, django_capture_on_commit_callbacks
):
    add_member(closed_room, employee)
    with pytest.raises(PermissionDenied):
        actions.request_decommission(actor=employee, room=closed_room, reason="Klart")
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_decommission(actor=other_employee, room=closed_room,
                                     reason="Projektet är avslutat.")
    closed_room.refresh_from_db()
    assert closed_room.status == ChannelStatus.DECOMMISSION_REQUESTED
    notification = Notification.objects.get(verb="channel_request")
    assert notification.recipient == webbred
    assert logged("request_decommission", closed_room)
    with pytest.raises(ValidationError):
        actions.request_decommission(actor=other_employee, room=closed_room, reason="Igen")


def test_inactive_rooms_notify_owners_once(closed_room, other_employee,
                                           django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    Room.objects.filter(pk=closed_room.pk).update(
        last_activity_at=timezone.now() - timedelta(days=200))
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.check_room_activity()["inactive"] == 1
    assert Notification.objects.get(verb="channel_inactive").recipient == other_employee
    assert actions.check_room_activity()["inactive"] == 0


def test_deactivated_owner_flags_room_ownerless(
    closed_room, other_employee, webbred, employee, django_capture_on_commit_callbacks
):
    deputy = UserFactory()
    add_member(closed_room, deputy)
    actions.make_deputy(actor=other_employee, room=closed_room, member=deputy)
    with django_capture_on_commit_callbacks(execute=True):
        # Deactivation flags the room at once (profiles calls flag_ownerless_rooms); the
        # periodic check catches any room that was missed, and never flags one twice.
        other_employee.is_active = False
        other_employee.save(update_fields=["is_active"])
        actions.check_room_activity()
    assert actions.check_room_activity()["ownerless"] == 0
    closed_room.refresh_from_db()
    assert closed_room.ownerless_since is not None
    recipients = set(Notification.objects.filter(verb="channel_ownerless")
                     .values_list("recipient", flat=True))
    assert recipients == {deputy.pk, webbred.pk}
    actions.hand_over_ownership(actor=webbred, room=closed_room, new_owner=deputy)
    closed_room.refresh_from_db()
    assert closed_room.owner == deputy and closed_room.ownerless_since is None


def test_closing_an_open_room_hides_its_content(open_room, other_employee, employee):
    assert can_view_room_content(employee, open_room)
    actions.update_room(actor=other_employee, room=open_room, is_closed=True)
    open_room.refresh_from_db()
    assert not can_view_room_content(employee, open_room)
    assert logged("update", open_room)
    with pytest.raises(PermissionDenied):
        actions.update_room(actor=employee, room=open_room, is_closed=False)


def test_make_room_helper_builds_distinct_rooms(terms):
    assert make_room().slug != make_room().slug


def test_check_room_activity_command(closed_room, capsys):
    from django.core.management import call_command

    call_command("check_room_activity")
    assert "Inaktiva rum (ägare påminda): 0" in capsys.readouterr().out


def test_demo_seed_has_a_pending_application_from_anna_to_erik(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    application = MembershipApplication.objects.get(status=ApplicationStatus.PENDING)
    assert application.applicant.username == "anna" and application.room.owner.username == "erik"
    assert application.room.is_closed
    kinds = set(Room.objects.values_list("room_kind", "is_closed"))
    assert {kind for kind, _closed in kinds} == {"project", "profession", "staff_club", "other"}
    assert {closed for _kind, closed in kinds} == {True, False}
    assert Forum.objects.filter(room__isnull=False, discussions__isnull=False).exists()
