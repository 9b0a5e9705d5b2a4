"""Input checks shared by every form that takes text from a user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from insidan.core.channel_images import ALT_MAX_LENGTH
from insidan.core.images import ACCEPT
from insidan.core.personal_data import Finding, scan
from insidan.core.usertext import check_characters, normalise_user_text


class UserTextField(forms.CharField):
    """A ``CharField`` for user-written text, always with a maximum length.

    It runs the first steps of the one text pipeline (``insidan.core.usertext``), so a form
    refuses exactly what the action behind it refuses: the value is normalised (line breaks,
    NFC, trimmed; one line unless the widget is a ``Textarea``), and control, non-XML and
    direction-changing characters are refused with a message a person understands. The length
    is counted after normalising, with Django's translated message. The personal data guard is
    ``PersonalDataGuardMixin``'s, because only a form can ask the writer to confirm a flag.
    """

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        # Django's own NUL check would answer first, with its English-sounding message.
        self.validators = [
            validator for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return self.empty_value
        multiline = isinstance(self.widget, forms.Textarea)
        return normalise_user_text(value, multiline=multiline)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            check_characters(value)


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


# The guideline's "Bilder": the right to use the picture (upphovsrätt) and the consent of the
# people in it (personuppgifter), said beside every file field that takes an image.
IMAGE_RIGHTS_HELP = _(
    "Ladda bara upp en bild du har rätt att använda (upphovsrätt). Finns det personer på "
    "bilden ska de ha sagt ja till att den publiceras (personuppgifter)."
)


class ChannelImageForm(PersonalDataGuardMixin, forms.Form):
    """A channel's image or illustration and its alt text. With an image already set, the
    file may be left out to change only the alt text. The action checks everything again."""

    guarded_fields = ("alt_text",)

    image = forms.FileField(
        label=_("Bild eller illustration"), required=False,
        help_text=format_lazy(
            "{} {}", _("En bild som symboliserar verksamheten. JPEG, PNG eller WebP, högst "
                       "10 MB."), IMAGE_RIGHTS_HELP),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    alt_text = UserTextField(
        label=_("Alternativtext"), max_length=ALT_MAX_LENGTH, required=False,
        help_text=_("Beskriv kort vad bilden visar, för den som inte kan se den. Krävs när "
                    "det finns en bild."),
    )

    # What insidan.core.images refuses about the file itself: shown on the file field.
    FILE_ERROR_CODES = frozenset({"too_large", "format", "too_many_pixels", "decompression_bomb",
                                  "not_an_image", "unreadable", "image_required"})

    def __init__(self, *args: Any, has_image: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_image = has_image

    @classmethod
    def for_channel(cls, channel, request=None) -> ChannelImageForm:
        """The form on a channel's owner page: blank with the current alt text, or bound to
        what ``request`` posted."""
        kwargs = {"has_image": bool(channel.image_id), "auto_id": "bild_%s"}
        if request is not None:
            return cls(request.POST, request.FILES, **kwargs)
        return cls(initial={"alt_text": channel.image_alt}, **kwargs)

    def add_action_error(self, error: ValidationError) -> None:
        """The action's refusal, on the file field when it is about the file."""
        code = getattr(error, "code", None)
        self.add_error("image" if code in self.FILE_ERROR_CODES else None, error)

    def save_with(self, set_image: Callable[..., object]) -> bool:
        """Save a valid form through the kind's action, ``set_image(upload=..., alt_text=...)``.
        The action's ValidationError lands on the form; PermissionDenied and the terms'
        refusal propagate for the view to answer. True when saved."""
        if not self.is_valid():
            return False
        try:
            set_image(upload=self.cleaned_data["image"] or None,
                      alt_text=self.cleaned_data["alt_text"])
        except ValidationError as error:
            self.add_action_error(error)
            return False
        return True

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if not cleaned_data.get("image") and not self.has_image:
            self.add_error("image", ValidationError(_("Välj en bild att ladda upp."),
                                                    code="required"))
        if "alt_text" not in self.errors and not cleaned_data.get("alt_text"):
            self.add_error("alt_text", ValidationError(
                _("Skriv en alternativtext som beskriver bilden för den som inte kan se den."),
                code="required"))
        return cleaned_data
