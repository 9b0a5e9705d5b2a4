from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from insidan.core.models import HIDDEN_STATES
from insidan.core.visibility import can_view

from .models import Comment


def comments_on(user, target) -> QuerySet[Comment] | None:
    """The thread on `target` in thread order, or None when the user may not see the target.

    Tombstones stay in the thread (the reason is shown in place); a hidden comment is shown
    only to its author (Webbredaktionen reads it in the report case)."""
    if not can_view(user, target):
        return None
    return (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_pk=str(target.pk)
        )
        .filter(~Q(moderation_state__in=HIDDEN_STATES) | Q(user=user))
        .select_related("user")
        .order_by("thread_id", "order")
    )
