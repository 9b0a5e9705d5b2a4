"""register_item: registration (diarieföring) of one item.

The guideline (section 4): questions to the municipality in social media may be public
records received ("inkomna allmänna handlingar") that must be registered, and the person
responsible for the channel answers for registering them; it is the content of each post, not
the channel, that decides. The registration keeps the item's export (JSON, rendered as HTML on
demand, as in an archive package) as it was when registered, to hand to the records system.
"""

import re
from datetime import date

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core.usertext import clean_user_text

from ..conf import diarie_series
from ..models import Registration, RegistrationSequence
from ..permissions import can_register
from ..selectors import registration_for
from ..serialize import item_data, person

DESCRIPTION_MAX_LENGTH = 2000
SENDER_MAX_LENGTH = 300
# Letters (å, ä, ö too), digits and the separators diarienummer use: "KSN-2012-0385".
DIARIENUMMER = re.compile(r"[\w][\w .:/-]{0,59}")


def _clean_description(text: str) -> str:
    try:
        return clean_user_text(
            text, max_length=DESCRIPTION_MAX_LENGTH,
            empty_message=_("Skriv en kort beskrivning av vad som registreras."),
            too_long_message=_("Beskrivningen får vara högst %(max)s tecken."))
    except ValidationError as error:
        raise ValidationError({"description": error.error_list}) from error


def _clean_diarienummer(number: str) -> str:
    number = " ".join((number or "").split())
    if number and not DIARIENUMMER.fullmatch(number):
        raise ValidationError({"diarienummer": _(
            "Diarienumret får bara innehålla bokstäver, siffror, mellanslag och tecknen "
            "- / : . (högst 60 tecken), till exempel KS-2025-0123."
        )})
    return number


def _clean_received_on(received_on: date | None, created_at) -> date:
    today = timezone.localdate()
    if received_on is None:
        return timezone.localtime(created_at).date() if created_at else today
    if received_on > today:
        raise ValidationError(
            {"received_on": _("Datumet då handlingen kom in kan inte ligga i framtiden.")}
        )
    return received_on


def format_number(series: str, *, year: int, month: int, seq: int) -> str:
    try:
        return series.format(year=year, month=month, seq=seq)
    except (KeyError, IndexError, ValueError) as error:
        raise ImproperlyConfigured(
            f"ARCHIVE_DIARIE_SERIES {series!r} går inte att använda: {error}. Använd "
            "{year}, {month} och {seq}, till exempel \"KS-{year}-{seq:04d}\"."
        ) from error


def next_diarienummer(at=None) -> str:
    """The next number in the series for this year, under a row lock. Numbers already typed
    in by hand are skipped, so a generated number never repeats one."""
    local = timezone.localtime(at or timezone.now())
    series = diarie_series()
    key = f"{series}|{local.year}"
    RegistrationSequence.objects.get_or_create(key=key)
    sequence = RegistrationSequence.objects.select_for_update().get(key=key)
    while True:
        sequence.last += 1
        number = format_number(series, year=local.year, month=local.month, seq=sequence.last)
        if not Registration.objects.filter(diarienummer=number).exists():
            break
    sequence.save(update_fields=["last"])
    return number


def register_item(
    *, actor, item, description: str, received_on: date | None = None, sender: str = "",
    diarienummer: str = "",
) -> Registration:
    """Register an item: the channel's owner or a deputy, or Webbredaktionen.

    `received_on` defaults to the day the item was written, `sender` to its author and
    `diarienummer` to the next number in ARCHIVE_DIARIE_SERIES. An item is registered once.
    """
    if not can_register(actor, item):
        raise PermissionDenied(_("Endast kanalens ägare och ställföreträdare och "
                                 "webbredaktionen kan registrera innehåll."))
    text = _clean_description(description)
    number = _clean_diarienummer(diarienummer)
    snapshot = item.archive_description()
    received_on = _clean_received_on(received_on, snapshot.created_at)
    sender = (sender or "").strip()[:SENDER_MAX_LENGTH] or person(snapshot.author)["name"]
    with transaction.atomic():
        existing = registration_for(item)
        if existing is not None:
            raise _already(existing)
        generated = not number
        if generated:
            number = next_diarienummer()
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    object_type=item._meta.label_lower, object_id=str(item.pk),
                    object_label=snapshot.label[:300], url=snapshot.url,
                    diarienummer=number, generated=generated, received_on=received_on,
                    sender=sender, description=text,
                    channel_label=(f"{snapshot.channel.kind.label}: {snapshot.channel.name}"
                                   if snapshot.channel is not None else ""),
                    registered_by=actor.get_full_name() or actor.get_username(),
                    registered_by_username=actor.get_username(),
                    data=item_data(item, snapshot),
                )
        except IntegrityError:  # registered by someone else a moment ago
            raise _already(registration_for(item)) from None
        log(item, "insidan.archive.register", user=actor,
            data={"diarienummer": number, "registration": str(registration.uuid)})
    return registration


def _already(existing: Registration | None) -> ValidationError:
    number = existing.diarienummer if existing is not None else "?"
    return ValidationError(
        _("Det här är redan registrerat med diarienummer %(number)s.") % {"number": number},
        code="already_registered",
    )
