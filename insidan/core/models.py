"""The channel core every room, forum and blog extends, terms (villkor), and the two pages the
platform itself owns: the start page and the rules page ("Regler för sociala funktioner")."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .admin_forms import GuardedModelForm, GuardedPageForm


class ChannelKind(models.TextChoices):
    ROOM = "room", _("Samarbetsrum")
    FORUM = "forum", _("Forum")
    BLOG = "blog", _("Blogg")


class ChannelStatus(models.TextChoices):
    REQUESTED = "requested", _("Begärd")
    ACTIVE = "active", _("Aktiv")
    DECOMMISSION_REQUESTED = "decommission_requested", _("Avveckling begärd")
    ARCHIVED = "archived", _("Arkiverad")


class Channel(models.Model):
    """What every room, forum and blog has in common (the guideline, section 1 and 8).

    The owner answers for the channel; deputies share the owner's duties so that the channel is
    never unwatched "under ledighet, sjukdom eller när någon slutar sin anställning". The
    manager or process leader the owner talked to before starting it is recorded in
    `approved_by`.
    """

    kind: ChannelKind  # set by each concrete subclass

    name = models.CharField(_("namn"), max_length=120)
    slug = models.SlugField(_("kortnamn"), max_length=80, unique=True, allow_unicode=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ägare"),
        on_delete=models.PROTECT,
        related_name="owned_%(app_label)s_%(class)s",
    )
    deputies = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ställföreträdare"),
        blank=True,
        related_name="deputy_for_%(app_label)s_%(class)s",
    )
    purpose = models.TextField(_("syfte"), max_length=2000)
    target_group = models.CharField(_("målgrupp"), max_length=300)
    presentation = models.TextField(_("presentation"), max_length=5000, blank=True)
    presentation_html = models.TextField(editable=False, blank=True)
    contact = models.CharField(_("kontakt"), max_length=300, blank=True)
    # The guideline's "Grafisk profil": a picture or an illustration that symbolises the
    # activity, shown in the presentation and the lists. Set and replaced only through the
    # channel apps' actions (insidan/core/channel_images.py): never through a generic form,
    # so the upload checks, the alt text's personal-data guard and the audit log always run.
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("bild eller illustration"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    image_alt = models.CharField(_("bildens alternativtext"), max_length=250, blank=True,
                                 editable=False)
    watched_hours = models.CharField(
        _("när kanalen bevakas"),
        max_length=200,
        help_text=_("Till exempel ”vardagar 8–17”, så att användarna vet när svar kan väntas."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chef eller processledare som ägaren talat med"),
        on_delete=models.PROTECT,
        related_name="approved_%(app_label)s_%(class)s",
    )
    status = models.CharField(
        _("status"), max_length=32, choices=ChannelStatus.choices, default=ChannelStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(_("senaste aktivitet"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.owner_id and self.owner_id == self.approved_by_id:
            raise ValidationError(
                {"approved_by": _("Ägaren kan inte själv vara den chef som godkänt kanalen.")}
            )
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                _("Beskriv bilden med en alternativtext, för den som inte ser den."))

    def is_owner_or_deputy(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return self.owner_id == user.pk or self.deputies.filter(pk=user.pk).exists()

    @property
    def is_active(self) -> bool:
        return self.status == ChannelStatus.ACTIVE


class TermsVersion(models.Model):
    """One published version of the terms (villkor) for one kind of channel.

    Versions are numbered per kind and never edited once published: a change is a new version,
    which every owner of that kind must accept before their next owner action.
    """

    kind = models.CharField(_("kanaltyp"), max_length=16, choices=ChannelKind.choices)
    version = models.PositiveIntegerField(_("version"), editable=False)
    title = models.CharField(_("rubrik"), max_length=200)
    body = RichTextField(_("villkor"))
    change_summary = models.CharField(
        _("vad som ändrats"), max_length=500, blank=True,
        help_text=_("Visas för ägarna när de ombeds godkänna den nya versionen."),
    )
    published_at = models.DateTimeField(_("publicerad"), default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", editable=False,
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("change_summary"),
        FieldPanel("body"),
    ]
    base_form_class = GuardedModelForm
    published_fields = ("title", "change_summary", "body")

    class Meta:
        verbose_name = _("villkor")
        verbose_name_plural = _("villkor")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="terms_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}: {self.title}"


class TermsAcceptance(models.Model):
    """A user's acceptance of one terms version: who, which version, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances"
    )
    terms = models.ForeignKey(TermsVersion, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "terms"], name="terms_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.terms} ({self.accepted_at:%Y-%m-%d})"


class HomePage(Page):
    """The start page: the root of the intranet's social layer."""

    intro = models.CharField(_("ingress"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = GuardedPageForm
    published_fields = ("intro",)
    subpage_types = ["core.RulesPage", "blogs.BlogIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "core/home_page.html"

    class Meta:
        verbose_name = _("startsida")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .feed import actions_for, feed_for, places_for

        context = super().get_context(request, *args, **kwargs)
        context["feed"] = Paginator(feed_for(request.user, limit=100), 20).get_page(
            request.GET.get("sida")
        )
        # After feed_for, whose values on the user's row the two below share (feed.py).
        context["places"] = places_for(request.user)
        context["action_items"] = actions_for(request.user)
        return context


class RulesPage(Page):
    """"Regler för sociala funktioner": every removal notice and report form links here."""

    body = RichTextField(_("regler"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    base_form_class = GuardedPageForm
    published_fields = ("body",)
    subpage_types: list[str] = []
    parent_page_types = ["core.HomePage"]
    max_count = 1
    template = "core/rules_page.html"

    class Meta:
        verbose_name = _("regelsida")


class ModerationState(models.TextChoices):
    VISIBLE = "visible", _("Synlig")
    HIDDEN_PENDING_REVIEW = "hidden_pending_review", _("Dold i väntan på granskning")
    HIDDEN_LEGAL = "hidden_legal", _("Dold: överlämnad till stadsjuristen")
    REMOVED = "removed", _("Borttagen")


# States in which an item is out of public view but not removed: its author, the channel's
# moderators and Webbredaktionen still see it.
HIDDEN_STATES = (ModerationState.HIDDEN_PENDING_REVIEW, ModerationState.HIDDEN_LEGAL)


class ModeratedContent(models.Model):
    """What every piece of user-written content carries for moderation.

    A removed item keeps its row as a tombstone ("Borttaget av webbredaktionen: <reason>") in
    its place; its text lives on only in the archive record written before removal.
    """

    moderation_state = models.CharField(
        _("moderering"), max_length=24, choices=ModerationState.choices,
        default=ModerationState.VISIBLE, db_index=True,
    )
    moderation_reason = models.CharField(_("skäl"), max_length=1000, blank=True)
    moderation_changed_at = models.DateTimeField(null=True, blank=True)
    editorial_edit_reason = models.CharField(
        _("ändrat av webbredaktionen, skäl"), max_length=1000, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.moderation_state == ModerationState.REMOVED

    @property
    def is_hidden(self) -> bool:
        return self.moderation_state in HIDDEN_STATES

    def set_moderation_state(self, *, state: str, reason: str, at) -> None:
        """Hide (pending review, or for the city lawyer), show again, or mark removed."""
        self.moderation_state, self.moderation_reason = state, reason
        self.moderation_changed_at = at
        self.save(update_fields=["moderation_state", "moderation_reason",
                                 "moderation_changed_at"])
