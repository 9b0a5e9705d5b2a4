"""Blogs as Wagtail pages: the "Bloggar" index → a blog (the channel) → its posts.

A blog is a channel like a room or a forum (owner, deputies, purpose, target group, watched
hours, the manager the owner talked to, status), and a Wagtail page so that its writers write,
edit and publish posts in the admin with rich text, images, tags, drafts, scheduled publishing
and revisions. Comments are `insidan.comments.Comment` rows pointing at a post.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from insidan.archive.archivable import ArchiveDescription
from insidan.core.admin_forms import GuardedPageForm
from insidan.core.models import Channel, ChannelKind, ModeratedContent

from .forms import BlogPostPageForm

# Blog slugs that would shadow the app's own URLs under /bloggar/.
RESERVED_BLOG_SLUGS = {"ny", "obesvarade", "feed", "agare", "folj"}
POST_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "image", "blockquote", "hr"]


def _route_to_child(parent: Page, child_model, request, path_components):
    """Wagtail's Page.route with the child read as its own type in one query (Page.route reads
    the child page, then its specific type: two queries per level of the URL). The child knows
    its parent, so a post does not look its blog up again."""
    if not path_components:
        return Page.route(parent, request, path_components)
    children = child_model.objects.child_of(parent)
    if child_model is BlogPage:
        children = children.select_related("owner")  # shown on the blog's page
    child = children.filter(slug=path_components[0]).first()
    if child is None:
        raise Http404
    child._cached_parent_obj = parent
    if isinstance(child, BlogPostPage):
        child._blog = parent
    return child.route(request, path_components[1:])


class BlogIndexPage(Page):
    """"Bloggar": the one page every blog hangs under (served at /bloggar/)."""

    intro = models.CharField(_("ingress"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = GuardedPageForm
    published_fields = ("intro",)
    parent_page_types = ["core.HomePage"]
    subpage_types = ["blogs.BlogPage"]
    max_count = 1

    class Meta:
        verbose_name = _("bloggsamling")

    def serve(self, request, *args, **kwargs):
        from .views import blog_list

        return blog_list(request)

    def route(self, request, path_components):
        return _route_to_child(self, BlogPage, request, path_components)


class ArchivedFirstPermissions(PagePermissionTester):
    """What a person wrote in a blog leaves the site only through the archive (see
    blogs/wagtail_hooks.py): the admin offers nobody unpublish, delete or move for a blog or a
    post, so no button, menu item or bulk action shows them, and Wagtail's views refuse them.

    Nor is a post overwritten by someone who did not write it: only its writers (and whoever
    started it) edit a post, so another writer of the blog, the owner, Webbredaktionen and
    superusers get no "Redigera" and Wagtail's edit, revert and compare views refuse them. A
    post that must change against its writers' will is changed through a report case
    (``decide_edit``), which archives the earlier text first and says so on the post."""

    def can_edit(self):
        if isinstance(self.page, BlogPostPage) and not self._wrote_post():
            return False
        return super().can_edit()

    def _wrote_post(self) -> bool:
        if not hasattr(self, "_wrote"):
            # The stored writers, not a revision's: a revision being reverted to may list others.
            user, post = self.user, self.page
            stored_writers = BlogPostPage.writers.through.objects.filter(
                blogpostpage_id=post.pk, user_id=user.pk)
            self._wrote = user.is_authenticated and (
                post.pk is None or post.owner_id == user.pk or stored_writers.exists())
        return self._wrote

    def can_unpublish(self):
        return False

    def can_delete(self, ignore_bulk=False):
        return False

    def can_move(self):
        return False

    def can_move_to(self, destination):
        return False


class BlogPage(Page, Channel):
    """A blog: the channel. Wagtail's own `owner` and `slug` fields are the channel's owner and
    short name (the channel fields of the same names are left out, see below); `name` is the
    page title."""

    kind = ChannelKind.BLOG
    # Placeholders that keep Channel's `owner`, `slug` and `name` fields off this model: Page
    # already has `owner` and `slug`, and the title is the name. Removed after the class body.
    owner = None
    slug = None

    writers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("skribenter"), blank=True,
        related_name="blogs_written",
    )
    writer_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="blog",
    )
    inactivity_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = [FieldPanel("title"), FieldPanel("presentation"), FieldPanel("contact")]
    base_form_class = GuardedPageForm
    published_fields = ("presentation", "contact")

    def permissions_for_user(self, user):
        return ArchivedFirstPermissions(user, self)
    promote_panels: list = []
    parent_page_types = ["blogs.BlogIndexPage"]
    subpage_types = ["blogs.BlogPostPage"]
    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("blogg")
        verbose_name_plural = _("bloggar")

    @property
    def name(self) -> str:
        return self.title

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url or f"/bloggar/{self.slug}/"

    @property
    def is_ownerless(self) -> bool:
        """The owner has left (account removed or deactivated): Webbredaktionen must find a new
        one before the blog goes unwatched."""
        return self.owner_id is None or not self.owner.is_active

    def with_content_json(self, content):
        """Channel facts are the blog's, not a revision's: publishing an old revision must never
        bring back an earlier status, owner or writer group."""
        obj = super().with_content_json(content)
        for field in ("status", "approved_by_id", "created_at", "last_activity_at",
                      "writer_group_id", "inactivity_notified_at", "purpose", "target_group",
                      "watched_hours", "presentation_html", "image_id", "image_alt"):
            setattr(obj, field, getattr(self, field))
        return obj

    def serve(self, request, *args, **kwargs):
        from .views import blog_detail

        return blog_detail(request, self)

    def serve_preview(self, request, mode_name):
        """The owner's "view draft" and preview of the presentation render through serve(), like
        the live page (its template needs what blog_detail puts in the context; Wagtail's own
        preview gave it none and answered 500)."""
        return self.serve(request)

    def route(self, request, path_components):
        return _route_to_child(self, BlogPostPage, request, path_components)


for _placeholder in ("owner", "slug"):
    delattr(BlogPage, _placeholder)


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "blogs.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPostPage(Page, ModeratedContent):
    """A post. Several writers can share one; all are shown, all are told of comments and all
    answer them."""

    date = models.DateField(_("datum"), default=timezone.localdate)

    def permissions_for_user(self, user):
        return ArchivedFirstPermissions(user, self)

    body = RichTextField(_("text"), features=POST_FEATURES)
    tags = ClusterTaggableManager(through=BlogPostTag, blank=True, verbose_name=_("taggar"))
    writers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("skribenter"), related_name="blog_posts",
        help_text=_("Alla som skrivit inlägget. De får besked om kommentarer och svarar på dem."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("writers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    base_form_class = BlogPostPageForm
    published_fields = ("body", "tags")
    parent_page_types = ["blogs.BlogPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.FilterField("moderation_state"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("blogginlägg")
        verbose_name_plural = _("blogginlägg")

    def __str__(self) -> str:
        return self.title

    @property
    def blog(self) -> BlogPage:
        cached = getattr(self, "_blog", None)
        if cached is None:
            cached = BlogPage.objects.select_related("owner").get(
                path=self.path[: -self.steplen]
            )
            self._blog = cached
        return cached

    def get_absolute_url(self) -> str:
        return self.url or f"{self.blog.get_absolute_url()}{self.slug}/"

    def serve(self, request, *args, **kwargs):
        from .views import post_detail

        return post_detail(request, self)

    def serve_preview(self, request, mode_name):
        """Wagtail's preview and "view draft" render through serve(), like the live page (the
        template needs what post_detail puts in its context)."""
        request.is_preview = True
        return self.serve(request)

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_BLOG_SLUGS:
            raise ValidationError({"slug": _("Det kortnamnet är reserverat. Välj ett annat.")})

    def with_content_json(self, content):
        """Moderation is not part of a revision: publishing an old revision must not bring back
        a hidden or removed post."""
        obj = super().with_content_json(content)
        for field in ("moderation_state", "moderation_reason", "moderation_changed_at",
                      "editorial_edit_reason"):
            setattr(obj, field, getattr(self, field))
        return obj

    # --- comments (insidan.comments) ----------------------------------------------------------

    def accepts_comments(self, user) -> bool:
        from .permissions import can_comment

        return can_comment(user, self)

    def comment_recipients(self) -> list:
        return list(self.writers.all())

    # --- moderation and the archive ------------------------------------------------------------

    def archive_description(self) -> ArchiveDescription:
        from insidan.comments.models import Comment
        from insidan.core.models import ModerationState

        blog = self.blog
        writers = list(self.writers.all())
        comments = Comment.objects.filter(
            content_type__app_label="blogs", content_type__model="blogpostpage",
            object_pk=str(self.pk), parent_id=models.F("pk"),
        ).exclude(moderation_state=ModerationState.REMOVED)
        return ArchiveDescription(
            label=f"Blogginlägg ”{self.title}” i bloggen {blog.title}",
            url=self.get_absolute_url(),
            content_text=strip_tags(self.body),
            content_html=self.body,
            author=writers[0] if writers else blog.owner,
            created_at=self.first_published_at,
            edited_at=self.last_published_at,
            channel=blog,
            thread_context={
                "blog": blog.slug, "post_id": self.pk, "date": self.date.isoformat(),
                "writers": [w.get_username() for w in writers],
                "tags": [t.name for t in self.tags.all()],
            },
            children=comments,
        )

    def apply_tombstone(self, *, reason: str, at) -> None:
        """Unpublish, blank the text here and in every revision (it lives on in the archive
        record); the tombstone stands in the blog's list of posts."""
        from insidan.core.models import ModerationState

        self.set_moderation_state(state=ModerationState.REMOVED, reason=reason, at=at)
        if self.live:
            self.unpublish(user=None, log_action=False)
        self.body = ""
        self.save(update_fields=["body"])
        for revision in self.revisions.all():
            revision.content["body"] = ""
            revision.save(update_fields=["content"])


    def apply_editorial_edit(self, *, text: str, reason: str, at) -> None:
        """Webbredaktionen's edit, published as a new revision so that it is what the writers
        continue from. The caller archives the earlier version first."""
        from insidan.core.text import render_markdown

        self.body = render_markdown(text)
        self.editorial_edit_reason = reason
        self.save(update_fields=["body", "editorial_edit_reason"])
        revision = self.save_revision(clean=False, log_action=False)
        revision.publish(log_action=False, skip_permission_checks=True)


class BlogFollow(models.Model):
    """A reader follows a blog and is told of its new posts; the start page lists them. "Sluta
    följa" removes the row (a follow is a preference, not something the user wrote)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_follows"
    )
    blog = models.ForeignKey(BlogPage, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("följer blogg")
        verbose_name_plural = _("följer bloggar")
        constraints = [
            models.UniqueConstraint(fields=["user", "blog"], name="blogs_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.blog}"


class BlogRequest(models.Model):
    """An employee's request for a blog. The guideline: "Bloggens ägare kontaktar
    webbredaktionen, som lägger upp den nya bloggen" – the blog exists only once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på webbredaktionen")
        APPROVED = "approved", _("Godkänd")
        DECLINED = "declined", _("Avslagen")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="blog_requests"
    )
    name = models.CharField(_("namn"), max_length=120)
    purpose = models.TextField(_("syfte"), max_length=2000)
    target_group = models.CharField(_("målgrupp"), max_length=300)
    watched_hours = models.CharField(_("när kommentarerna bevakas"), max_length=200)
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
    blog = models.OneToOneField(
        BlogPage, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )

    class Meta:
        verbose_name = _("begäran om blogg")
        verbose_name_plural = _("begäranden om bloggar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return "/bloggar/"
