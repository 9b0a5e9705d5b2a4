"""Input checks for registration; the rules themselves are in actions.register_item."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    description = forms.CharField(
        label=_("Kort beskrivning"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad handlingen gäller, som det ska stå i diariet."),
        error_messages={"required": _("Skriv en kort beskrivning av vad som registreras.")},
    )
    received_on = forms.DateField(
        label=_("Inkom eller upprättades"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Lämna tomt för dagen då inlägget skrevs."),
    )
    sender = forms.CharField(
        label=_("Avsändare"), max_length=300, required=False,
        help_text=_("Lämna tomt för inläggets författare."),
    )
    diarienummer = forms.CharField(
        label=_("Diarienummer"), max_length=60, required=False,
        help_text=_("Skriv numret om ärendet redan har ett, eller lämna tomt för att få nästa "
                    "nummer i serien."),
    )
