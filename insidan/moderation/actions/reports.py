"""Reporting an item, the owner's "dölj i väntan på granskning", and the case dialogue."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core import visibility
from insidan.core.models import ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.personal_data import scan
from insidan.core.terms import require_current_terms
from insidan.core.usertext import clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event

from ..items import could_view_before_removal, describe, is_removed
from ..models import CaseMessage, Report, ReportCase, ReportCategory
from ..permissions import can_take_part
from .common import (
    MESSAGE_MAX_LENGTH,
    REPORT_TEXT_MAX_LENGTH,
    admin_case_url,
    display_name,
    owner_case_url,
    owners_for,
    required_text,
    undecided_case_for,
    webbredaktionen_members,
)

DEFAULT_REPORTS_PER_HOUR = 20
RATE_WINDOW_SECONDS = 3600


class ItemAlreadyRemoved(ValidationError):
    """The item has already been removed; its tombstone says why."""


class RateLimited(ValidationError):
    """Too many reports from one person within the last hour."""


def _check_rate_limit(user) -> None:
    """A sliding hour counted from the person's saved reports (which are never deleted), so the
    limit holds across processes, counts only what was filed, and no cache eviction can reset
    it. Refuses when the user has already filed REPORTS_PER_HOUR reports. Inside the report's
    transaction; the advisory lock makes two reports by one person at once count in turn."""
    limit = getattr(settings, "REPORTS_PER_HOUR", DEFAULT_REPORTS_PER_HOUR)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('insidan.reports'), %s)",
                       [user.pk])
    since = timezone.now() - timedelta(seconds=RATE_WINDOW_SECONDS)
    if Report.objects.filter(reporter=user, created_at__gt=since).count() >= limit:
        raise RateLimited(
            _("Du har gjort %(limit)s anmälningar den senaste timmen, vilket är gränsen. "
              "Försök igen senare, eller kontakta webbredaktionen direkt om det är brådskande.")
            % {"limit": limit},
            code="rate_limited",
        )


def _clean_report(category: str, text: str) -> str:
    if category not in ReportCategory.values:
        raise ValidationError(_("Välj en kategori."), code="category")
    # A report is read by Webbredaktionen only and may quote the personal data it reports, so
    # it is not refused: it is kept with `contains_personal_data` set.
    return clean_user_text(
        text, max_length=REPORT_TEXT_MAX_LENGTH, guard=False,
        required=category == ReportCategory.OTHER,
        empty_message=_("Skriv varför du anmäler när du har valt ”Annat”."),
        too_long_message=_("Texten får vara högst %(max)s tecken."))


def _already_removed() -> ItemAlreadyRemoved:
    return ItemAlreadyRemoved(
        _("Innehållet är redan borttaget av webbredaktionen. Det behöver inte anmälas igen."),
        code="already_removed",
    )


def report_item(*, actor, item: Model, category: str, text: str = "") -> Report:
    """File a report. It joins the item's undecided case, or opens one; a new case is sent to
    Webbredaktionen and to the channel's owners (who are never told who reported)."""
    if not visibility.can_view(actor, item):
        if is_removed(item) and could_view_before_removal(actor, item):
            raise _already_removed()
        raise PermissionDenied(_("Du kan inte anmäla något som du inte kan se."))
    text = _clean_report(category, text)
    with transaction.atomic():
        locked = type(item)._default_manager.select_for_update(of=("self",)).get(pk=item.pk)
        if is_removed(locked):
            raise _already_removed()
        description = describe(locked)
        case, opened = undecided_case_for(locked, description)
        if case.reports.filter(reporter=actor, is_open=True).exists():
            raise ValidationError(
                _("Du har redan anmält det här. Webbredaktionen har din anmälan och du får "
                  "besked när den är hanterad."),
                code="duplicate",
            )
        _check_rate_limit(actor)
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    case=case, reporter=actor, category=category, text=text,
                    contains_personal_data=bool(text) and _has_personal_data(text),
                )
        except IntegrityError as error:
            raise ValidationError(_("Du har redan anmält det här."), code="duplicate") from error
        became_urgent = report.is_urgent and not case.is_urgent
        if became_urgent:
            case.is_urgent = True
            case.save(update_fields=["is_urgent"])
        log(case, "insidan.report.create", user=actor,
            data={"report": report.pk, "category": category, "item": case.item_label})
        if opened or became_urgent:
            _announce_case(actor=actor, case=case, description=description, opened=opened)
    return report


