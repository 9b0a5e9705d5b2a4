"""Samarbetsrum: open or closed collaboration rooms and their members."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insidan.core.models import Channel, ChannelKind


class RoomKind(models.TextChoices):
    PROFESSION = "profession", _("Yrkessamarbetsrum")
    PROJECT = "project", _("Projektrum")
    STAFF_CLUB = "staff_club", _("Personalklubb")
    OTHER = "other", _("Övrigt")


class Room(Channel):
    kind = ChannelKind.ROOM

    room_kind = models.CharField(
        _("typ av rum"), max_length=20, choices=RoomKind.choices, default=RoomKind.OTHER
    )
    is_closed = models.BooleanField(
        _("slutet rum"), default=False,
        help_text=_("Innehållet i ett slutet rum syns bara för medlemmarna."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="rooms", blank=True
    )

    class Meta:
        verbose_name = _("samarbetsrum")
        verbose_name_plural = _("samarbetsrum")
        ordering = ["name"]


class Membership(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["room", "user"], name="collab_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} i {self.room}"
