from django.db.models import Count, Exists, Q
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext

from insidan.core.feed import ActionItem, GatedActions, GatedPlaces, Place

from .models import ApplicationStatus, Invitation, InvitationStatus, Membership, Room
from .selectors import pending_invitations_for, rooms_visible_to


def _roles(user) -> dict:
    """Owners and deputies of a room, and anyone with a pending invitation."""
    return {
        "manages_room": Exists(Room.objects.filter(Q(owner_id=user.pk)
                                                   | Q(deputies__id=user.pk))),
        "invited": Exists(Invitation.objects.filter(invitee_id=user.pk,
                                                    status=InvitationStatus.PENDING)),
    }


def _pending_work(user) -> list[ActionItem]:
    """Applications waiting in the rooms the user owns or is deputy for, and invitations."""
    rooms = (
        Room.objects.filter(Q(owner=user) | Q(deputies=user))
        .annotate(waiting=Count("applications", filter=Q(
            applications__status=ApplicationStatus.PENDING), distinct=True))
        .filter(waiting__gt=0)
        .distinct()
    )
    items = [
        ActionItem(
            text=ngettext("%(count)s medlemsansökan väntar i %(room)s.",
                          "%(count)s medlemsansökningar väntar i %(room)s.",
                          room.waiting) % {"count": room.waiting, "room": room.name},
            url=reverse("collab:manage", args=[room.slug]),
        )
        for room in rooms
    ]
    for invitation in pending_invitations_for(user).select_related("room"):
        items.append(ActionItem(
            text=gettext("Du är inbjuden till %(room)s.") % {"room": invitation.room.name},
            url=reverse("collab:room", args=[invitation.room.slug]),
        ))
    return items


pending_work = GatedActions(gate=_roles, source=_pending_work)


def _member(user) -> dict:
    return {"is_member": Exists(Membership.objects.filter(user_id=user.pk))}


def _my_rooms(user, limit: int) -> list[Place]:
    """The rooms the user is a member of, by name (one query)."""
    rooms = (rooms_visible_to(user).filter(memberships__user_id=user.pk)
             .order_by("name", "pk").values_list("name", "slug")[:limit])
    return [Place(name=name, url=reverse("collab:room", args=[slug])) for name, slug in rooms]


my_rooms = GatedPlaces(heading=gettext_lazy("Mina rum"), gate=_member, source=_my_rooms,
                       more_url=lambda: reverse("collab:room_list") + "?mina=1")
