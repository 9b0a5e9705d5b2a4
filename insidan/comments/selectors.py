"""The queryset form of permissions.can_view_comment (a test checks that both agree), and the
comment threads built on it."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, When
from django.db.models.functions import Cast

from insidan.core.models import HIDDEN_STATES, ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.visibility import can_view

from .models import Comment
from .targets import comment_targets, is_comment_target


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _state_rule(user) -> Q:
    if is_webbredaktionen(user):
        return ~Q(moderation_state=ModerationState.REMOVED)
    return Q(moderation_state=ModerationState.VISIBLE) | Q(
        moderation_state__in=HIDDEN_STATES, user_id=user.pk)


def comments_visible_to(user) -> QuerySet[Comment]:
    """Comments on targets the user may see, not removed, and not hidden unless the user wrote
    them or is Webbredaktionen. Filters only on the comment's own indexed fields (target,
    state, writer), so search hands it to the backend as it is."""
    if not _is_employee(user):
        return Comment.objects.none()
    on_visible = Q(pk__in=[])
    for model, visible in comment_targets():
        keys = visible(user).annotate(comment_key=Cast("pk", CharField())).values("comment_key")
        on_visible |= Q(content_type_id=ContentType.objects.get_for_model(model).pk,
                        object_pk__in=keys)
    return Comment.objects.filter(on_visible).filter(_state_rule(user))


def comments_searchable_by(user) -> QuerySet[Comment]:
    """comments_visible_to with each target's rule asked about the comment's own target by its
    key (an EXISTS per target kind), instead of a list of every visible target's key as text:
    the PostgreSQL search checks one matching comment at a time, and that list (200,000 status
    updates) was built for every search. Not for a search server (an EXISTS is no index
    filter). A test checks that both select the same comments."""
    if not _is_employee(user):
        return Comment.objects.none()
    comments = Comment.objects.all()
    on_visible = Q(pk__in=[])
    for index, (model, visible) in enumerate(comment_targets()):
        content_type = ContentType.objects.get_for_model(model).pk
        key = f"_target_key_{index}"
        # The CASE keeps other kinds' object_pk (text) away from the cast to this kind's key.
        comments = comments.alias(**{key: Cast(
            Case(When(content_type_id=content_type, then=F("object_pk"))),
            output_field=model._meta.pk)})
        on_visible |= Q(content_type_id=content_type) & Q(
            Exists(visible(user).filter(pk=OuterRef(key))))
    return comments.filter(on_visible).filter(_state_rule(user))


def _thread_rule(user) -> Q:
    """What a thread shows: the visible comments and, in place, the tombstones of removed
    ones (the reason is shown, not the text). The target is checked by the caller."""
    return _state_rule(user) | Q(moderation_state=ModerationState.REMOVED)


def comments_on(user, target) -> QuerySet[Comment] | None:
    """The thread on `target` in thread order, or None when the user may not see the target."""
    if not (is_comment_target(type(target)) and can_view(user, target)):
        return None
    return (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_pk=str(target.pk)
        )
        .filter(_thread_rule(user))
        .select_related("user__profile")
        .order_by("thread_id", "order")
    )


def threads_on(user, targets: list) -> dict[str, list[Comment]]:
    """The threads on a page of targets of one model in one query, by the target's pk (as
    text). Targets the user may not see are left out by the caller's own selector."""
    if not targets or not _is_employee(user):
        return {}
    comments = (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(targets[0]),
            object_pk__in=[str(target.pk) for target in targets],
        )
        .filter(_thread_rule(user))
        .select_related("user__profile")
        .order_by("thread_id", "order")
    )
    grouped = defaultdict(list)
    for comment in comments:
        grouped[comment.object_pk].append(comment)
    return grouped
