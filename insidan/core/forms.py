"""Input checks shared by every form that takes text from a user."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from insidan.core.personal_data import Finding, scan

FORBIDDEN_CHARACTERS_MESSAGE = _("Texten innehåller otillåtna tecken.")


class UserTextField(forms.CharField):
    """A ``CharField`` for user-written text, always with a maximum length.

    ``max_length`` is required so that no user text is unbounded; Django's ``MaxLengthValidator``
    gives its usual translated message. Django already refuses NUL bytes in every ``CharField``
    (``ProhibitNullCharactersValidator``); this field reuses that validator with a message a user
    understands, and refuses the other C0 control characters too (tab, line feed and carriage
    return excepted), because XML 1.0 cannot carry them and the text goes into RSS feeds and
    archive packages.
    """

    _control_characters = RegexValidator(
        re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]"),
        message=FORBIDDEN_CHARACTERS_MESSAGE,
        code="control_characters_not_allowed",
        inverse_match=True,
    )

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            ProhibitNullCharactersValidator(message=FORBIDDEN_CHARACTERS_MESSAGE)
            if isinstance(validator, ProhibitNullCharactersValidator)
            else validator
            for validator in self.validators
        ]
        self.validators.append(self._control_characters)


class PersonalDataGuardMixin:
    """Run the personal data guard on the fields named in ``guarded_fields``.

    Put it before ``forms.Form`` or ``forms.ModelForm`` in the bases. A valid personnummer or
    samordningsnummer becomes an error on its field; the form is redisplayed with everything else
    the user typed, because a bound form keeps its data. Anything flagged (phone number, car
    registration, a sensitive word) needs the ``confirm_personal_data`` box ticked; after
    ``clean()``, ``personal_data_flags`` holds the flags so a template can show the box only when
    it matters.
    """

    guarded_fields: tuple[str, ...] = ()
    confirm_field_name = "confirm_personal_data"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.personal_data_flags: tuple[Finding, ...] = ()
        self.fields[self.confirm_field_name] = forms.BooleanField(
            required=False,
            label=_("Jag har samtycke / det är inte en personuppgift"),
            help_text=_(
                "Kryssa i bara om personen har gett sitt samtycke, eller om det markerade inte "
                "är en uppgift om en person."
            ),
        )

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        flags: list[Finding] = []
        for name in self.guarded_fields:
            value = cleaned_data.get(name)
            if not isinstance(value, str) or not value:
                continue
            result = scan(value)
            for refusal in result.refusals:
                self.add_error(name, ValidationError(refusal.message, code="personal_data"))
            flags.extend(result.flags)
        self.personal_data_flags = tuple(flags)
        if flags and not cleaned_data.get(self.confirm_field_name):
            lead = _(
                "Texten innehåller något som kan vara personuppgifter. Kontrollera det och "
                "kryssa i rutan om du har samtycke eller om det inte är personuppgifter."
            )
            unique = {(flag.kind, flag.excerpt): flag.message for flag in flags}
            errors = [ValidationError(lead, code="personal_data_confirm")]
            errors += [ValidationError(msg, code="personal_data_flag") for msg in unique.values()]
            self.add_error(self.confirm_field_name, errors)
        return cleaned_data
