from django.core.exceptions import PermissionDenied
from django.db import transaction

from .events import Event
from .models import NotificationPreference


def set_preferences(*, actor, choices: dict[str, str]) -> None:
    """Save the user's e-mail delivery per kind of event (only their own)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        for event in Event:
            if event.value in choices:
                NotificationPreference.objects.update_or_create(
                    user=actor, event=event.value, defaults={"delivery": choices[event.value]}
                )


def mark_read(*, actor, notifications) -> int:
    """Mark the actor's own notifications read (others' are never in the queryset)."""
    return notifications.filter(recipient=actor, unread=True).update(unread=False)
