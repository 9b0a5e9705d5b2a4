from django.db.models import Exists, OuterRef, Q, QuerySet

from insidan.core.models import ChannelStatus
from insidan.core.permissions import is_webbredaktionen

from .models import Membership, Room


def rooms_visible_to(user) -> QuerySet[Room]:
    """Rooms whose presentation the user may see (the queryset form of can_view_room)."""
    if not user.is_authenticated or not user.is_active:
        return Room.objects.none()
    if is_webbredaktionen(user):
        return Room.objects.all()
    return Room.objects.exclude(status=ChannelStatus.ARCHIVED)


def rooms_with_content_visible_to(user) -> QuerySet[Room]:
    """Rooms whose content the user may see (the queryset form of can_view_room_content)."""
    rooms = rooms_visible_to(user)
    if not user.is_authenticated or is_webbredaktionen(user):
        return rooms
    membership = Membership.objects.filter(room=OuterRef("pk"), user=user)
    return rooms.filter(Q(is_closed=False) | Q(Exists(membership)))
