"""One pipeline for every text a person writes, whichever way it comes in.

The form field (``insidan.core.forms.UserTextField``), every action that saves user text and the
Wagtail admin's page forms all call this module, so that the rules cannot drift apart:

1. **Normalise**: line breaks become ``\\n`` (``\\r\\n``, ``\\r``, U+2028, U+2029, NEL), the text is
   composed (Unicode NFC: "a" plus a combining ring is stored as "å", so that search, sorting
   and the length limit see one letter) and trimmed. A one-line field (a title, a name) gets its
   runs of white space, line breaks included, as one space.
2. **Refuse invisible characters that change what a reader sees**: C0 and C1 control characters
   (tab and line feed excepted), lone surrogates and the non-characters U+FFFE/U+FFFF, which XML
   cannot carry (the text goes into RSS feeds and archive packages); and the bidirectional
   embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069), with which
   ``Faktura\\u202efdp.exe`` is shown as "Fakturaexe.pdf". The direction *marks* U+200E and
   U+200F stay allowed: they are how right-to-left writers fix punctuation and cannot reorder
   anything.
3. **Length and presence**, counted after normalising.
4. **The personal data guard** (``insidan.core.personal_data.scan``): a personnummer or
   samordningsnummer is refused. Flags (a phone number, a sensitive word) need the writer's
   confirmation, which only a form can ask for; ``PersonalDataGuardMixin`` does that.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .personal_data import scan

FORBIDDEN_CHARACTERS_MESSAGE = _("Texten innehåller otillåtna tecken.")
DIRECTION_CHARACTERS_MESSAGE = _(
    "Texten innehåller osynliga tecken som vänder skrivriktningen (%(codes)s). De kan få till "
    "exempel ett filnamn att se ut som ett annat. Ta bort dem och försök igen."
)

# The limit for a text whose model field states none (a ``TextField`` without ``max_length``).
TEXT_MAX_LENGTH = 5000

_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")


def normalise_user_text(value: object, *, multiline: bool = True) -> str:
    """Step 1: the text as it will be stored (line breaks, NFC, trimmed)."""
    text = "" if value is None else str(value)
    if "\r" in text or not text.isascii():
        text = _LINE_BREAKS.sub("\n", text)
        text = unicodedata.normalize("NFC", text)
    if not multiline:
        return " ".join(text.split())
    return text.strip()


def check_characters(text: str) -> None:
    """Step 2: refuse control, non-XML and direction-changing characters."""
    if _CONTROL.search(text):
        raise ValidationError(FORBIDDEN_CHARACTERS_MESSAGE, code="forbidden_characters")
    found = sorted(set(_DIRECTION.findall(text)))
    if found:
        codes = ", ".join(f"U+{ord(char):04X}" for char in found)
        raise ValidationError(DIRECTION_CHARACTERS_MESSAGE % {"codes": codes},
                              code="direction_characters")


def refuse_personal_data(texts: str | Iterable[str]) -> None:
    """Step 4: a personnummer or samordningsnummer in any of ``texts`` is refused, with the
    guard's own message (which quotes what was typed)."""
    if isinstance(texts, str):
        texts = (texts,)
    messages: list[str] = []
    for text in texts:
        if text:
            messages += [str(finding.message) for finding in scan(text).refusals]
    if messages:
        raise ValidationError(list(dict.fromkeys(messages)), code="personal_data")


def clean_user_text(
    value: object,
    *,
    max_length: int,
    label: str | Promise | None = None,
    required: bool = True,
    multiline: bool = True,
    guard: bool = True,
    empty_message: str | Promise | None = None,
    too_long_message: str | Promise | None = None,
) -> str:
    """The whole pipeline; returns the text to store or raises ``ValidationError`` in Swedish.

    ``label`` names the field in the default messages ("Fyll i rubrik.", "Rubrik får vara högst
    200 tecken."); ``empty_message`` and ``too_long_message`` (with ``%(max)s``) replace them
    where a field has its own wording. ``guard=False`` is for texts that are not published and
    may need an identity number (a message to the city lawyer is still guarded: leave it on
    unless the text never leaves Webbredaktionen's case).
    """
    text = normalise_user_text(value, multiline=multiline)
    if not text:
        if required:
            raise ValidationError(
                empty_message or _("Fyll i %(field)s.") % {"field": label or _("texten")},
                code="required",
            )
        return text
    if len(text) > max_length:
        if too_long_message is not None:
            message = too_long_message % {"max": _thousands(max_length)}
        else:
            field = str(label or _("texten"))
            message = _("%(field)s får vara högst %(max)s tecken.") % {
                "field": field[:1].upper() + field[1:], "max": _thousands(max_length)}
        raise ValidationError(message, code="max_length")
    check_characters(text)
    if guard:
        refuse_personal_data(text)
    return text


def clean_model_texts(model: type[models.Model], values: Mapping[str, object]) -> dict[str, str]:
    """``clean_user_text`` on each of ``values`` by the rule its model field already states:
    the field's ``max_length``, its name (``verbose_name``) in the messages, required unless
    ``blank``, one line unless it is a ``TextField``. Every field is checked and all errors are
    raised together, as one list (the views add them to a form or a message)."""
    cleaned: dict[str, str] = {}
    errors: list[ValidationError] = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        try:
            cleaned[name] = clean_user_text(
                value,
                max_length=field.max_length or TEXT_MAX_LENGTH,
                label=field.verbose_name,
                required=not field.blank,
                multiline=isinstance(field, models.TextField),
            )
        except ValidationError as error:
            errors += error.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


def clean_decision_message(message: object, *, approve: bool) -> str:
    """Webbredaktionen's message to whoever asked for a channel: optional when the request is
    granted, required when it is declined (the requester is told why)."""
    return clean_user_text(message, max_length=TEXT_MAX_LENGTH, label=_("meddelande"),
                           required=not approve,
                           empty_message=_("Skriv varför begäran avslås."))


def _thousands(number: int) -> str:
    """20000 as "20 000", with a no-break space as Swedish writes it."""
    return f"{number:,}".replace(",", "\u00a0")
