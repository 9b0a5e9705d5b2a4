"""Reports (anmälningar), the case that gathers every report on one item, and the dialogue
between Webbredaktionen and the channel's owner.

The item is referred to by content type and id, not by a foreign key: reports may concern any
model in the visibility registry, and the case must outlive the item's removal (the item's text
then lives in the archive record). `item_label` is a snapshot so that the queue can list cases
without loading every item.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportCategory(models.TextChoices):
    """The guideline's "God samtalston" list, plus party politics (its introduction: "Kommunens
    officiella sociala mediekanaler är inte forum för partipolitik"), personal data (section 7)
    and "annat"."""

    DEFAMATION = "defamation", _("Förtal, personangrepp eller förolämpning")
    COPYRIGHT = "copyright", _("Upphovsrättsintrång")
    ADVERTISING = "advertising", _("Kommersiella budskap eller reklam")
    HATE_SPEECH = "hate_speech", _("Hets mot folkgrupp")
    HARASSMENT = "harassment", _("Sexistiska yttranden eller trakasserier")
    VIOLENCE_PORNOGRAPHY = "violence_pornography", _("Olaga våldsskildring eller pornografi")
    INCITEMENT = "incitement", _("Uppmaning till brott")
    PARTY_POLITICS = "party_politics", _("Partipolitiska budskap")
    PERSONAL_DATA = "personal_data", _("Personuppgifter")
    OTHER = "other", _("Annat")


# Categories that may be crimes, and personal data published without consent: the guideline
# ("Kommunens ansvar") obliges the municipality to remove such posts at once.
URGENT_CATEGORIES = frozenset({
    ReportCategory.HATE_SPEECH,
    ReportCategory.VIOLENCE_PORNOGRAPHY,
    ReportCategory.INCITEMENT,
    ReportCategory.PERSONAL_DATA,
})


class CaseState(models.TextChoices):
    OPEN = "open", _("Öppen")
    ESCALATED = "escalated", _("Hos stadsjuristen")
    DECIDED = "decided", _("Avgjord")


# A case that is not yet finally decided: new reports on the item join it.
UNDECIDED_STATES = (CaseState.OPEN, CaseState.ESCALATED)


class DecisionKind(models.TextChoices):
    KEEP = "keep", _("Behålls")
    EDIT = "edit", _("Ändrat av webbredaktionen")
    REMOVE = "remove", _("Borttaget")
    ESCALATE = "escalate", _("Överlämnat till stadsjuristen")


class ReportCase(models.Model):
    """Every report on one item, until Webbredaktionen decides (one undecided case per item)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    item_label = models.CharField(_("innehåll"), max_length=300)
    item_url = models.CharField(max_length=500, blank=True)
    # The item's author and channel when the case was opened: for the queue (no item loading)
    # and for finding the cases in an owner's channels. Who owns the channel is asked live.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("författare"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    channel_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel_id = models.CharField(max_length=64, blank=True)
    state = models.CharField(
        _("status"), max_length=16, choices=CaseState.choices, default=CaseState.OPEN
    )
    is_urgent = models.BooleanField(_("brådskande"), default=False)
    hidden_by_owner = models.BooleanField(_("dolt av ägaren i väntan på granskning"),
                                          default=False)
    opened_at = models.DateTimeField(_("öppnat"), default=timezone.now)
    decision = models.CharField(
        _("beslut"), max_length=16, choices=DecisionKind.choices, blank=True
    )
    reason = models.TextField(_("skäl"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("beslutat av"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decided_at = models.DateTimeField(_("beslutat"), null=True, blank=True)
    lawyer = models.CharField(_("stadsjurist"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("anmälningsärende")
        verbose_name_plural = _("anmälningsärenden")
        ordering = ["-is_urgent", "opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=["open", "escalated"]),
                name="moderation_one_undecided_case_per_item",
            ),
            models.CheckConstraint(
                condition=Q(state="open") | ~Q(decision="") & Q(decided_at__isnull=False),
                name="moderation_decided_case_has_decision",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-is_urgent", "opened_at"]),
            models.Index(fields=["channel_type", "channel_id", "state"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.item_label}"

    @property
    def is_undecided(self) -> bool:
        return self.state in UNDECIDED_STATES

    def get_item(self):
        """The reported item, or None if its row is gone; with what describing it reads (the
        archive's own query for the model) fetched in the same query."""
        from insidan.archive.selectors import archive_queryset

        model = self.content_type.model_class()
        if model is None:
            return None
        return archive_queryset(model, model._default_manager.filter(pk=self.object_id)).first()


class Report(models.Model):
    """One person's report. The reporter's identity is for Webbredaktionen only."""

    case = models.ForeignKey(ReportCase, on_delete=models.PROTECT, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports"
    )
    category = models.CharField(_("kategori"), max_length=32, choices=ReportCategory.choices)
    text = models.TextField(_("varför"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("anmäld"), default=timezone.now)
    # True while the case is undecided: one open report per person and item.
    is_open = models.BooleanField(default=True)
    # What the personal data guard found in the report text itself.
    contains_personal_data = models.BooleanField(_("innehåller personuppgifter"), default=False)

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reporter"], condition=Q(is_open=True),
                name="moderation_one_open_report_per_user_and_case",
            ),
        ]
        indexes = [models.Index(fields=["reporter", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_urgent(self) -> bool:
        return self.category in URGENT_CATEGORIES


class CaseMessage(models.Model):
    """One entry in the conversation between Webbredaktionen and the channel's owner."""

    case = models.ForeignKey(ReportCase, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("meddelande"), max_length=5000)
    from_webbredaktionen = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meddelande i ärendet")
        verbose_name_plural = _("meddelanden i ärendet")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
