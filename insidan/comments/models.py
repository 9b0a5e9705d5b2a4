"""Comments on blog posts and status updates: django-comments-xtd's threaded comment, with the
project's moderation fields and the rendered HTML stored at write time."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.search import index

from insidan.archive.archivable import ArchiveDescription
from insidan.core.models import ModeratedContent, ModerationState

COMMENT_MAX_LENGTH = 5000


class Comment(index.Indexed, XtdComment, ModeratedContent):
    """django-comments' own `is_removed` field comes first in the MRO and is kept in step with
    `moderation_state` by apply_tombstone, so both the library and the project see removal.

    Searched by its text; search filters it with selectors.comments_visible_to, whose fields
    (target, writer, state) are the filter fields below.
    """

    xtdcomment_ptr = models.OneToOneField(
        XtdComment, parent_link=True, primary_key=True, on_delete=models.CASCADE,
        related_name="insidan_comment",
    )
    comment_html = models.TextField(editable=False, blank=True)

    search_fields = [
        index.SearchField("comment"),
        index.FilterField("id"),
        index.FilterField("content_type"),
        index.FilterField("object_pk"),
        index.FilterField("user"),
        index.FilterField("moderation_state"),
    ]

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")

    def get_absolute_url(self, anchor_pattern: str = "#kommentar-%(id)s") -> str:
        target = self.content_object
        base = target.get_absolute_url() if target is not None else "/"
        return base + anchor_pattern % {"id": self.pk}

    def archive_description(self) -> ArchiveDescription:
        target = self.content_object
        target_description = target.archive_description() if target is not None else None
        return ArchiveDescription(
            label=f"Kommentar av {self.user.get_full_name() or self.user} på ”{target}”",
            url=self.get_absolute_url(),
            content_text=self.comment,
            content_html=self.comment_html,
            author=self.user,
            created_at=self.submit_date,
            channel=target_description.channel if target_description else None,
            thread_context={
                "on": f"{self.content_type.app_label}.{self.content_type.model}:{self.object_pk}",
                "on_label": str(target),
                "parent_comment_id": self.parent_id if self.parent_id != self.pk else None,
                "level": self.level,
            },
            children=list(Comment.objects.filter(parent_id=self.pk).exclude(pk=self.pk)
                          .exclude(moderation_state=ModerationState.REMOVED)),
        )

    def apply_tombstone(self, *, reason: str, at) -> None:
        self.set_moderation_state(state=ModerationState.REMOVED, reason=reason, at=at)
        self.comment, self.comment_html, self.is_removed = "", "", True
        self.save(update_fields=["comment", "comment_html", "is_removed"])

    def apply_editorial_edit(self, *, text: str, reason: str, at) -> None:
        from insidan.core.text import render_markdown

        self.comment, self.comment_html = text, render_markdown(text)
        self.editorial_edit_reason = reason
        self.save(update_fields=["comment", "comment_html", "editorial_edit_reason"])
