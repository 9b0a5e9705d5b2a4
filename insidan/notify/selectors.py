from django.db.models import QuerySet
from notifications.models import Notification

from insidan.core.visibility import can_view


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first (the target is checked when shown)."""
    return (
        Notification.objects.filter(recipient=user, deleted=False)
        .select_related("target_content_type")
        .order_by("-timestamp", "-pk")
    )


def visible(user, notifications) -> list[Notification]:
    """Drop notifications about things the user can no longer see (a room they left, removed
    content): the visibility rule holds for notifications too."""
    return [n for n in notifications if can_view(user, n.target)]


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, unread=True, deleted=False).count()
