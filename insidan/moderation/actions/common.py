"""What the report and decision actions share: finding or opening the case, recipients, links."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _

from insidan.archive.archivable import ArchiveDescription
from insidan.core.usertext import clean_user_text

from ..items import content_type_of, item_url, owners_of
from ..models import UNDECIDED_STATES, ReportCase

REPORT_TEXT_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 5000


def webbredaktionen_members() -> list:
    return list(
        get_user_model().objects.filter(
            groups__name=settings.WEBBREDAKTIONEN_GROUP, is_active=True
        ).distinct()
    )


def admin_case_url(case: ReportCase) -> str:
    return reverse("moderation_admin:case", args=[case.pk])


def owner_case_url(case: ReportCase) -> str:
    return reverse("moderation:case", args=[case.pk])


def my_reports_url(case: ReportCase) -> str:
    return f"{reverse('moderation:my_reports')}#arende-{case.pk}"


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def undecided_case_for(item: Model, description: ArchiveDescription) -> tuple[ReportCase, bool]:
    """The item's undecided case, locked, or a new one. The caller holds a lock on the item's
    row, so two first reports on the same item cannot open two cases."""
    content_type = content_type_of(item)
    case = (
        ReportCase.objects.select_for_update()
        .filter(content_type=content_type, object_id=str(item.pk), state__in=UNDECIDED_STATES)
        .first()
    )
    if case is not None:
        return case, False
    channel = description.channel
    case = ReportCase.objects.create(
        content_type=content_type,
        object_id=str(item.pk),
        item_label=description.label[:300],
        item_url=item_url(item, description)[:500],
        author=description.author,
        channel_type=content_type_of(channel) if channel is not None else None,
        channel_id=str(channel.pk) if channel is not None else "",
    )
    return case, True


def owners_for(description: ArchiveDescription) -> list:
    return [owner for owner in owners_of(description) if owner is not None]


def required_text(value: str, *, message: str, max_length: int) -> str:
    """A reason, a message or a name in a case: the one text pipeline with the personal data
    guard, since what is written here reaches the author, the owners or a tombstone."""
    return clean_user_text(value, max_length=max_length, empty_message=message,
                           too_long_message=_("Texten får vara högst %(max)s tecken."))