def _has_personal_data(text: str) -> bool:
    result = scan(text)
    return bool(result.refusals or result.flags)


def _announce_case(*, actor, case: ReportCase, description, opened: bool) -> None:
    """Webbredaktionen hears of every new case (and when a case turns urgent); the owners hear
    of a new case in their channel."""
    def message():  # in each recipient's language (notify.send)
        if case.is_urgent:
            return _("Brådskande anmälan: ”%(label)s”.") % {"label": case.item_label}
        return _("Ny anmälan: ”%(label)s”.") % {"label": case.item_label}

    notify.send(event=Event.REPORT_CASE_NEW, recipients=webbredaktionen_members(),
                actor=actor, target=case, message=message, url=admin_case_url(case))
    if opened:
        notify.send(
            event=Event.REPORT_CASE_FOR_CHANNEL, recipients=owners_for(description),
            actor=case, target=case,
            message=lambda: _("Innehåll som du ansvarar för har anmälts till webbredaktionen: "
                      "”%(label)s”. Webbredaktionen vill föra en dialog med dig om det.")
            % {"label": case.item_label},
            url=owner_case_url(case),
        )


def open_case_from_owner(*, actor, item: Model, reason: str) -> ReportCase:
    """The owner's (or a deputy's) "dölj i väntan på granskning": the item is hidden at once
    and a case is opened (or joined) for Webbredaktionen, with the owner's reason as the first
    entry in the dialogue."""
    description = describe(item)
    channel = description.channel
    if channel is None or not channel.is_owner_or_deputy(actor):
        raise PermissionDenied(
            _("Endast kanalens ägare och ställföreträdare kan dölja innehåll i väntan på "
              "granskning.")
        )
    require_current_terms(actor, channel.kind)
    reason = required_text(reason, message=_("Skriv varför innehållet ska granskas."),
                           max_length=MESSAGE_MAX_LENGTH)
    if not hasattr(item, "set_moderation_state"):
        raise ValidationError(_("Det här innehållet kan inte döljas härifrån."))
    with transaction.atomic():
        locked = type(item)._default_manager.select_for_update(of=("self",)).get(pk=item.pk)
        if is_removed(locked):
            raise _already_removed()
        case, _opened = undecided_case_for(locked, describe(locked))
        if locked.moderation_state == ModerationState.VISIBLE:
            locked.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW,
                                        reason=reason, at=timezone.now())
        case.hidden_by_owner = True
        case.save(update_fields=["hidden_by_owner"])
        CaseMessage.objects.create(case=case, author=actor, body=reason)
        log(case, "insidan.report.owner_hide", user=actor, data={"item": case.item_label})
        notify.send(
            event=Event.REPORT_CASE_NEW, recipients=webbredaktionen_members(), actor=actor,
            target=case,
            message=lambda: _("%(name)s har dolt ”%(label)s” i väntan på granskning: %(reason)s")
            % {"name": display_name(actor), "label": case.item_label, "reason": reason},
            url=admin_case_url(case),
        )
    item.refresh_from_db()
    return case


def post_case_message(*, actor, case: ReportCase, body: str) -> CaseMessage:
    """Write in the case's dialogue. Webbredaktionen's entries go to the owners; the owners'
    entries go to Webbredaktionen."""
    if not can_take_part(actor, case):
        raise PermissionDenied(_("Du kan inte skriva i det här ärendet."))
    body = required_text(body, message=_("Skriv ett meddelande."),
                         max_length=MESSAGE_MAX_LENGTH)
    from_webbredaktionen = is_webbredaktionen(actor)
    with transaction.atomic():
        locked = ReportCase.objects.select_for_update().get(pk=case.pk)
        if not locked.is_undecided:
            raise ValidationError(_("Ärendet är avgjort. Det går inte att skriva i det längre."))
        message = CaseMessage.objects.create(
            case=locked, author=actor, body=body, from_webbredaktionen=from_webbredaktionen
        )
        log(locked, "insidan.report.message", user=actor, data={"message": message.pk})
        item = locked.get_item()
        if from_webbredaktionen:
            recipients = owners_for(describe(item)) if item is not None else []
            url = owner_case_url(locked)
        else:
            recipients, url = webbredaktionen_members(), admin_case_url(locked)
        notify.send(
            event=Event.REPORT_CASE_MESSAGE, recipients=recipients, actor=actor, target=locked,
            message=lambda: _(
                "Nytt meddelande i ärendet om ”%(label)s”.") % {"label": locked.item_label},
            url=url,
        )
    return message
