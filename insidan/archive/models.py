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


def _refuse_change():
    raise ImmutableError(_("Arkivposter är allmänna handlingar och kan inte ändras."))


def _refuse_delete():
    raise ImmutableError(_("Arkivposter är allmänna handlingar och kan inte tas bort."))


class ImmutableQuerySet(models.QuerySet):
    """Rows are added, never changed or deleted. `_update` and `_raw_delete` are the private
    paths Django's own machinery uses (saving an existing row, fast cascade deletes)."""

    def update(self, **kwargs):
        _refuse_change()

    def _update(self, values):
        _refuse_change()

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse_change()

    def delete(self):
        _refuse_delete()

    def _raw_delete(self, using):
        _refuse_delete()


class ImmutableModel(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True
        # Related-object access and Django internals use the base manager: make it refuse too.
        base_manager_name = "objects"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            _refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_delete()


class ArchiveRecord(index.Indexed, ImmutableModel):
    """One removed item (a post, a comment, a status update…) as it was, with its context."""

    uuid = models.UUIDField(_("arkivpostens id"), default=uuid.uuid4, unique=True,
                            editable=False)
    object_type = models.CharField(_("typ"), max_length=100)  # "forums.post"
    object_id = models.CharField(_("postens id"), max_length=64)
    object_label = models.CharField(_("beskrivning"), max_length=300)
    url = models.CharField(_("adress"), max_length=500, blank=True)
    content_text = models.TextField(_("text som författaren skrev"), blank=True)
    content_html = models.TextField(_("text som den visades"), blank=True)
    author_username = models.CharField(_("författarens användarnamn"), max_length=150,
                                       blank=True)
    author_name = models.CharField(_("författare"), max_length=300, blank=True)
    author_title = models.CharField(_("författarens titel"), max_length=200, blank=True)
    author_department = models.CharField(_("författarens förvaltning"), max_length=200,
                                         blank=True)
    created_at = models.DateTimeField(_("skrevs"), null=True, blank=True)
    edited_at = models.DateTimeField(_("senast ändrad"), null=True, blank=True)
    channel_label = models.CharField(_("kanal"), max_length=300, blank=True)
    channel_owner = models.CharField(_("kanalens ägare"), max_length=300, blank=True)
    data = models.JSONField(
        _("all metadata"), default=dict,
        help_text=_("Versioner, trådens sammanhang, anmälningar, beslut, bilagor."),
    )
    reason = models.TextField(_("skäl till borttagning"))
    removed_by_username = models.CharField(_("borttaget av (användarnamn)"), max_length=150)
    removed_by_name = models.CharField(_("borttaget av"), max_length=300)
    removed_at = models.DateTimeField(_("borttaget"), default=timezone.now, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("arkiverat tillsammans med"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
        help_text=_("Posten som det här följde med, t.ex. inlägget en kommentar hörde till."),
    )

    search_fields = [
        index.SearchField("object_label", boost=2),
        index.SearchField("content_text"),
        index.SearchField("author_name"),
        index.SearchField("channel_label"),
        index.SearchField("reason"),
        index.AutocompleteField("object_label"),
        index.AutocompleteField("author_name"),
        index.FilterField("object_type"),
        index.FilterField("removed_at"),
    ]

    class Meta(ImmutableModel.Meta):
        verbose_name = _("arkivpost")
        verbose_name_plural = _("arkivposter")
        ordering = ["-removed_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_label} ({timezone.localtime(self.removed_at):%Y-%m-%d})"

    @property
    def legal_hold(self) -> "LegalHold | None":
        return self.legal_holds.order_by("-set_at").first()


class ArchiveAttachment(ImmutableModel):
    """A file that belonged to an archived item, copied into archive storage."""

    record = models.ForeignKey(
        ArchiveRecord, verbose_name=_("arkivpost"), on_delete=models.PROTECT,
        related_name="attachments",
    )
    name = models.CharField(_("filnamn"), max_length=255)
    file = models.FileField(_("fil"), upload_to="archive/%Y/%m/", max_length=500)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    content_type = models.CharField(_("filtyp"), max_length=120, blank=True)

    class Meta(ImmutableModel.Meta):
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self) -> str:
        return self.name


class LegalHold(models.Model):
    """A hold on an archive record while the city lawyer (stadsjurist) considers a police
    report: the one thing about a record that can be set, kept apart from the record."""

    record = models.ForeignKey(
        ArchiveRecord, verbose_name=_("arkivpost"), on_delete=models.PROTECT,
        related_name="legal_holds",
    )
    set_at = models.DateTimeField(_("beslutat"), default=timezone.now)
    set_by = models.CharField(_("beslutat av"), max_length=300)
    lawyer = models.CharField(_("stadsjurist"), max_length=300)
    reason = models.TextField(_("skäl"))

    class Meta:
        verbose_name = _("bevarandebeslut (rättslig prövning)")
        verbose_name_plural = _("bevarandebeslut (rättslig prövning)")

    def __str__(self) -> str:
        return f"{self.record} – {self.lawyer}"


class SnapshotKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Schemalagd ögonblicksbild")
    EXTRA = "extra", _("Extra ögonblicksbild")
    CHANNEL = "channel", _("Kanalarkiv")


class Snapshot(ImmutableModel):
    """One archive package that was written whole: a snapshot of all social content (the
    guideline: at least twice a year, April and September, plus extra ones at major changes),
    or the archive of one decommissioned channel. The package itself is on disk at `path`
    (the .tar) and beside it as a folder; this row is its entry in the register."""

    uuid = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    package_id = models.CharField(_("paket-id"), max_length=200, unique=True)
    kind = models.CharField(_("slag"), max_length=16, choices=SnapshotKind.choices)
    period = models.CharField(
        _("period"), max_length=7, blank=True,
        help_text=_("År och månad för en schemalagd ögonblicksbild, t.ex. 2025-04."),
    )
    reason = models.TextField(_("anledning"))
    channel_label = models.CharField(_("kanal"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    created_by = models.CharField(_("skapad av"), max_length=300, blank=True)
    created_by_username = models.CharField(_("skapad av (användarnamn)"), max_length=150,
                                           blank=True)
    path = models.CharField(_("tar-fil"), max_length=1000)
    folder = models.CharField(_("mapp"), max_length=1000)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    item_count = models.PositiveIntegerField(_("antal poster"))

    class Meta(ImmutableModel.Meta):
        verbose_name = _("arkivpaket")
        verbose_name_plural = _("arkivpaket")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(kind="scheduled"),
                name="archive_one_scheduled_snapshot_per_period",
            )
        ]

    def __str__(self) -> str:
        # Read by people in lists and titles: Stockholm's time (the package id keeps UTC).
        created = timezone.localtime(self.created_at)
        return f"{self.get_kind_display()} {created:%Y-%m-%d %H:%M} ({self.package_id})"


class Registration(ImmutableModel):
    """An item registered in the records register (diarieföring). The guideline (section 4):
    it is the content of each post, not the channel, that decides whether it must be
    registered, and the channel's owner answers for registering it. The item's export (JSON,
    and HTML rendered from it, as in an archive package) is kept as it was when registered."""

    uuid = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    object_type = models.CharField(_("typ"), max_length=100)
    object_id = models.CharField(_("postens id"), max_length=64)
    object_label = models.CharField(_("beskrivning av posten"), max_length=300)
    url = models.CharField(_("adress"), max_length=500, blank=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=60, db_index=True)
    generated = models.BooleanField(
        _("nummer ur serien"), default=False,
        help_text=_("Numret togs fram ur den konfigurerade serien, i stället för att skrivas in."),
    )
    received_on = models.DateField(_("inkom eller upprättades"))
    sender = models.CharField(_("avsändare"), max_length=300, blank=True)
    description = models.TextField(_("kort beskrivning"), max_length=2000)
    channel_label = models.CharField(_("kanal"), max_length=300, blank=True)
    registered_at = models.DateTimeField(_("registrerad"), default=timezone.now, db_index=True)
    registered_by = models.CharField(_("registrerad av"), max_length=300)
    registered_by_username = models.CharField(_("registrerad av (användarnamn)"),
                                              max_length=150)
    data = models.JSONField(_("export av posten"), default=dict)

    class Meta(ImmutableModel.Meta):
        verbose_name = _("registrering")
        verbose_name_plural = _("registreringar")
        ordering = ["-registered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id"], name="archive_register_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.diarienummer}: {self.object_label}"


class RegistrationSequence(models.Model):
    """The last number taken in one series and year (ARCHIVE_DIARIE_SERIES): numbers are
    handed out under a row lock, so two registrations never get the same one."""

    key = models.CharField(max_length=200, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"
