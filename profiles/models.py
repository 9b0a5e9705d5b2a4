"""Employees' profiles, status updates and follows.

The staff directory owns the contact details (name, title, department, manager, phone, e-mail,
workplace); the employee cannot change those here. The employee owns the photo, "Mina
arbetsuppgifter", experience, skills and languages (the guideline: "Profilsidans ägare ansvarar
för att beskriva sina arbetsuppgifter, erfarenheter och kunskaper").
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase
from wagtail.search import index

from insidan.archive.archivable import ArchiveDescription
from insidan.core.models import ModeratedContent, ModerationState

STATUS_MAX_LENGTH = 1000
DESCRIPTION_MAX_LENGTH = 3000
EXPERIENCE_MAX_LENGTH = 3000
LANGUAGES_MAX_LENGTH = 300
REVIEW_INTERVAL = timedelta(days=365)


class Department(models.Model):
    """A förvaltning, kontor or unit from the staff directory."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("förvaltning eller kontor")
        verbose_name_plural = _("förvaltningar och kontor")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Skill(TagBase):
    """A skill tag ("kunskaper"), kept apart from the tags other apps use."""

    class Meta:
        verbose_name = _("kunskap")
        verbose_name_plural = _("kunskaper")
        ordering = ["name"]


class TaggedSkill(ItemBase):
    tag = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="tagged_profiles")
    content_object = models.ForeignKey(
        "Profile", on_delete=models.CASCADE, related_name="tagged_skills"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="profile_skill_once")
        ]


