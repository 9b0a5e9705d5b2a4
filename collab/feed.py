from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from insidan.core.feed import ActionItem

from .models import ApplicationStatus, Room
from .selectors import pending_invitations_for


def pending_work(user) -> list[ActionItem]:
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
