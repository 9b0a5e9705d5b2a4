from django import forms

from .events import Event
from .models import Delivery


class PreferencesForm(forms.Form):
    """One choice per kind of event: at once, in the daily digest, or not by e-mail."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for event in Event:
            self.fields[event.value] = forms.ChoiceField(
                label=event.label, choices=Delivery.choices, initial=current[event.value],
                widget=forms.RadioSelect,
            )
