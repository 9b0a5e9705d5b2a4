from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from insidan.archive.permissions import can_register
from insidan.archive.selectors import registrations_by_item
from insidan.core.faces import face_key
from insidan.core.fragments import person, render_cached, stamp

from .. import drafts
from ..forms import CommentForm
from ..permissions import can_comment_on
from ..selectors import comments_on

register = template.Library()


def _fragments(request, comments, *, can_comment: bool, post_url: str,
               may_register: bool) -> list:
    """Each comment's HTML from the fragment cache, keyed on everything comments/_comment.html
    shows: the text, state, time and writer's name and photo, the place in the thread,
    whether the reader may reply (the reply form's CSRF token is filled in per request) and
    whether the reader may register comments (Registrera, or the registration's number): the
    same for every comment of a thread, so the flag and each comment's diarienummer are key
    parts and no fragment holds one reader's link for another."""
    registrations = registrations_by_item(comments) if may_register else {}
    for comment in comments:
        registration = registrations.get((comment._meta.label_lower, str(comment.pk)))
        comment.diarienummer = registration.diarienummer if registration else ""

    def key(comment):
        user = comment.user
        return ("comment", comment.pk, stamp(comment.submit_date), comment.moderation_state,
                comment.moderation_reason, comment.editorial_edit_reason,
                comment.comment_html, comment.level,
                person(user), face_key(user),
                can_comment, post_url, may_register, comment.diarienummer)

    return render_cached("comments/_comment.html", comments, key=key, item_name="comment",
                         request=request, context={
                             "user": request.user, "can_comment": can_comment,
                             "post_url": post_url, "may_register": may_register,
                             # Checked once for the thread (may_register_in_thread).
                             "may_register_listed_items": may_register,
                             "archive_registrations": registrations})


def may_register_in_thread(user, target, comments: list) -> bool:
    """Whether the reader may register the comments on `target` (archive.can_register): the
    comments' channel is the target's, and they are visible (the thread is filtered by the
    rule), so the check on the target holds for each of them."""
    return bool(comments) and can_register(user, target)


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, target, may_register=None):
    """The comment thread on `target` with reply forms, for the user in the request.

    ``may_register``: whether the reader may register items in the target's channel, when the
    page has already worked it out for the target itself (the blog post page does); otherwise
    it is asked here, which reads the target's archive description."""
    request = context["request"]
    user = request.user
    comments = comments_on(user, target)
    comments = list(comments) if comments is not None else []
    content_type = ContentType.objects.get_for_model(target)
    can_comment = can_comment_on(user, target)
    post_url = reverse("comments:post", args=[content_type.pk, target.pk])
    return {
        "request": request,
        "user": user,
        "target": target,
        "comments": comments,
        "rendered": _fragments(request, comments, can_comment=can_comment, post_url=post_url,
                               may_register=bool(comments) and may_register
                               if may_register is not None
                               else may_register_in_thread(user, target, comments)),
        "can_comment": can_comment,
        "form": (drafts.take(request, target) if can_comment else None) or CommentForm(),
        "post_url": post_url,
        "form_anchor": drafts.FORM_ANCHOR,
    }
