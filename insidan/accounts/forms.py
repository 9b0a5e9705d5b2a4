from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with one Swedish message for every failure, so that the answer never
    tells whether the user name exists."""

    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Kontrollera stavningen och försök igen."
        ),
        "inactive": _("Fel användarnamn eller lösenord. Kontrollera stavningen och försök igen."),
    }

    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
