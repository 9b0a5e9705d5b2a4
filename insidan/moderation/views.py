"""Thin views: the report form, the reporter's own reports, and the owner's case pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import actions
from .forms import CaseMessageForm, ReportForm
from .items import access_item, describe, is_removed, item_url
from .models import ReportCase, ReportCategory
from .permissions import can_take_part
from .selectors import case_messages, cases_for_owner, reports_by


def report(request, label: str, pk: str):
    item = access_item(request.user, label, pk)
    description = describe(item)
    context = {"item": item, "label": description.label, "item_url": item_url(item, description),
               "removed": is_removed(item)}
    if context["removed"]:
        return render(request, "moderation/report_form.html", context)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_item(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Tack, webbredaktionen har fått din anmälan."))
            return redirect("moderation:my_reports")
    context.update(form=form, other=ReportCategory.OTHER)
    return render(request, "moderation/report_form.html", context)


def my_reports(request):
    return render(request, "moderation/my_reports.html",
                  {"reports": reports_by(request.user)[:200]})


def owner_cases(request):
    return render(request, "moderation/owner_cases.html",
                  {"cases": cases_for_owner(request.user)[:200]})


def access_case(user, pk: int) -> ReportCase:
    """The case, for Webbredaktionen and the item's owners; 404 for everyone else."""
    case = ReportCase.objects.select_related("author").filter(pk=pk).first()
    if case is None or not can_take_part(user, case):
        raise Http404
    return case


def case_detail(request, pk: int):
    """The owner's view of a case: the item, the categories (never who reported), the
    dialogue with Webbredaktionen and the decision."""
    case = access_case(request.user, pk)
    form = CaseMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.post_case_message(actor=request.user, case=case,
                                      body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Meddelandet är skickat till webbredaktionen."))
            return redirect("moderation:case", pk=case.pk)
    item = case.get_item()
    categories = sorted({r.get_category_display() for r in case.reports.all()}, key=str)
    return render(request, "moderation/case_detail.html", {
        "case": case, "item": item, "description": describe(item) if item else None,
        "categories": categories, "report_count": case.reports.count(),
        "case_messages": case_messages(case), "form": form,
    })
