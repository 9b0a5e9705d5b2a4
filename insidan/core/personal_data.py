"""The personal data guard that runs on every user text field and on every report.

The guidelines (section 7) say personnummer must never be published, and that private phone
numbers, car registration numbers and sensitive personal data (health, ethnicity, religion,
political opinion, trade union membership, sexual orientation) need the person's consent. So
``scan`` sorts what it finds into two groups (DESIGN.md, rule 5):

- refusals: a valid personnummer or samordningsnummer. The text cannot be saved.
- flags: phone numbers, car registration numbers, words for sensitive categories. The author must
  confirm that there is consent or that it is not personal data.

Refusals must be precise, because a refused author is stuck until the text changes: a candidate
is refused only with a real date and a valid Luhn check digit. Flags may be generous, because
they only ask for a confirmation.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as NumberValidationError
from stdnum.se import personnummer

# Words for the sensitive categories of section 7, matched as whole words, case-insensitively.
# A trailing "*" allows any ending ("sjukskriv*" finds sjukskriven, sjukskrivning, sjukskrivna);
# a space matches any run of whitespace. Add a whole word rather than a short stem whenever the
# stem would also start everyday words (e.g. "krist*" would find "Kristina").
# fmt: off
SENSITIVE_WORDS: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "health": (
        _("hälsa"),
        (
            "sjukskriv*", "sjukdom*", "sjukledig*", "diagnos*", "cancer*", "depression*",
            "deprimerad*", "hälsotillstånd*", "utbränd*", "utmattningssyndrom*",
            "psykisk* ohälsa", "psykiskt sjuk*", "missbruk*", "alkoholist*", "diabet*",
            "adhd", "autism*", "hiv", "gravid*", "rehabilitering*", "arbetsskada*",
        ),
    ),
    "ethnicity": (
        _("etniskt ursprung"),
        ("etnisk*", "etnicitet*", "ras", "raser", "rastillhörighet*", "hudfärg*"),
    ),
    "religion": (
        _("religion"),
        (
            "religi*", "muslim*", "kristen", "kristet", "kristna", "kristendom*", "jude",
            "juden", "judar", "judarna", "judinna*", "judisk*", "troende", "ateist*",
            "hindu*", "buddhist*", "katolik*", "katolsk*", "frikyrk*",
        ),
    ),
    "politics": (
        _("politisk uppfattning"),
        (
            "politisk* uppfattning*", "politisk* åsikt*", "politisk* tillhörighet*",
            "partimedlem*", "partitillhörighet*", "partisympati*", "röstar på",
            "röstade på", "röstat på",
        ),
    ),
    "trade_union": (
        _("medlemskap i fackförening"),
        (
            "fackförening*", "fackförbund*", "fackmedlem*", "fackansluten", "fackanslutna",
            "fackligt ansluten", "fackligt anslutna", "fackligt organiserad*",
            "facklig* tillhörighet*", "medlem i facket", "kommunalmedlem*",
            "kommunal-medlem*", "medlem i kommunal", "visionmedlem*", "vision-medlem*",
            "medlem i vision", "medlem i vårdförbundet", "medlem i lärarförbundet",
        ),
    ),
    "sexual_orientation": (
        _("sexuell läggning"),
        (
            "homosexu*", "bisexu*", "heterosexu*", "sexuell* läggning*", "hbtq*", "gay",
            "lesbisk*", "transperson*", "queer", "rfsl",
        ),
    ),
}
# fmt: on

# Letters on Swedish registration plates: A–Z without I, Q and V (mistaken for 1, O and U),
# and never Å, Ä or Ö. Formats ABC123 and, since 2019, ABC12D; often written "ABC 123" or
# "ABC-123". Upper case only: "abc123" is more often a user name or a code than a plate.
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"
_CAR_REGISTRATION = re.compile(
    rf"(?<!\w)[{_PLATE_LETTERS}]{{3}}[ -]?\d\d[\d{_PLATE_LETTERS}](?!\w)",
)

# Ten or twelve digits, with or without "-" or "+" before the last four. A digit, or a digit and
# a separator, on either side means a longer number (order, invoice or OCR number) that must not
# be read piecemeal. Twelve-digit forms start with the century 18, 19 or 20.
_IDENTITY_NUMBER = re.compile(
    r"(?<!\d)(?<!\d[-+])(?:(?:18|19|20)\d{6}|\d{6})[-+]?\d{4}(?!\d)(?![-+]\d)",
)

_SAMORDNINGSNUMMER_DAY_OFFSET = 60


class Kind(enum.StrEnum):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    PHONE = "phone"
    CAR_REGISTRATION = "car_registration"
    SENSITIVE_CATEGORY = "sensitive_category"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int
    excerpt: str
    message: str | Promise


@dataclass(frozen=True)
class ScanResult:
    refusals: tuple[Finding, ...] = ()
    flags: tuple[Finding, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.refusals)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


def scan(text: str) -> ScanResult:
    """Find personal data in ``text``; no two findings overlap.

    Refusals win over flags: a personnummer is not also reported as a phone number. Among flags,
    phone numbers come before car registrations, which come before words.
    """
    refusals = list(_find_identity_numbers(text))
    taken = [(finding.start, finding.end) for finding in refusals]
    flags: list[Finding] = []
    for finder in (_find_phone_numbers, _find_car_registrations, _find_sensitive_words):
        for finding in finder(text):
            if not any(finding.start < end and start < finding.end for start, end in taken):
                flags.append(finding)
                taken.append((finding.start, finding.end))
    flags.sort(key=lambda finding: finding.start)
    return ScanResult(refusals=tuple(refusals), flags=tuple(flags))


def _find_identity_numbers(text: str) -> Iterator[Finding]:
    for match in _IDENTITY_NUMBER.finditer(text):
        number = match.group()
        if personnummer.is_valid(number):
            message = _(
                "”{excerpt}” ser ut som ett personnummer. Personnummer får aldrig publiceras "
                "(riktlinjerna, avsnitt 7). Ta bort det och försök igen."
            )
            kind = Kind.PERSONNUMMER
        elif is_valid_samordningsnummer(number):
            message = _(
                "”{excerpt}” ser ut som ett samordningsnummer. Samordningsnummer får, precis som "
                "personnummer, aldrig publiceras (riktlinjerna, avsnitt 7). Ta bort det och "
                "försök igen."
            )
            kind = Kind.SAMORDNINGSNUMMER
        else:
            continue
        if number.isdigit() and _is_swedish_phone_number(number):
            message = format_lazy(
                "{} {}",
                message,
                _("Om det är ett telefonnummer, skriv det som till exempel 070-123 45 67."),
            )
        yield _finding(kind, match.start(), match.end(), number, message)


def is_valid_samordningsnummer(number: str) -> bool:
    """A samordningsnummer is a personnummer whose day of birth has 60 added to it.

    python-stdnum's ``se.personnummer`` rejects such a day as an invalid date, so the date is
    checked here with the day moved back, and the Luhn digit over the number as written.
    """
    try:
        compact = personnummer.compact(number)
    except NumberValidationError:
        return False
    if len(compact) not in (11, 13) or compact[-5] not in "-+":
        return False
    digits = compact[-11:-5] + compact[-4:]
    if not digits.isdigit() or not 61 <= int(compact[-7:-5]) <= 91:
        return False
    birth_day = int(compact[-7:-5]) - _SAMORDNINGSNUMMER_DAY_OFFSET
    as_personnummer = f"{compact[:-7]}{birth_day:02d}{compact[-5:]}"
    try:
        personnummer.get_birth_date(as_personnummer)
    except (NumberValidationError, ValueError):
        return False
    return luhn.is_valid(digits)


def _is_swedish_phone_number(digits: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, "SE"))
    except phonenumbers.NumberParseException:
        return False


def _find_phone_numbers(text: str) -> Iterator[Finding]:
    message = _(
        "”{excerpt}” ser ut som ett telefonnummer. Privata telefonnummer får inte publiceras "
        "utan personens samtycke (riktlinjerna, avsnitt 7)."
    )
    for match in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID):
        yield _finding(Kind.PHONE, match.start, match.end, match.raw_string, message)


def _find_car_registrations(text: str) -> Iterator[Finding]:
    message = _(
        "”{excerpt}” ser ut som ett bilregistreringsnummer. Registreringsnummer får inte "
        "publiceras utan ägarens samtycke (riktlinjerna, avsnitt 7)."
    )
    for match in _CAR_REGISTRATION.finditer(text):
        yield _finding(Kind.CAR_REGISTRATION, match.start(), match.end(), match.group(), message)


def _find_sensitive_words(text: str) -> Iterator[Finding]:
    message = _(
        "”{excerpt}” kan röra en känslig personuppgift ({category}). Sådana uppgifter om en "
        "person får bara publiceras med personens uttryckliga samtycke (riktlinjerna, avsnitt 7)."
    )
    for label, pattern in _SENSITIVE_PATTERNS:
        for match in pattern.finditer(text):
            yield Finding(
                kind=Kind.SENSITIVE_CATEGORY,
                start=match.start(),
                end=match.end(),
                excerpt=match.group(),
                message=format_lazy(message, excerpt=match.group(), category=label),
            )


def _finding(kind: Kind, start: int, end: int, excerpt: str, message: Promise) -> Finding:
    return Finding(
        kind=kind,
        start=start,
        end=end,
        excerpt=excerpt,
        message=format_lazy(message, excerpt=excerpt),
    )


def _compile_words(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = [
        r"\s+".join(
            re.escape(part.removesuffix("*")) + (r"\w*" if part.endswith("*") else "")
            for part in word.split()
        )
        for word in words
    ]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


_SENSITIVE_PATTERNS: tuple[tuple[Promise, re.Pattern[str]], ...] = tuple(
    (label, _compile_words(words)) for label, words in SENSITIVE_WORDS.values()
)
