"""Archive records: what was removed, saved with all its metadata before removal.

Archive records are public records (allmän handling). The application never changes or deletes
them: the model and its queryset refuse, and on PostgreSQL a trigger refuses UPDATE and DELETE
on these tables (migration 0002). The legal hold lives in its own table so that setting it
never touches a record. Nothing here has a foreign key to a user or to live content: the record
must outlive both, so people and objects are stored as text.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class ImmutableError(Exception):
    """An attempt to change or delete an archive record."""


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError(_("Arkivposter är allmänna handlingar och kan inte ändras."))

    def delete(self):
        raise ImmutableError(_("Arkivposter är allmänna handlingar och kan inte tas bort."))


class ImmutableModel(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError(_("Arkivposter är allmänna handlingar och kan inte ändras."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("Arkivposter är allmänna handlingar och kan inte tas bort."))


class ArchiveRecord(index.Indexed, ImmutableModel):
    """One removed item (a post, a comment, a status update…) as it was, with its context."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    object_type = models.CharField(_("typ"), max_length=100)  # "forums.post"
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(_("beskrivning"), max_length=300)
    url = models.CharField(_("adress"), max_length=500, blank=True)
    content_text = models.TextField(_("text som författaren skrev"), blank=True)
    content_html = models.TextField(_("text som den visades"), blank=True)
    author_username = models.CharField(max_length=150, blank=True)
    author_name = models.CharField(_("författare"), max_length=300, blank=True)
    author_title = models.CharField(max_length=200, blank=True)
    author_department = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("skrevs"), null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    channel_label = models.CharField(_("kanal"), max_length=300, blank=True)
    channel_owner = models.CharField(_("kanalens ägare"), max_length=300, blank=True)
    data = models.JSONField(
        _("all metadata"), default=dict,
        help_text=_("Versioner, trådens sammanhang, anmälningar, beslut, bilagor."),
    )
    reason = models.TextField(_("skäl till borttagning"))
    removed_by_username = models.CharField(max_length=150)
    removed_by_name = models.CharField(_("borttaget av"), max_length=300)
    removed_at = models.DateTimeField(_("borttaget"), default=timezone.now, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        help_text=_("Posten som det här följde med, t.ex. inlägget en kommentar hörde till."),
    )

    search_fields = [
        index.SearchField("object_label", boost=2),
        index.SearchField("content_text"),
        index.SearchField("author_name"),
        index.SearchField("channel_label"),
        index.SearchField("reason"),
        index.FilterField("object_type"),
        index.FilterField("removed_at"),
    ]

    class Meta:
        verbose_name = _("arkivpost")
        verbose_name_plural = _("arkivposter")
        ordering = ["-removed_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_label} ({self.removed_at:%Y-%m-%d})"

    @property
    def legal_hold(self) -> "LegalHold | None":
        return self.legal_holds.order_by("-set_at").first()


class ArchiveAttachment(ImmutableModel):
    """A file that belonged to an archived item, copied into archive storage."""

    record = models.ForeignKey(
        ArchiveRecord, on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to="archive/%Y/%m/", max_length=500)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return self.name


class LegalHold(models.Model):
    """A hold on an archive record while the city lawyer (stadsjurist) considers a police
    report: the one thing about a record that can be set, kept apart from the record."""

    record = models.ForeignKey(
        ArchiveRecord, on_delete=models.PROTECT, related_name="legal_holds"
    )
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.CharField(max_length=300)
    lawyer = models.CharField(_("stadsjurist"), max_length=300)
    reason = models.TextField(_("skäl"))

    class Meta:
        verbose_name = _("bevarandebeslut (rättslig prövning)")
        verbose_name_plural = _("bevarandebeslut (rättslig prövning)")

    def __str__(self) -> str:
        return f"{self.record} – {self.lawyer}"
