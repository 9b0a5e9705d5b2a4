"""Querysets for the queue, the reporter's list and the owner's list (permissions.py holds the
per-object rule; these lists are narrowed by the same facts)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce

from insidan.core.models import Channel
from insidan.core.permissions import is_webbredaktionen

from .models import UNDECIDED_STATES, CaseMessage, CaseState, Report, ReportCase


def queue() -> QuerySet[ReportCase]:
    """Webbredaktionen's queue: undecided cases, open before escalated, urgent first, then the
    oldest; each with `report_count` and its author's `author_first_name`,
    `author_last_name` and `author_username` (None without an author)."""
    reports = (Report.objects.filter(case=OuterRef("pk")).order_by().values("case")
               .annotate(n=Count("pk")).values("n"))
    author = get_user_model().objects.filter(pk=OuterRef("author_id"))
    return (
        ReportCase.objects.filter(state__in=UNDECIDED_STATES)
        # The report count and the author's name as subqueries on the page's rows: joining
        # every report (grouped) or every user before the page is cut cost more than the
        # page; the paginator's count reads the cases alone.
        .annotate(report_count=Coalesce(Subquery(reports), 0),
                  author_first_name=Subquery(author.values("first_name")),
                  author_last_name=Subquery(author.values("last_name")),
                  author_username=Subquery(author.values("username")))
        .order_by("-state", "-is_urgent", "opened_at", "pk")  # "open" before "escalated"
    )


def open_case_count() -> int:
    return ReportCase.objects.filter(state=CaseState.OPEN).count()


def reports_by(user) -> QuerySet[Report]:
    """The reporter's own reports with their case's outcome, newest first."""
    return (
        Report.objects.filter(reporter=user)
        .select_related("case", "case__decided_by")
        .order_by("-created_at", "-pk")
    )


def _concrete_channel_models() -> list[type[Channel]]:
    found, pending = [], list(Channel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if not model._meta.abstract and not model._meta.proxy:
            found.append(model)
    return found


def _owner_condition(user) -> Q:
    """One condition, with each channel model's owned ids as a subquery (cast to text, as
    the case stores its channel id), so a caller's count or list stays one query."""
    condition = Q(channel_type__isnull=True, author__profile__manager=user)
    for model in _concrete_channel_models():
        ids = (
            model._default_manager.filter(Q(owner=user) | Q(deputies=user))
            .annotate(id_text=Cast("pk", CharField()))
            .values("id_text")
        )
        channel_type = ContentType.objects.get_for_model(model)
        condition |= Q(channel_type=channel_type, channel_id__in=ids)
    return condition


def cases_for_owner(user) -> QuerySet[ReportCase]:
    """Cases about content in the channels the user owns or is deputy for, and (for profiles
    and status updates) about the people the user is manager for."""
    return (
        ReportCase.objects.filter(_owner_condition(user))
        .select_related("author")
        .order_by("-state", "-opened_at", "-pk")
    )


def case_messages(case: ReportCase) -> QuerySet[CaseMessage]:
    return case.messages.select_related("author")


def case_with_reports(pk: int) -> ReportCase | None:
    return (
        ReportCase.objects.select_related("author", "decided_by", "content_type")
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.select_related("reporter")),
            Prefetch("messages", queryset=CaseMessage.objects.select_related("author")),
        )
        .filter(pk=pk)
        .first()
    )


def cases_visible_to(user) -> QuerySet[ReportCase]:
    """The queryset form of permissions.can_view_case."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ReportCase.objects.none()
    if is_webbredaktionen(user):
        return ReportCase.objects.all()
    reported = Report.objects.filter(case=OuterRef("pk"), reporter=user)
    return ReportCase.objects.filter(
        Q(Exists(reported)) | _owner_condition(user)
        | Q(state=CaseState.DECIDED, author=user)
    )


def open_cases_for_channel(channel) -> QuerySet[ReportCase]:
    """Undecided cases about a channel or anything in it: a channel is not decommissioned
    while one is open (the archive checks this before archiving). A discussion counts as a
    channel here: its own case and those on its posts."""
    from forums.models import Discussion, Post

    undecided = ReportCase.objects.filter(state__in=UNDECIDED_STATES)
    if isinstance(channel, Discussion):
        post_ids = [str(pk) for pk in channel.posts.values_list("pk", flat=True)]
        return undecided.filter(
            Q(content_type=ContentType.objects.get_for_model(Discussion),
              object_id=str(channel.pk))
            | Q(content_type=ContentType.objects.get_for_model(Post), object_id__in=post_ids)
        )
    channel_type = ContentType.objects.get_for_model(channel)
    return undecided.filter(
        Q(channel_type=channel_type, channel_id=str(channel.pk))
        | Q(content_type=channel_type, object_id=str(channel.pk))
    )
