from django.db.models import Q
from django.utils.translation import gettext as _

from insidan.core.faces import Face, author_photo_id
from insidan.core.feed import FeedItem, author_names, lazy_url

from .models import Follow, Profile
from .selectors import _is_employee, status_updates_visible_to


def status_updates(user, limit: int) -> list[FeedItem]:
    """Status updates from colleagues the user follows and from their department: the same
    updates as profiles.selectors.status_feed_for without the user's own (a test checks
    this), with the authors as lists of ids, so that the newest are read from the
    (author, created_at) index instead of joining every update to its author's profile."""
    if not _is_employee(user):
        return []
    followed = Follow.objects.filter(follower=user).values("followed_id")
    colleagues = Profile.objects.filter(
        department_id__in=Profile.objects.filter(user=user, department__isnull=False)
        .values("department_id")
    ).values("user_id")
    rows = (
        status_updates_visible_to(user)
        .filter(Q(author_id__in=followed) | Q(author_id__in=colleagues))
        .exclude(author_id=user.pk)
        .order_by("-created_at", "-pk")
        .annotate(**author_names(), **author_photo_id())
        .values_list("pk", "created_at", "edited_at", "moderation_changed_at", "body_html",
                     "author_first_name", "author_last_name", "author_username",
                     "author_photo_id")[:limit]
    )
    reason = _("från en kollega du följer eller på din förvaltning")
    title = _("Statusuppdatering från %(name)s")
    items = []
    for pk, created_at, edited_at, moderated_at, html, first, last, username, photo_id in rows:
        name = f"{first} {last}".strip() or username
        items.append(FeedItem(
            at=created_at,
            title=title % {"name": name},
            text="", html=html,
            url=lazy_url("profiles:status", [username, pk]),
            reason=reason,
            actor_name=name,
            key=("profiles.statusupdate", pk, edited_at, moderated_at),
            faces=(Face(username=username, first_name=first or "", last_name=last or "",
                        photo_id=photo_id),),
        ))
    return items
