"""Following a forum or a discussion, and how far a reader has read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import Discussion, Follow, Forum, Post, ReadState
from ..permissions import can_view_discussion, can_view_forum


def set_following(*, actor, target: Forum | Discussion, following: bool) -> bool:
    """Follow or stop following a forum or a discussion. Only what the actor may see can be
    followed; stopping is always allowed. Returns whether anything changed."""
    if isinstance(target, Forum):
        visible, key = can_view_forum(actor, target), {"forum": target}
    elif isinstance(target, Discussion):
        visible, key = can_view_discussion(actor, target), {"discussion": target}
    else:
        raise TypeError(f"cannot follow {type(target).__name__}")
    if not visible:
        raise PermissionDenied(_("Du kan inte följa något du inte kan läsa."))
    with transaction.atomic():
        if following:
            changed = Follow.objects.get_or_create(user=actor, **key)[1]
        else:
            changed = Follow.objects.filter(user=actor, **key).delete()[0] > 0
        if changed:
            log(target, "insidan.forum.follow" if following else "insidan.forum.unfollow",
                user=actor)
    return changed


# One statement that only ever moves the mark forward: viewing an earlier page again must not
# make read posts unread. When the mark is already there (the page read again) the SELECT
# gives no row, so nothing is written and no row is locked: reading the same page again costs
# a read, not a write and a commit, and readers of one page never wait on each other.
_UPSERT = """
INSERT INTO {table} (user_id, discussion_id, post_created_at, post_id_read, read_at)
SELECT %s, %s, %s, %s, %s
WHERE NOT EXISTS (
  SELECT 1 FROM {table} r WHERE r.user_id = %s AND r.discussion_id = %s
    AND (r.post_created_at > %s OR (r.post_created_at = %s AND r.post_id_read >= %s)))
ON CONFLICT (user_id, discussion_id) DO UPDATE SET
  post_created_at = excluded.post_created_at, post_id_read = excluded.post_id_read,
  read_at = excluded.read_at
WHERE {table}.post_created_at < excluded.post_created_at
   OR ({table}.post_created_at = excluded.post_created_at
       AND {table}.post_id_read < excluded.post_id_read)
"""


def mark_read(*, actor, discussion: Discussion, up_to: Post) -> None:
    """The reader has seen the discussion up to `up_to` (the last post on the page they view).

    Called on every page view, so it is one statement and writes no audit log entry: a read
    mark is the reader's own bookmark, not a change to anything anyone wrote. The caller has
    looked the discussion up through the visibility rule; this checks only what it can check
    without queries."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied
    if up_to.discussion_id != discussion.pk:
        raise ValidationError(_("Inlägget hör inte till diskussionen."))
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT.format(table=ReadState._meta.db_table),
                       [actor.pk, discussion.pk, up_to.created_at, up_to.pk, timezone.now(),
                        actor.pk, discussion.pk, up_to.created_at, up_to.created_at,
                        up_to.pk])
