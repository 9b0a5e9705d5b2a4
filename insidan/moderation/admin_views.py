"""Webbredaktionen's queue and case page in the Wagtail admin. Thin: the actions decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import gettext as _

from insidan.core.fragments import render_cached, stamp
from insidan.core.personal_data import scan

from . import actions
from .forms import CaseMessageForm, DecisionForm
from .items import describe, owners_of
from .models import DecisionKind
from .permissions import can_decide
from .selectors import case_with_reports, queue
from .thread_context import context_rows

CASES_PER_PAGE = 50


def _require_webbredaktionen(request) -> None:
    if not can_decide(request.user):
        raise PermissionDenied(_("Endast webbredaktionen hanterar anmälningar."))


def queue_view(request):
    _require_webbredaktionen(request)
    page = Paginator(queue(), CASES_PER_PAGE).get_page(request.GET.get("p"))
    rows = render_cached("moderation/admin/_queue_row.html", _with_author_names(page),
                         key=_row_key, item_name="case")
    return TemplateResponse(request, "moderation/admin/queue.html",
                            {"page": page, "rows": rows})


def _with_author_names(cases) -> list:
    for case in cases:
        case.author_name = "" if case.author_username is None else (
            f"{case.author_first_name} {case.author_last_name}".strip()
            or case.author_username)
    return list(cases)


def _row_key(case) -> tuple:
    """Everything a queue row shows (the language is part of every fragment key)."""
    return (case.pk, case.is_urgent, case.item_label, case.hidden_by_owner, case.author_name,
            case.report_count, case.state, case.lawyer, stamp(case.opened_at),
            get_current_timezone_name())


def _decide(request, case, form: DecisionForm):
    data = form.cleaned_data
    common = {"actor": request.user, "case": case, "reason": data["reason"],
              "expected_state": data["expected_state"]}
    kind = data["decision"]
    if kind == DecisionKind.KEEP:
        return actions.decide_keep(**common)
    if kind == DecisionKind.EDIT:
        return actions.decide_edit(**common, text=data["text"])
    if kind == DecisionKind.REMOVE:
        return actions.decide_remove(**common)
    return actions.decide_escalate(**common, lawyer=data["lawyer"])


def case_view(request, pk: int):
    _require_webbredaktionen(request)
    case = case_with_reports(pk)
    if case is None:
        raise Http404
    item = case.get_item()
    description = describe(item) if item is not None else None
    decision_form = DecisionForm(initial={
        "expected_state": case.state,
        "text": description.content_text if description else "",
    })
    message_form = CaseMessageForm()
    if request.method == "POST" and "decision" in request.POST:
        decision_form = DecisionForm(request.POST)
        if decision_form.is_valid():
            try:
                _decide(request, case, decision_form)
            except ValidationError as error:
                decision_form.add_error(None, error)
            else:
                messages.success(request, _("Beslutet är fattat och alla berörda har fått besked."))
                return redirect("moderation_admin:case", pk=case.pk)
    elif request.method == "POST":
        message_form = CaseMessageForm(request.POST)
        if message_form.is_valid():
            try:
                actions.post_case_message(actor=request.user, case=case,
                                          body=message_form.cleaned_data["body"])
            except ValidationError as error:
                message_form.add_error(None, error)
            else:
                messages.success(request, _("Meddelandet är skickat till kanalens ägare."))
                return redirect("moderation_admin:case", pk=case.pk)
    findings = scan(description.content_text) if description else None
    return TemplateResponse(request, "moderation/admin/case.html", {
        "case": case, "item": item, "description": description,
        "owners": _owners(description), "findings": findings,
        "context_rows": context_rows(description.thread_context) if description else [],
        "decision_form": decision_form, "message_form": message_form,
    })


def _owners(description) -> list:
    return owners_of(description) if description is not None else []
