from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .events import IMMEDIATE_EMAIL, Event


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Med e-post direkt")
    DIGEST = "digest", _("I en daglig sammanfattning")
    NONE = "none", _("Inte med e-post")


def default_delivery(event: str) -> str:
    """Decisions that concern you come at once; the rest wait for the daily digest."""
    return Delivery.IMMEDIATE if event in IMMEDIATE_EMAIL else Delivery.DIGEST


class NotificationPreference(models.Model):
    """A user's choice of e-mail delivery for one kind of event (absent: the default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs"
    )
    event = models.CharField(max_length=40, choices=Event.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="notify_pref_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.event} → {self.delivery}"


class DigestLog(models.Model):
    """When a user's last digest went out: the next one holds what is unread since then."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_log"
    )
    last_sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user}: {timezone.localtime(self.last_sent_at):%Y-%m-%d %H:%M}"
