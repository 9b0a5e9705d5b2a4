"""The personal data guard that runs on every user text field and on every report.

The guidelines (section 7) say personnummer and personal data about offences must never be
published, and that private phone numbers, addresses, car registration numbers and sensitive
personal data (health, ethnicity, religion, political opinion, trade union membership, sexual
orientation) need the person's consent. So ``scan`` sorts what it finds into two groups
(DESIGN.md, rule 5):

- refusals: a valid personnummer or samordningsnummer. The text cannot be saved.
- flags: phone numbers, car registration numbers, street addresses with a postal code, words for
  sensitive categories and for offences. The author must confirm that there is consent, or that
  it is not personal data (for offences: that it is about no one in particular).

Refusals must be precise, because a refused author is stuck until the text changes: a candidate
is refused only with a real date and a valid Luhn check digit, and only in the groupings people
use for a personnummer. Flags may be generous, because they only ask for a confirmation.

``scan`` looks at the text as a reader sees it (``insidan.core.normalise``: entities, full-width
digits, zero-width and no-break spaces, dashes, Markdown escapes), and for refusals also with the
Markdown emphasis around digits removed (``1981**12**18-9876``); every finding still points into
the text as written. It must stay fast, because it runs on every save: each pattern starts with a
character class that the regular expression engine skips to, and the slow phone number parser
only sees the few places with enough digits.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import phonenumbers
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as NumberValidationError
from stdnum.se import personnummer

from insidan.core.normalise import Normalised, normalise

# Words for the sensitive categories of section 7, and for offences ("crime"), which section 7 says
# may never be published about a person. Matched as whole words, case-insensitively.
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
    # What is said about a person in criminal proceedings: suspected, charged, arrested,
    # detained, convicted, punished, registered. The institutions themselves ("dom", "domstol",
    # "polisen", "brott", "åklagare") are everyday words in a municipality and are not listed,
    # nor is "misstänkt" without "för" ("jag misstänker att skrivaren är trasig").
    "crime": (
        _("lagöverträdelser"),
        (
            "dömd", "dömda", "dömdes", "dömts", "åtalad", "åtalade", "åtalades", "åtalas",
            "åtalats", "misstänkt för", "misstänkta för", "misstänks för", "misstänkts för",
            "brottsmisstänkt*", "straffad", "straffades", "straffats", "anhållen", "anhållna",
            "anhölls", "anhållits", "häktad", "häktade", "häktades", "häktats", "fälld för",
            "fällda för", "fälldes för", "fällts för", "polisanmäld", "polisanmälda",
            "polisanmäldes", "polisanmälts", "brottsling*", "lagöverträdelse*", "brottsregist*",
            "belastningsregist*", "misstankeregist*", "straffregist*", "fängelsedömd*",
        ),
    ),
}
# fmt: on

# Letters on Swedish registration plates: A–Z without I, Q and V (mistaken for 1, O and U),
# and never Å, Ä or Ö. Formats ABC123 and, since 2019, ABC12D; often written "ABC 123" or
# "ABC-123". Upper case only: "abc123" is more often a user name or a code than a plate. The
# lookbehind comes after the first letter so that the engine can skip to capital letters.
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"
_CAR_REGISTRATION = re.compile(
    rf"[{_PLATE_LETTERS}](?<!\w.)[{_PLATE_LETTERS}]{{2}}[ -]?[0-9]{{2}}[0-9{_PLATE_LETTERS}](?!\w)",
)

# Five or more digits with at most five separators or Markdown marks between any two ("**-**"):
# where a personnummer, a phone number or a postal code can be. Found once; the other patterns
# only look near them.
_DIGIT_CLUSTER = re.compile(r"[0-9](?:[ ()+\-./*_~`]{0,5}[0-9]){4,}")
_CLUSTER_SEPARATORS = str.maketrans("", "", " ()+-./*_~`")

# A personnummer in the groupings people write: YYMMDD or YYYYMMDD, with single spaces allowed
# between year, month and day ("8112 18", "1981 12 18"), or all of them marked with "." or "-"
# ("1981.12.18", "81-12-18"); then "-", "+", " - " or a space before the last four ("98 76" too).
# After a marked date only "-" or "+" may follow, because "2024-12-18 1430" is a date and a time.
# A digit, or a digit and a separator, on either side means a longer number (order, invoice, OCR
# or case number) that must not be read piecemeal. Twelve digits start with 18, 19 or 20.
_IDENTITY_NUMBER = re.compile(
    r"""
    (?<![0-9])(?<![0-9][-+./,])
    (?:
        (?P<plain>(?:18|19|20)?[0-9]{2}\ ?[0-9]{2}\ ?[0-9]{2}) (?P<plain_separator>\ ?[-+]\ ?|\ )?
      | (?P<marked>(?:18|19|20)?[0-9]{2}(?P<mark>[-.])[0-9]{2}(?P=mark)[0-9]{2}) [-+]
    )
    (?P<serial>[0-9]{4}|[0-9]{2}\ [0-9]{2})
    (?![0-9])(?![-+./,][0-9])
    """,
    re.VERBOSE,
)
_IDENTITY_MIN_DIGITS = 10

# A run of emphasis or inline code marks that touches a digit, removed for a second look for
# refusals. The lookarounds come after the first mark so that the engine can skip to marks, and
# runs that touch no digit ("**viktigt**") never reach Python.
_INLINE_MARK = re.compile(r"[*_~`]")
_INLINE_MARKUP_AT_DIGIT = re.compile(r"[*_~`](?:(?<=[0-9][*_~`])|(?=[*_~`]*[0-9]))[*_~`]*")

# Where a phone number may start within a cluster: a 0 (national or 00 international prefix) or
# Sweden's 46 at its start or after a space or parenthesis; "+" just before the cluster also
# counts. "1 234 567 kr" or "2024-05-12" never reach the parser.
_PHONE_START = re.compile(r"(?:^|[ (])(?:0|46)")
_PHONE_MIN_DIGITS = 7
_PHONE_CONTEXT = 20

# A street address: a street name (one word ending like a Swedish street, after up to two
# capitalised words: "Norra Storgatan", "Linnés väg"), a house number with an optional letter and
# apartment number, then a postal code and perhaps the town. A street name alone, or with a number
# but no postal code, is too common in work texts (meeting places) to flag.
_STREET_SUFFIXES = (
    "gatan|gata|vägen|väg|gränden|gränd|stigen|stig|allén|allé|backen|backe|torget|torg|"
    "platsen|plats|plan|leden|led|gången|gång|slingan|slinga|kroken|ringen|stråket|kajen|kaj|"
    "esplanaden|promenaden|parken|terrassen|stranden|strand|liden|lunden|hagen"
)
_STREET_ADDRESS = re.compile(
    rf"""
    (?<!\w)(?:[A-ZÅÄÖ][a-zåäöé]+\.?\s+){{0,2}}(?i:\w*(?:{_STREET_SUFFIXES}))
    \s+[1-9][0-9]{{0,3}}(?:\ ?[A-Za-z](?!\w))?
    (?:,?\s*(?i:lgh|lägenhet)\.?\s*[0-9]{{3,4}})?
    (?:\s*,\s*|\s+)
    (?<![0-9])[1-9][0-9]{{2}}\ ?[0-9]{{2}}(?![0-9])
    (?:\ +[A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+(?:[\ -][A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+)?)?
    """,
    re.VERBOSE,
)
# What every street address has and nearly no other text near a postal code has: a street
# word right before a house number. One pass over the text for it spares the full pattern,
# whose backtracking costs about 0.1 ms for every postal-code-like number in a text of sums.
_WORD_AND_NUMBER = re.compile(r"(\w+)\s+[1-9]")
_STREET_ENDINGS = tuple(_STREET_SUFFIXES.split("|"))
_POSTAL_CODE = re.compile(r"(?<![0-9])[1-9][0-9]{2} ?[0-9]{2}(?![0-9])")
_ADDRESS_BEFORE_POSTAL_CODE = 60
_ADDRESS_AFTER_POSTAL_CODE = 40

_SAMORDNINGSNUMMER_DAY_OFFSET = 60


class Kind(enum.StrEnum):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    PHONE = "phone"
    CAR_REGISTRATION = "car_registration"
    STREET_ADDRESS = "street_address"
    SENSITIVE_CATEGORY = "sensitive_category"
    OFFENCE = "offence"


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


@dataclass(frozen=True)
class _Hit:
    """A finding in the normalised text; ``message`` is formatted with the source excerpt."""

    kind: Kind
    start: int
    end: int
    message: Promise
    details: dict[str, Promise] = field(default_factory=dict)


def scan(text: str) -> ScanResult:
    """Find personal data in ``text``; no two findings overlap.

    Refusals win over flags: a personnummer is not also reported as a phone number. Among flags,
    phone numbers come before car registrations, then street addresses, then words. Start, end
    and excerpt of each finding are those of ``text`` as written, whatever normalising found.
    """
    normalised = normalise(text)
    clusters = tuple(_DIGIT_CLUSTER.finditer(normalised.text))
    taken = _Spans()
    refusals = _accept(normalised, _find_identity_numbers(normalised.text, clusters), taken)
    without_markup = _without_inline_markup_at_digits(normalised, clusters)
    if without_markup is not normalised:
        unmarked_clusters = tuple(_DIGIT_CLUSTER.finditer(without_markup.text))
        unmarked = _find_identity_numbers(without_markup.text, unmarked_clusters)
        refusals += _accept(without_markup, unmarked, taken)
    flags: list[Finding] = []
    for hits in (
        _find_phone_numbers(normalised.text, clusters),
        _find_car_registrations(normalised.text),
        _find_street_addresses(normalised.text, clusters),
        _find_words(normalised.text),
    ):
        flags += _accept(normalised, hits, taken)
    refusals.sort(key=lambda finding: finding.start)
    flags.sort(key=lambda finding: finding.start)
    return ScanResult(refusals=tuple(refusals), flags=tuple(flags))


class _Spans:
    """Spans that do not overlap, kept sorted so that checking one more costs a bisection."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def claim(self, start: int, end: int) -> bool:
        """Take the span, unless it overlaps one taken before."""
        before = bisect_left(self._starts, end)  # the spans that start before this one ends
        if before and self._ends[before - 1] > start:
            return False
        self._starts.insert(before, start)
        self._ends.insert(before, end)
        return True


def _accept(normalised: Normalised, hits: Iterable[_Hit], taken: _Spans) -> list[Finding]:
    """The hits, as findings in the source, that overlap nothing already ``taken``."""
    findings = []
    for hit in hits:
        start, end = normalised.source_span(hit.start, hit.end)
        if not taken.claim(start, end):
            continue
        excerpt = normalised.source[start:end]
        message = format_lazy(hit.message, excerpt=excerpt, **hit.details)
        findings.append(Finding(hit.kind, start, end, excerpt, message))
    return findings


def _without_inline_markup_at_digits(
    normalised: Normalised, clusters: Iterable[re.Match[str]]
) -> Normalised:
    """The text without the emphasis and code marks that touch a digit, so that
    ``1981**12**18-9876`` reads as the number a reader sees; itself when no cluster long enough
    for a personnummer has such marks (most texts), which costs no extra pass over the text."""
    if not any(
        _has_digits(cluster, _IDENTITY_MIN_DIGITS) and _INLINE_MARK.search(cluster.group())
        for cluster in clusters
    ):
        return normalised
    return normalised.rewritten(_INLINE_MARKUP_AT_DIGIT, lambda match: "")


def _find_identity_numbers(text: str, clusters: Iterable[re.Match[str]]) -> Iterator[_Hit]:
    for cluster in clusters:
        if not _has_digits(cluster, _IDENTITY_MIN_DIGITS):
            continue
        # Two characters past the cluster, so that the lookahead sees a following "/1" or ",5".
        for match in _IDENTITY_NUMBER.finditer(text, cluster.start(), cluster.end() + 2):
            hit = _identity_number_hit(match)
            if hit is not None:
                yield hit


def _identity_number_hit(match: re.Match[str]) -> _Hit | None:
    date = match.group("plain") or match.group("marked")
    separator = "+" if "+" in match.group() else "-"
    number = f"{_digits(date)}{separator}{_digits(match.group('serial'))}"
    if not _could_be_identity_number(number):
        return None
    if personnummer.is_valid(number):
        kind = Kind.PERSONNUMMER
        message = _(
            "”{excerpt}” ser ut som ett personnummer. Personnummer får aldrig publiceras "
            "(riktlinjerna, avsnitt 7). Ta bort det och försök igen."
        )
    elif is_valid_samordningsnummer(number):
        kind = Kind.SAMORDNINGSNUMMER
        message = _(
            "”{excerpt}” ser ut som ett samordningsnummer. Samordningsnummer får, precis som "
            "personnummer, aldrig publiceras (riktlinjerna, avsnitt 7). Ta bort det och "
            "försök igen."
        )
    else:
        return None
    if _is_swedish_phone_number(_digits(match.group())):
        message = format_lazy(
            "{} {}",
            message,
            _("Om det är ett telefonnummer, skriv det som till exempel 070-123 45 67."),
        )
    return _Hit(kind, match.start(), match.end(), message)


def _could_be_identity_number(number: str) -> bool:
    """A quick test that every personnummer and samordningsnummer passes (ten or twelve digits,
    a month, the Luhn check digit over the last ten), so that the many dates, sums and order
    numbers of a number-heavy text do not each go through python-stdnum's full personnummer
    validation, which costs ten times as much as its Luhn checksum. Anything that passes is
    validated in full."""
    digits = number.replace("-", "").replace("+", "")
    if len(digits) not in (10, 12) or not digits.isdigit():
        return False
    ten = digits[-10:]
    return 1 <= int(ten[2:4]) <= 12 and luhn.checksum(ten) == 0


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


def _find_phone_numbers(text: str, clusters: Iterable[re.Match[str]]) -> Iterator[_Hit]:
    """libphonenumber's matcher, run only on a window around each cluster that can hold a phone
    number; it is far too slow for a whole long text."""
    message = _(
        "”{excerpt}” ser ut som ett telefonnummer. Privata telefonnummer får inte publiceras "
        "utan personens samtycke (riktlinjerna, avsnitt 7)."
    )
    leniency = phonenumbers.Leniency.VALID
    for window_start, window_end, start, end in _phone_windows(text, clusters):
        window = text[window_start:window_end]
        for match in phonenumbers.PhoneNumberMatcher(window, "SE", leniency=leniency):
            span = (window_start + match.start, window_start + match.end)
            if span[0] < end and start < span[1]:
                yield _Hit(Kind.PHONE, *span, message)


def _phone_windows(
    text: str, clusters: Iterable[re.Match[str]]
) -> Iterator[tuple[int, int, int, int]]:
    """(start, end) of a window of text and (start, end) of the clusters in it, for the clusters
    that can hold a phone number. Windows that would overlap are merged, so that a list of phone
    numbers is parsed once and no number is found twice."""
    window: list[int] | None = None
    for cluster in clusters:
        start, end = cluster.span()
        if not _has_digits(cluster, _PHONE_MIN_DIGITS) or not (
            text[start - 1 : start] in ("+", "(") or _PHONE_START.search(cluster.group())
        ):
            continue
        if window is not None and start - _PHONE_CONTEXT <= window[1]:
            window[1], window[3] = end + _PHONE_CONTEXT, end
            continue
        if window is not None:
            yield window[0], window[1], window[2], window[3]
        window = [max(0, start - _PHONE_CONTEXT), end + _PHONE_CONTEXT, start, end]
    if window is not None:
        yield window[0], window[1], window[2], window[3]


def _find_car_registrations(text: str) -> Iterator[_Hit]:
    message = _(
        "”{excerpt}” ser ut som ett bilregistreringsnummer. Registreringsnummer får inte "
        "publiceras utan ägarens samtycke (riktlinjerna, avsnitt 7)."
    )
    for match in _CAR_REGISTRATION.finditer(text):
        yield _Hit(Kind.CAR_REGISTRATION, match.start(), match.end(), message)


def _find_street_addresses(text: str, clusters: Iterable[re.Match[str]]) -> Iterator[_Hit]:
    message = _(
        "”{excerpt}” ser ut som en gatuadress. Privata adresser får inte publiceras utan "
        "personens samtycke (riktlinjerna, avsnitt 7)."
    )
    seen: set[tuple[int, int]] = set()
    for cluster in clusters:
        if not _POSTAL_CODE.search(cluster.group()):
            continue
        start = max(0, cluster.start() - _ADDRESS_BEFORE_POSTAL_CODE)
        end = cluster.end() + _ADDRESS_AFTER_POSTAL_CODE
        if not any(word.group(1).lower().endswith(_STREET_ENDINGS)
                   for word in _WORD_AND_NUMBER.finditer(text, start, cluster.start())):
            continue
        for match in _STREET_ADDRESS.finditer(text, start, end):
            if match.span() not in seen:
                seen.add(match.span())
                yield _Hit(Kind.STREET_ADDRESS, match.start(), match.end(), message)


def _find_words(text: str) -> Iterator[_Hit]:
    sensitive = _(
        "”{excerpt}” kan röra en känslig personuppgift ({category}). Sådana uppgifter om en "
        "person får bara publiceras med personens uttryckliga samtycke (riktlinjerna, avsnitt 7)."
    )
    offence = _(
        "”{excerpt}” kan röra en personuppgift om {category}. Sådana uppgifter om en person får "
        "aldrig publiceras, inte ens med samtycke (riktlinjerna, avsnitt 7). Kryssa bara i "
        "rutan om texten inte handlar om en enskild person."
    )
    # The text is lowered so that the pattern can be case-sensitive, which is several times
    # faster; a space in front gives the first word a character before it, like every other.
    padded = " " + text
    lowered = padded.lower()
    pattern = _word_pattern()
    if len(lowered) != len(padded):  # a rare letter ("İ") lowers to two characters
        lowered, pattern = padded, _word_pattern(ignore_case=True)
    for match in pattern.finditer(lowered):
        start, end = match.start(), match.end() - 1  # the word, without the character before
        category, label = _word_category(lowered[start + 1 : end + 1])
        if category == "crime":
            yield _Hit(Kind.OFFENCE, start, end, offence, {"category": label})
        else:
            yield _Hit(Kind.SENSITIVE_CATEGORY, start, end, sensitive, {"category": label})


def _word_alternative(word: str) -> str:
    """A listed word as a pattern: "*" allows any ending, a space any run of whitespace."""
    return r"\s+".join(
        re.escape(part.removesuffix("*")) + (r"\w*" if part.endswith("*") else "")
        for part in word.split(" ")
    )


@cache
def _word_pattern(*, ignore_case: bool = False) -> re.Pattern[str]:
    r"""Every listed word, grouped by first letter, after a character that is not a letter.

    Starting with that character (a class the engine skips to, rather than a lookbehind) and
    grouping by the first letter are what make this fast. The class leaves out the Latin letters
    (up to Latin Extended-B) but not other scripts: a Greek or Cyrillic letter right before a
    Swedish word counts as a word boundary, which costs nothing worth the slower ``(?<!\w)``.
    Within a first letter the words keep their order in ``SENSITIVE_WORDS``, so an earlier
    category wins where two would match at one place.
    """
    by_first_letter: dict[str, list[str]] = {}
    for _label, words in SENSITIVE_WORDS.values():
        for word in words:
            by_first_letter.setdefault(word[0], []).append(_word_alternative(word)[1:])
    body = "|".join(
        f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first_letter.items()
    )
    not_a_letter = r"[^0-9A-Za-z_\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\u024f]"
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"{not_a_letter}(?:{body})(?!\w)", flags)


def _word_category(word: str) -> tuple[str, Promise]:
    """The first category with a word that matches all of ``word``: there is always one, because
    ``word`` is what ``_word_pattern``, made of the same words, matched."""
    for category, (label, pattern) in _CATEGORY_PATTERNS.items():
        if pattern.fullmatch(word):
            return category, label
    raise AssertionError(f"{word!r} matched the word pattern but no category")


def _has_digits(cluster: re.Match[str], count: int) -> bool:
    """Whether the cluster has ``count`` digits, without counting the many short ones."""
    return cluster.end() - cluster.start() >= count and len(_digits(cluster.group())) >= count


def _digits(text: str) -> str:
    """The digits of a cluster, or of a part of one: all but its separators and marks."""
    return text.translate(_CLUSTER_SEPARATORS)


_CATEGORY_PATTERNS: dict[str, tuple[Promise, re.Pattern[str]]] = {
    category: (label, re.compile("|".join(map(_word_alternative, words)), re.IGNORECASE))
    for category, (label, words) in SENSITIVE_WORDS.items()
}