class Profile(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # From the staff directory (read-only for the employee).
    title = models.CharField(_("titel"), max_length=200, blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("förvaltning eller kontor"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="profiles",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chef"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="reports_to_me",
    )
    phone = models.CharField(_("telefon i tjänsten"), max_length=40, blank=True)
    mobile = models.CharField(_("mobil i tjänsten"), max_length=40, blank=True)
    workplace = models.CharField(_("arbetsplats"), max_length=200, blank=True)
    employee_number = models.CharField(
        _("anställningsnummer"), max_length=40, blank=True, db_index=True
    )
    # The employee's own.
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("foto"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    work_description = models.TextField(
        _("Mina arbetsuppgifter"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    work_description_html = models.TextField(editable=False, blank=True)
    experience = models.TextField(_("erfarenhet"), max_length=EXPERIENCE_MAX_LENGTH, blank=True)
    experience_html = models.TextField(editable=False, blank=True)
    languages = models.CharField(_("språk"), max_length=LANGUAGES_MAX_LENGTH, blank=True)
    skills = TaggableManager(
        verbose_name=_("kunskaper"), through=TaggedSkill, blank=True, related_name="profiles"
    )
    reviewed_at = models.DateTimeField(_("senast granskad"), null=True, blank=True)
    # The language the person chose for Insidan (the footer's "Byt språk"); empty: never
    # chosen, and then Swedish, whatever the browser asks for (insidan/accounts/language.py).
    ui_language = models.CharField(_("språk på Insidan"), max_length=8, blank=True,
                                   default="", db_default="", choices=settings.LANGUAGES)
    editorial_removal_reason = models.CharField(
        _("borttaget av webbredaktionen, skäl"), max_length=1000, blank=True
    )

    search_fields = [
        index.SearchField("title"),
        index.SearchField("work_description"),
        index.RelatedFields("user", [
            index.SearchField("first_name", boost=3),
            index.SearchField("last_name", boost=3),
            index.AutocompleteField("first_name"),
            index.AutocompleteField("last_name"),
            index.FilterField("is_active"),
        ]),
        index.RelatedFields("department", [index.SearchField("name")]),
        index.RelatedFields("skills", [index.SearchField("name", boost=2)]),
        index.FilterField("department_id"),
        index.FilterField("user_id"),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profiler")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def get_absolute_url(self) -> str:
        return reverse("profiles:profile", args=[self.user.get_username()])

    @property
    def full_name(self) -> str:
        return str(self)

    def needs_review(self, now=None) -> bool:
        """The guideline asks the owner to keep the profile "i uppdaterat och gott skick":
        a gentle reminder once a year."""
        now = now or timezone.now()
        return self.reviewed_at is None or self.reviewed_at < now - REVIEW_INTERVAL

    def archive_description(self) -> ArchiveDescription:
        """The employee's own texts (the staff directory's fields are not theirs to answer
        for). No channel: the person's manager is the dialogue partner on reports."""
        skills = ", ".join(sorted(tag.name for tag in self.skills.all()))
        parts = [
            ("Mina arbetsuppgifter", self.work_description),
            ("Erfarenhet", self.experience),
            ("Kunskaper", skills),
            ("Språk", self.languages),
        ]
        return ArchiveDescription(
            label=f"Profilsida för {self}",
            url=self.get_absolute_url(),
            content_text="\n\n".join(f"{name}: {text}" for name, text in parts if text),
            content_html=self.work_description_html + self.experience_html,
            author=self.user,
            created_at=None,
            edited_at=self.reviewed_at,
            channel=None,
            thread_context={"manager": self.manager.get_username() if self.manager else None,
                            "has_photo": bool(self.photo_id)},
        )

    def apply_tombstone(self, *, reason: str, at) -> None:
        """Webbredaktionen removes the employee's own texts and photo (they live on in the
        archive record); the profile and its contact details stay."""
        self.work_description = self.work_description_html = ""
        self.experience = self.experience_html = ""
        self.languages, self.photo = "", None
        self.editorial_removal_reason = reason
        self.save(update_fields=["work_description", "work_description_html", "experience",
                                 "experience_html", "languages", "photo",
                                 "editorial_removal_reason"])
        self.skills.clear()


class StatusUpdate(index.Indexed, ModeratedContent):
    """What the employee is working on, or a question. Always public to every employee (the
    guideline: "Statusuppdateringar är alltid öppna och publika"): there is no audience field."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="status_updates"
    )
    body = models.TextField(_("statusuppdatering"), max_length=STATUS_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    search_fields = [
        index.SearchField("body"),
        index.FilterField("id"),
        index.FilterField("author_id"),
        index.FilterField("moderation_state"),
    ]

    class Meta:
        verbose_name = _("statusuppdatering")
        verbose_name_plural = _("statusuppdateringar")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self) -> str:
        name = self.author.get_full_name() or self.author.get_username()
        return _("statusuppdatering av %(name)s") % {"name": name}

    def get_absolute_url(self) -> str:
        return reverse("profiles:status", args=[self.author.get_username(), self.pk])

    def accepts_comments(self, user) -> bool:
        return self.moderation_state == ModerationState.VISIBLE and bool(
            user.is_authenticated and user.is_active
        )

    def comment_recipients(self) -> list:
        return [self.author]

    def archive_description(self) -> ArchiveDescription:
        from django.contrib.contenttypes.models import ContentType

        from insidan.comments.models import Comment

        profile = getattr(self.author, "profile", None)
        manager = profile.manager if profile is not None else None
        comments = Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_pk=str(self.pk),
            parent_id=models.F("pk"),
        ).exclude(moderation_state=ModerationState.REMOVED)
        return ArchiveDescription(
            label=f"Statusuppdatering av {self.author.get_full_name() or self.author}",
            url=self.get_absolute_url(),
            content_text=self.body,
            content_html=self.body_html,
            author=self.author,
            created_at=self.created_at,
            edited_at=self.edited_at,
            channel=None,
            thread_context={"profile": self.author.get_username(),
                            "manager": manager.get_username() if manager else None},
            children=comments,
        )

    def apply_tombstone(self, *, reason: str, at) -> None:
        self.moderation_state, self.moderation_reason = ModerationState.REMOVED, reason
        self.moderation_changed_at = at
        self.body = self.body_html = ""
        self.save(update_fields=["moderation_state", "moderation_reason",
                                 "moderation_changed_at", "body", "body_html"])


    def apply_editorial_edit(self, *, text: str, reason: str, at) -> None:
        """Webbredaktionen's edit; the caller archives the earlier version first."""
        from insidan.core.text import render_markdown

        self.body, self.body_html = text, render_markdown(text)
        self.editorial_edit_reason, self.edited_at = reason, at
        self.save(update_fields=["body", "body_html", "editorial_edit_reason", "edited_at"])


class Follow(models.Model):
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following"
    )
    followed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="follow_once"),
            models.CheckConstraint(condition=~models.Q(follower=models.F("followed")),
                                   name="follow_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.follower} → {self.followed}"


class OwnerlessChannel(models.Model):
    """A channel whose owner has left: "utan ägare" until Webbredaktionen (or a hand-over)
    gives it a new owner. Kept here rather than on Channel because it is a consequence of
    the staff directory, and one table serves every kind of channel."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("typ av kanal"), on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("kanalens nummer"))
    former_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tidigare ägare"), on_delete=models.PROTECT,
        related_name="+",
    )
    flagged_at = models.DateTimeField(_("utan ägare sedan"), default=timezone.now)
    resolved_at = models.DateTimeField(_("ny ägare utsedd"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ny ägare utsedd av"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("kanal utan ägare")
        verbose_name_plural = _("kanaler utan ägare")
        ordering = ["-flagged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], condition=models.Q(resolved_at=None),
                name="ownerless_open_once",
            )
        ]

    def __str__(self) -> str:
        channel = self.channel
        return str(channel) if channel is not None else f"{self.content_type} {self.object_id}"

    @property
    def channel(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
