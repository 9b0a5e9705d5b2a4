from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from notifications.models import Notification

from insidan.core import visibility

from .events import GROUPED_EVENTS


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first (the target is checked when shown)."""
    return Notification.objects.filter(recipient=user, deleted=False).select_related(
        "target_content_type"
    ).order_by(
        "-timestamp", "-pk"
    )


# What the list page reads of a notification (the group, its text, time, read state and the
# target that visible() checks).
LIST_FIELDS = ("id", "verb", "description", "timestamp", "unread", "data",
               "target_content_type_id", "target_object_id")


def visible(user, notifications) -> list[Notification]:
    """Drop notifications about things the user can no longer see (a room they left, removed
    content): the visibility rule holds for notifications too."""
    notifications = list(notifications)
    keys = {n.pk: (ContentType.objects.get_for_id(n.target_content_type_id).model_class(),
                   n.target_object_id)
            for n in notifications if n.target_content_type_id}
    allowed = visibility.visible_keys(user, keys.values())
    return [n for n in notifications if keys.get(n.pk) in allowed]


@dataclass
class Group:
    """Notifications of one kind about one thing ("3 nya kommentarer på …")."""

    latest: Notification
    items: list[Notification] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def unread(self) -> bool:
        return any(n.unread for n in self.items)


def _page_url(notification: Notification) -> str:
    return (notification.data or {}).get("url", "").split("#")[0]


def group_key(notification: Notification) -> tuple:
    """Notifications with the same key are shown as one line: the same kind about the same
    page and, for the events not in GROUPED_EVENTS (decisions), the same text too."""
    key = (notification.verb, _page_url(notification))
    if notification.verb in GROUPED_EVENTS:
        return key
    return (*key, notification.description)


def same_group(notifications: QuerySet[Notification],
               notification: Notification) -> QuerySet[Notification]:
    """Those of `notifications` in the group of `notification` (group_key as a filter)."""
    url = _page_url(notification)
    if not url:
        return notifications.filter(pk=notification.pk)
    same = notifications.filter(verb=notification.verb, data__url__startswith=url)
    if notification.verb not in GROUPED_EVENTS:
        same = same.filter(description=notification.description)
    return same


def grouped(notifications: list[Notification]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    for notification in notifications:
        key = group_key(notification)
        if key not in groups:
            groups[key] = Group(latest=notification)
        groups[key].items.append(notification)
    return list(groups.values())


def unread_count(user, *, limit: int | None = None) -> int:
    """The user's unread notices; with `limit`, counted only up to that many (the bell says
    "99+"), so a reader with thousands unread costs no more per page than one with a few."""
    unread = Notification.objects.filter(recipient=user, unread=True, deleted=False)
    return unread[:limit].count() if limit else unread.count()
