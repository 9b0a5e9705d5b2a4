"""Samarbetsrum: open or closed collaboration rooms, their members, membership applications,
invitations and the room's current documents."""

import os
import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from insidan.archive.archivable import ArchiveDescription
from insidan.core.models import Channel, ChannelKind, ModeratedContent, ModerationState


class RoomKind(models.TextChoices):
    PROFESSION = "profession", _("Yrkessamarbetsrum")
    PROJECT = "project", _("Projektrum")
    STAFF_CLUB = "staff_club", _("Personalklubb")
    OTHER = "other", _("Övrigt")


class Room(index.Indexed, Channel):
    """A room. The presentation is for every employee; what is inside a closed room is for its
    members and Webbredaktionen (see permissions.py). The owner and deputies are always
    members."""

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
    # Set when the owner's account is deactivated; cleared when someone takes the room over.
    ownerless_since = models.DateTimeField(_("utan ägare sedan"), null=True, blank=True)
    # When the owners were last asked to keep the room alive or decommission it.
    inactivity_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    decommission_requested_at = models.DateTimeField(
        _("avveckling begärd"), null=True, blank=True
    )
    decommission_reason = models.CharField(_("skäl till avveckling"), max_length=1000, blank=True)
    # Set by the archive when the whole room has been archived and removed.
    archived_at = models.DateTimeField(_("arkiverad"), null=True, blank=True)

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("purpose"),
        index.SearchField("target_group"),
        index.SearchField("presentation"),
        index.AutocompleteField("name"),
        index.FilterField("id"),
        index.FilterField("status"),
        index.FilterField("is_closed"),
        index.FilterField("room_kind"),
    ]

    class Meta:
        verbose_name = _("samarbetsrum")
        verbose_name_plural = _("samarbetsrum")
        ordering = ["name"]
        # The directory's order: its first page is read from the index, not sorted.
        indexes = [models.Index(fields=["name", "id"], name="collab_room_directory")]

    def get_absolute_url(self) -> str:
        return reverse("collab:room", args=[self.slug])


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


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på beslut")
    APPROVED = "approved", _("Godkänd")
    DECLINED = "declined", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Återkallad")


class MembershipApplication(models.Model):
    """An application to a closed room (medlemsansökan). Decided ones are kept as a record of
    who let whom in."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_applications"
    )
    message = models.TextField(_("meddelande"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("skickad"), default=timezone.now)
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField(_("meddelande med beslutet"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("medlemsansökan")
        verbose_name_plural = _("medlemsansökningar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "applicant"], condition=Q(status="pending"),
                name="collab_one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.room} ({self.get_status_display()})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på svar")
    ACCEPTED = "accepted", _("Accepterad")
    DECLINED = "declined", _("Avböjd")


class Invitation(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("meddelande"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "invitee"], condition=Q(status="pending"),
                name="collab_one_pending_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitee} ← {self.room} ({self.get_status_display()})"


def document_upload_to(document: "RoomDocument", filename: str) -> str:
    """A random name under the room's folder: the stored name never carries the user's file
    name, and nothing under MEDIA_ROOT is served directly anyway."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"rooms/{document.room_id}/{uuid.uuid4().hex}{extension}"


class RoomDocument(index.Indexed, ModeratedContent):
    """A current document in a room (the guideline: not a file store, not an archive).

    Indexed by title only; search must filter through documents_visible_to like every other
    surface."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="room_documents"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    file = models.FileField(_("fil"), upload_to=document_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("storlek"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)
    # Upload time, or when the owner last confirmed that the document is still current.
    confirmed_current_at = models.DateTimeField(default=timezone.now)

    search_fields = [
        index.SearchField("title"),
        index.FilterField("id"),
        index.FilterField("room_id"),
        index.FilterField("moderation_state"),
    ]

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["room", "moderation_state", "-uploaded_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collab:document_download", args=[self.room.slug, self.pk])

    def archive_description(self) -> ArchiveDescription:
        room = self.room
        return ArchiveDescription(
            label=f"Dokument ”{self.title}” i samarbetsrummet {room.name}",
            url=self.get_absolute_url(),
            content_text=self.title,
            content_html="",
            author=self.uploaded_by,
            created_at=self.uploaded_at,
            channel=room,
            thread_context={"room": room.slug, "document_id": self.pk,
                            "original_name": self.original_name,
                            "content_type": self.content_type, "size": self.size,
                            "sha256": self.sha256},
            attachments=[(self.original_name, self.file)] if self.file else [],
        )

    def apply_tombstone(self, *, reason: str, at) -> None:
        """The file goes (its copy lives in the archive record) once the removal commits; the
        row stays as the tombstone."""
        stored_name, storage = self.file.name, self.file.storage
        self.moderation_state = ModerationState.REMOVED
        self.moderation_reason = reason
        self.moderation_changed_at = at
        self.file = ""
        self.save(update_fields=["moderation_state", "moderation_reason",
                                 "moderation_changed_at", "file"])
        if stored_name:
            transaction.on_commit(lambda: storage.delete(stored_name))
