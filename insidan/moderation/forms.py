"""Input checks only; the actions check the rules again for every caller."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from insidan.core.forms import UserTextField

from .actions.common import MESSAGE_MAX_LENGTH, REPORT_TEXT_MAX_LENGTH
from .actions.decisions import EDIT_MAX_LENGTH, REASON_MAX_LENGTH
from .models import CaseState, DecisionKind, ReportCategory


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Vad handlar det om?"), choices=ReportCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad anmälan gäller.")},
    )
    text = UserTextField(
        label=_("Varför anmäler du?"), max_length=REPORT_TEXT_MAX_LENGTH, required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Obligatoriskt om du väljer ”Annat”. Bara webbredaktionen ser vem som "
                    "anmält; kanalens ägare får inte veta det."),
    )

    def clean(self):
        data = super().clean()
        if data.get("category") == ReportCategory.OTHER and not data.get("text"):
            self.add_error("text", ValidationError(
                _("Skriv varför du anmäler när du har valt ”Annat”."), code="text_required"))
        return data


class CaseMessageForm(forms.Form):
    body = UserTextField(
        label=_("Meddelande"), max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv ett meddelande.")},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslut"), choices=DecisionKind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett beslut.")},
    )
    reason = UserTextField(
        label=_("Skäl"), max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visas för författaren, för den som anmälde och för kanalens ägare."),
        error_messages={"required": _("Skriv ett skäl till beslutet.")},
    )
    text = UserTextField(
        label=_("Ny text (vid ändring)"), max_length=EDIT_MAX_LENGTH, required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    lawyer = forms.CharField(
        label=_("Stadsjurist (vid överlämning)"), max_length=300, required=False
    )
    expected_state = forms.ChoiceField(choices=CaseState.choices, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == DecisionKind.EDIT and not data.get("text"):
            self.add_error("text", _("Skriv den nya texten."))
        if decision == DecisionKind.ESCALATE and not (data.get("lawyer") or "").strip():
            self.add_error("lawyer", _("Ange stadsjuristens namn."))
        return data
