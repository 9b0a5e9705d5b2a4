"""Forums: open forums set up by Webbredaktionen, room forums, discussions and posts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from insidan.archive.archivable import ArchiveDescription
from insidan.core.models import Channel, ChannelKind, ModeratedContent, ModerationState

POST_MAX_LENGTH = 20_000
DISCUSSION_TITLE_MAX_LENGTH = 200


class Forum(index.Indexed, Channel):
    """An open forum (room is empty) or a room's discussions (room set)."""

    kind = ChannelKind.FORUM

    room = models.OneToOneField(
        "collab.Room", verbose_name=_("samarbetsrum"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="forum",
    )
    # When the owners were last asked to keep the forum alive or decommission it.
    inactivity_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by the archive when the whole forum has been archived and removed.
    archived_at = models.DateTimeField(_("arkiverad"), null=True, blank=True)

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("purpose"),
        index.AutocompleteField("name"),
        # Search filters by the visibility rule with `id__in=<forums_visible_to(user)>`.
        index.FilterField("id"),
        index.FilterField("room_id"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forum")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("forums:forum", args=[self.slug])

class Discussion(index.Indexed, ModeratedContent):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="discussions")
    title = models.CharField(_("rubrik"), max_length=DISCUSSION_TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="discussions"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)
    post_count = models.PositiveIntegerField(default=0)
    is_pinned = models.BooleanField(_("fäst"), default=False)
    is_locked = models.BooleanField(_("låst"), default=False)

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("id"),
        index.FilterField("forum_id"),
        index.FilterField("moderation_state"),
    ]

    class Meta:
        verbose_name = _("diskussion")
        verbose_name_plural = _("diskussioner")
        indexes = [models.Index(fields=["forum", "-is_pinned", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:discussion", args=[self.forum.slug, self.pk])

    def archive_description(self) -> ArchiveDescription:
        forum = self.forum
        return ArchiveDescription(
            label=f"Diskussion ”{self.title}” i forumet {forum.name}",
            url=self.get_absolute_url(),
            content_text=self.title,
            content_html="",
            author=self.author,
            created_at=self.created_at,
            channel=forum.room if forum.room_id else forum,
            thread_context={"forum": forum.slug, "discussion_id": self.pk,
                            "pinned": self.is_pinned, "locked": self.is_locked},
            children=self.posts.exclude(moderation_state=ModerationState.REMOVED),
        )

    def apply_tombstone(self, *, reason: str, at) -> None:
        self.set_moderation_state(state=ModerationState.REMOVED, reason=reason, at=at)


class Post(index.Indexed, ModeratedContent):
    discussion = models.ForeignKey(Discussion, on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    body = models.TextField(_("inlägg"), max_length=POST_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    quoted = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    is_moderator_note = models.BooleanField(_("moderatorns anteckning"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    search_fields = [
        index.SearchField("body"),
        index.FilterField("id"),
        index.FilterField("discussion_id"),
        index.FilterField("moderation_state"),
        index.FilterField("author_id"),  # forums.selectors.posts_searchable_by
    ]

    class Meta:
        verbose_name = _("inlägg")
        verbose_name_plural = _("inlägg")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["discussion", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} i {self.discussion}"

    def get_absolute_url(self) -> str:
        return f"{self.discussion.get_absolute_url()}#inlagg-{self.pk}"

    def archive_description(self) -> ArchiveDescription:
        discussion = self.discussion
        forum = discussion.forum
        return ArchiveDescription(
            label=f"Inlägg av {self.author.get_full_name() or self.author} i ”{discussion}”",
            url=self.get_absolute_url(),
            content_text=self.body,
            content_html=self.body_html,
            author=self.author,
            created_at=self.created_at,
            edited_at=self.edited_at,
            versions=[
                {"text": v.body, "html": v.body_html, "written_at": v.written_at.isoformat(),
                 "replaced_at": v.replaced_at.isoformat(),
                 "replaced_by": v.replaced_by.get_username()}
                for v in self.versions.all()  # prefetched with replaced_by for snapshots
            ],
            channel=forum.room if forum.room_id else forum,
            thread_context={
                "forum": forum.slug,
                "discussion_id": discussion.pk,
                "discussion_title": discussion.title,
                "quoted_post_id": self.quoted_id,
                "moderator_note": self.is_moderator_note,
            },
        )

    def apply_tombstone(self, *, reason: str, at) -> None:
        """The text goes (it lives on in the archive record); the tombstone stays in place."""
        self.moderation_state = ModerationState.REMOVED
        self.moderation_reason = reason
        self.moderation_changed_at = at
        self.body = ""
        self.body_html = ""
        self.save(update_fields=["moderation_state", "moderation_reason",
                                 "moderation_changed_at", "body", "body_html"])
        self.versions.update(body="", body_html="")


    def apply_editorial_edit(self, *, text: str, reason: str, at) -> None:
        """Webbredaktionen's edit: shown as "Ändrat av webbredaktionen: <reason>". The caller
        archives the earlier version first."""
        from insidan.core.text import render_markdown

        self.body, self.body_html = text, render_markdown(text)
        self.editorial_edit_reason, self.edited_at = reason, at
        self.save(update_fields=["body", "body_html", "editorial_edit_reason", "edited_at"])


class PostVersion(models.Model):
    """An earlier version of an edited post, kept as it was."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="versions")
    body = models.TextField()
    body_html = models.TextField()
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["written_at"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {timezone.localtime(self.written_at):%Y-%m-%d %H:%M}"


class ForumRequest(models.Model):
    """An employee's request for a new open forum. The guideline: "Forumets ägare kontaktar
    webbredaktionen, som lägger upp det nya forumet" – the forum exists only once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på webbredaktionen")
        APPROVED = "approved", _("Godkänd")
        DECLINED = "declined", _("Avslagen")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_requests"
    )
    name = models.CharField(_("namn"), max_length=120)
    purpose = models.TextField(_("syfte"), max_length=2000)
    target_group = models.CharField(_("målgrupp"), max_length=300)
    watched_hours = models.CharField(_("när forumet bevakas"), max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chef eller processledare du talat med"),
        on_delete=models.PROTECT, related_name="+",
    )
    terms = models.ForeignKey("core.TermsVersion", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_message = models.TextField(_("meddelande till den som begärt"), blank=True)
    forum = models.OneToOneField(
        Forum, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )

    class Meta:
        verbose_name = _("begäran om forum")
        verbose_name_plural = _("begäranden om forum")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name



class Follow(models.Model):
    """A user follows one forum or one discussion and is told of new posts in it. Starting a
    discussion or posting in one follows it; "Sluta följa" removes the row (a follow is a
    preference, not something the user wrote)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_follows"
    )
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    discussion = models.ForeignKey(
        Discussion, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("följer")
        verbose_name_plural = _("följer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(forum__isnull=True, discussion__isnull=False)
                | models.Q(forum__isnull=False, discussion__isnull=True),
                name="forums_follow_one_target",
            ),
            models.UniqueConstraint(fields=["user", "forum"], name="forums_follow_forum_once",
                                    condition=models.Q(forum__isnull=False)),
            models.UniqueConstraint(fields=["user", "discussion"],
                                    name="forums_follow_discussion_once",
                                    condition=models.Q(discussion__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.user} följer {self.forum or self.discussion}"


class ReadState(models.Model):
    """How far a user has read in a discussion: the last post (by created_at, then pk, the
    order posts are shown in) on the furthest page they have viewed. One row per user and
    discussion, moved forward by one upsert per page view."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states"
    )
    discussion = models.ForeignKey(
        Discussion, on_delete=models.CASCADE, related_name="read_states"
    )
    post_created_at = models.DateTimeField()
    post_id_read = models.BigIntegerField()
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "discussion"], name="forums_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} läst {self.discussion_id} t.o.m. {self.post_id_read}"


class DecommissionRequest(models.Model):
    """The owner asks Webbredaktionen to decommission a whole forum (discussion empty) or one
    discussion (the guideline: "Om ett forum, eller en diskussion i ett forum, ska avvecklas
    kontaktar ägaren webbredaktionen"). Kept after it is carried out, as the record of who
    asked, why, and who archived it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på webbredaktionen")
        DONE = "done", _("Arkiverad och avvecklad")

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT,
                              related_name="decommission_requests")
    discussion = models.ForeignKey(Discussion, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="decommission_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    reason = models.CharField(_("skäl"), max_length=1000)
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    carried_out_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    carried_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("begäran om avveckling")
        verbose_name_plural = _("begäranden om avveckling")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum"], name="forums_decommission_forum_pending_once",
                condition=models.Q(status="pending", discussion__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["discussion"], name="forums_decommission_discussion_pending_once",
                condition=models.Q(status="pending", discussion__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return str(self.discussion or self.forum)

    @property
    def channel(self):
        """What archive_channel is called on."""
        return self.discussion or self.forum
