"""Webbredaktionen's decisions on a case: keep, edit, remove, escalate to the city lawyer.

Each locks the case row first (`select_for_update`), so when two members decide the same case
at once one decision is taken and the other is told who decided first and what; nothing is
removed or archived twice. A decision form carries the case state its user saw
(`expected_state`), so a decision made on a stale page is refused the same way.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.archive.actions import (
    RULES_URL,
    AlreadyRemoved,
    archive_then_remove,
    edit_notice,
    files_removed_on_failure,
    removal_notice,
    set_legal_hold,
    write_record,
)
from insidan.core.models import ModerationState
from insidan.notify import api as notify
from insidan.notify.events import Event

from ..items import describe, is_removed, item_url
from ..models import CaseState, DecisionKind, Report, ReportCase
from ..permissions import can_decide
from .common import display_name, my_reports_url, owner_case_url, owners_for, required_text

REASON_MAX_LENGTH = 1000
EDIT_MAX_LENGTH = 20_000


class CaseAlreadyDecided(ValidationError):
    """Someone else decided the case first."""

    def __init__(self, case: ReportCase):
        self.case = case
        who = display_name(case.decided_by) if case.decided_by else _("någon annan")
        when = formats.date_format(timezone.localtime(case.decided_at), "DATETIME_FORMAT") \
            if case.decided_at else ""
        super().__init__(
            _("%(name)s hann före: ärendet har redan fått beslutet ”%(decision)s” (%(when)s). "
              "Skäl: %(reason)s")
            % {"name": who, "decision": case.get_decision_display(), "when": when,
               "reason": case.reason},
            code="already_decided",
        )


def _report_dict(report: Report) -> dict:
    return {
        "category": report.category,
        "category_label": str(report.get_category_display()),
        "text": report.text,
        "reported_at": report.created_at.isoformat(),
        "reporter": report.reporter.get_username(),
        "contains_personal_data": report.contains_personal_data,
    }


# An effect changes the item and returns what the author is to be told: (event, message, url),
# or None when the author need not hear of it.
Effect = Callable[..., tuple[Event, str, str] | None]


def _decide(*, actor, case: ReportCase, kind: DecisionKind, reason: str,
            expected_state: str | None, allowed: tuple[str, ...], effect: Effect,
            lawyer: str = "") -> ReportCase:
    if not can_decide(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan fatta beslut om anmälningar."))
    reason = required_text(reason, message=_("Skriv ett skäl till beslutet. Skälet visas för "
                                             "författaren och för den som anmälde."),
                           max_length=REASON_MAX_LENGTH)
    final = kind != DecisionKind.ESCALATE
    # Files copied into the archive are deleted again if anything below fails, including
    # those archive_then_remove copied before a later step (telling everyone) failed.
    with files_removed_on_failure() as copied:
        with transaction.atomic():
            locked = ReportCase.objects.select_for_update().get(pk=case.pk)
            if locked.state not in allowed or (expected_state and locked.state != expected_state):
                raise CaseAlreadyDecided(locked)
            item = locked.get_item()
            if item is None:
                raise ValidationError(_("Innehållet finns inte längre."))
            now = timezone.now()
            open_reports = list(locked.reports.filter(is_open=True).select_related("reporter"))
            decision = {"case": locked.pk, "kind": str(kind), "reason": reason,
                        "decided_by": actor.get_username(), "decided_at": now.isoformat(),
                        "lawyer": lawyer}
            told_author = effect(actor=actor, item=item, case=locked, reason=reason,
                                 decision=decision, at=now, copied=copied,
                                 reports=[_report_dict(r) for r in locked.reports.all()])
            locked.decision, locked.reason = kind, reason
            locked.decided_by, locked.decided_at = actor, now
            locked.state = CaseState.DECIDED if final else CaseState.ESCALATED
            fields = ["decision", "reason", "decided_by", "decided_at", "state"]
            if lawyer:
                locked.lawyer = lawyer
                fields.append("lawyer")
            locked.save(update_fields=fields)
            if final:
                locked.reports.filter(is_open=True).update(is_open=False)
            log(locked, f"insidan.report.{kind}", user=actor,
                data={"reason": reason, "item": locked.item_label, "lawyer": lawyer})
            _tell_everyone(actor=actor, case=locked, item=item, told_author=told_author,
                           reporters=[r.reporter for r in open_reports])
    return locked


def _tell_everyone(*, actor, case: ReportCase, item: Model, told_author, reporters) -> None:
    label, reason = case.item_label, case.reason

    def outcome():  # in each recipient's language (notify.send)
        return {
            DecisionKind.KEEP: _("Webbredaktionen har granskat ”%(label)s” och beslutat att det "
                                 "får vara kvar. Skäl: %(reason)s"),
            DecisionKind.EDIT: _("Webbredaktionen har granskat ”%(label)s” och ändrat det. "
                                 "Skäl: %(reason)s"),
            DecisionKind.REMOVE: _("Webbredaktionen har granskat ”%(label)s” och tagit bort "
                                   "det. Skäl: %(reason)s"),
            DecisionKind.ESCALATE: _("Webbredaktionen har dolt ”%(label)s” medan ärendet "
                                     "utreds vidare. Skäl: %(reason)s"),
        }[case.decision] % {"label": label, "reason": reason}

    notify.send(event=Event.REPORT_DECIDED, recipients=reporters, actor=actor, target=case,
                message=outcome, url=my_reports_url(case))
    notify.send(event=Event.REPORT_DECIDED, recipients=owners_for(describe(item)), actor=actor,
                target=case, message=outcome, url=owner_case_url(case))
    author = case.author
    if told_author is not None and author is not None:
        event, message, url = told_author
        notify.send(event=event, recipients=[author], actor=actor, target=case,
                    message=message, url=url)


def _show_again(item: Model, at) -> bool:
    if getattr(item, "is_hidden", False):
        item.set_moderation_state(state=ModerationState.VISIBLE, reason="", at=at)
        return True
    return False


def _keep(*, item, case, reason, at, **_ignored):
    if not _show_again(item, at):
        return None
    return (Event.REPORT_DECIDED,
            lambda: _("Webbredaktionen har granskat ”%(label)s” och det visas igen. Skäl: "
                      "%(reason)s") % {"label": case.item_label, "reason": reason},
            item_url(item))


def decide_keep(*, actor, case: ReportCase, reason: str,
                expected_state: str | None = None) -> ReportCase:
    """Dismiss: the item stays (and is shown again if it was hidden)."""
    return _decide(actor=actor, case=case, kind=DecisionKind.KEEP, reason=reason,
                   expected_state=expected_state,
                   allowed=(CaseState.OPEN, CaseState.ESCALATED), effect=_keep)


def decide_edit(*, actor, case: ReportCase, reason: str, text: str,
                expected_state: str | None = None) -> ReportCase:
    """Webbredaktionen changes the text; the earlier version is archived first and the item
    shows "Ändrat av webbredaktionen: <reason>"."""
    text = required_text(text, message=_("Skriv den nya texten."), max_length=EDIT_MAX_LENGTH)

    def effect(*, actor, item, case, reason, decision, reports, at, copied):
        if not hasattr(item, "apply_editorial_edit"):
            raise ValidationError(_("Det här innehållet kan inte ändras härifrån."))
        if is_removed(item):
            raise ValidationError(_("Innehållet är redan borttaget."))
        write_record(actor=actor, item=item, description=describe(item), reason=reason,
                     decision=decision, reports=reports, parent=None, at=at, copied=copied)
        item.apply_editorial_edit(text=text, reason=reason, at=at)
        _show_again(item, at)
        log(item, "insidan.report.edit", user=actor, data={"case": case.pk, "reason": reason})
        return (Event.CONTENT_EDITED,
                lambda: edit_notice(case.item_label, reason),
                item_url(item))

    return _decide(actor=actor, case=case, kind=DecisionKind.EDIT, reason=reason,
                   expected_state=expected_state,
                   allowed=(CaseState.OPEN, CaseState.ESCALATED), effect=effect)


def _remove(*, actor, item, case, reason, decision, reports, **_ignored):
    if not hasattr(item, "apply_tombstone"):
        raise ValidationError(
            _("Det här innehållet kan inte tas bort härifrån. En kanal avvecklas genom "
              "webbredaktionens avveckling.")
        )
    try:
        archive_then_remove(actor=actor, item=item, reason=reason, decision=decision,
                            reports=reports, notify_author=False)
    except AlreadyRemoved as error:
        raise ValidationError(_("Innehållet är redan borttaget.")) from error
    # Told here rather than by archive_then_remove: the notification's target is the case,
    # which the author may see, so it stays in the author's list (a removed item is visible
    # to nobody, and notifications about invisible targets are not shown).
    return (Event.CONTENT_REMOVED,
            lambda: removal_notice(case.item_label, reason),
            RULES_URL)


def decide_remove(*, actor, case: ReportCase, reason: str,
                  expected_state: str | None = None) -> ReportCase:
    """Archive, then replace the item with its tombstone (archive_then_remove)."""
    return _decide(actor=actor, case=case, kind=DecisionKind.REMOVE, reason=reason,
                   expected_state=expected_state,
                   allowed=(CaseState.OPEN, CaseState.ESCALATED), effect=_remove)


def decide_escalate(*, actor, case: ReportCase, reason: str, lawyer: str,
                    expected_state: str | None = None) -> ReportCase:
    """Hand over to the city lawyer for a possible police report: the item is hidden at once,
    its archive record is put on legal hold, and the case stays open with the lawyer's name.
    The author is not told yet (a police report may follow); reporters and owners are."""
    lawyer = required_text(lawyer, message=_("Ange stadsjuristens namn."), max_length=300)

    def effect(*, actor, item, case, reason, decision, reports, at, copied):
        if not hasattr(item, "set_moderation_state"):
            raise ValidationError(_("Det här innehållet kan inte döljas härifrån."))
        if is_removed(item):
            raise ValidationError(_("Innehållet är redan borttaget."))
        record = write_record(actor=actor, item=item, description=describe(item), reason=reason,
                              decision=decision, reports=reports, parent=None, at=at,
                              copied=copied)
        set_legal_hold(actor=actor, record=record, lawyer=lawyer, reason=reason)
        item.set_moderation_state(state=ModerationState.HIDDEN_LEGAL, reason=reason, at=at)
        return None

    return _decide(actor=actor, case=case, kind=DecisionKind.ESCALATE, reason=reason,
                   expected_state=expected_state, allowed=(CaseState.OPEN,), effect=effect,
                   lawyer=lawyer)
