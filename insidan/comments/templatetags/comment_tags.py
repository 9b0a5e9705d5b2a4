from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ..forms import CommentForm
from ..permissions import can_comment_on
from ..selectors import comments_on

register = template.Library()


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, target):
    """The comment thread on `target` with reply forms, for the user in the request."""
    user = context["request"].user
    comments = comments_on(user, target)
    content_type = ContentType.objects.get_for_model(target)
    return {
        "request": context["request"],
        "user": user,
        "target": target,
        "comments": list(comments) if comments is not None else [],
        "can_comment": can_comment_on(user, target),
        "form": CommentForm(),
        "post_url": reverse("comments:post", args=[content_type.pk, target.pk]),
    }
