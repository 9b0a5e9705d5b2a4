"""A corpus for the personal data guard, both ways.

Every spelling of a valid personnummer or samordningsnummer that a reader would read as one must
be refused (issue 17: spaces, dashes, invisible characters, full-width digits, HTML entities,
Markdown), and numbers that only look like one (dates, times, case numbers, sums, postal codes,
phone numbers, bank and organisation numbers) must not be. The look-alikes are built with a valid
Luhn check digit wherever they have ten or twelve digits, so that it is the date or the grouping
that keeps them out, not luck.

Counts (asserted below, so that the corpus cannot quietly shrink): 49 spellings × 4 numbers = 196
texts that must be refused, and 60 look-alikes that must not be.
"""

from collections.abc import Callable

import pytest
from stdnum import luhn

from insidan.core.normalise import normalise
from insidan.core.personal_data import Kind, scan


def check_digit(nine_digits: str) -> str:
    return luhn.calc_check_digit(nine_digits)


class Number:
    """A valid identity number, split into the parts that the spellings rearrange."""

    def __init__(self, century: str, yymmdd: str, serial: str, kind: Kind) -> None:
        self.cc, self.yy, self.mm, self.dd = century, yymmdd[:2], yymmdd[2:4], yymmdd[4:]
        self.nnn = serial
        self.c = check_digit(yymmdd + serial)
        self.kind = kind

    @property
    def yymmdd(self) -> str:
        return self.yy + self.mm + self.dd

    @property
    def serial(self) -> str:
        return self.nnn + self.c

    @property
    def digits(self) -> str:
        return self.yymmdd + self.serial

    def __repr__(self) -> str:
        return f"{self.cc}{self.yymmdd}-{self.serial}"


NUMBERS = [
    Number("19", "811218", "987", Kind.PERSONNUMMER),  # Skatteverket's 811218-9876
    Number("20", "050704", "123", Kind.PERSONNUMMER),
    Number("19", "701063", "239", Kind.SAMORDNINGSNUMMER),  # Skatteverket's 701063-2391
    Number("19", "640891", "456", Kind.SAMORDNINGSNUMMER),  # 31 August + 60
]


def test_the_numbers_are_valid() -> None:
    assert repr(NUMBERS[0]) == "19811218-9876"
    assert repr(NUMBERS[2]) == "19701063-2391"
    for number in NUMBERS:
        [finding] = scan(repr(number)).refusals
        assert finding.kind is number.kind


def _with_zero_width(n: Number) -> str:
    return f"{n.yy}\u200b{n.mm}{n.dd}-{n.serial}"


FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _full_width(n: Number) -> str:
    return f"{n.yymmdd}-{n.serial}".translate(FULL_WIDTH)


def _mathematical_digits(n: Number) -> str:
    return "".join(chr(0x1D7CE + int(d)) for d in n.cc + n.yymmdd) + "-" + n.serial


def _decimal_entity(n: Number) -> str:
    return f"&#{ord(n.cc[0])};{n.cc[1]}{n.yymmdd}-{n.serial}"


def _all_entities(n: Number) -> str:
    return "".join(f"&#x{ord(d):x};" for d in f"{n.yymmdd}-{n.serial}")


SPELLINGS: dict[str, Callable[[Number], str]] = {
    "short with hyphen": lambda n: f"{n.yymmdd}-{n.serial}",
    "short without separator": lambda n: f"{n.yymmdd}{n.serial}",
    "long with hyphen": lambda n: f"{n.cc}{n.yymmdd}-{n.serial}",
    "long without separator": lambda n: f"{n.cc}{n.yymmdd}{n.serial}",
    "short with plus (100 years or older)": lambda n: f"{n.yymmdd}+{n.serial}",
    "short with a space": lambda n: f"{n.yymmdd} {n.serial}",
    "long with a space": lambda n: f"{n.cc}{n.yymmdd} {n.serial}",
    "short in pairs": lambda n: f"{n.yy}{n.mm} {n.dd} {n.serial[:2]} {n.serial[2:]}",
    "long in date parts": lambda n: f"{n.cc}{n.yy} {n.mm} {n.dd} {n.serial}",
    "long with year and month-day": lambda n: f"{n.cc}{n.yy} {n.mm}{n.dd} {n.serial}",
    "short in date parts with hyphen": lambda n: f"{n.yy} {n.mm} {n.dd}-{n.serial}",
    "long with dots": lambda n: f"{n.cc}{n.yy}.{n.mm}.{n.dd}-{n.serial}",
    "short with dots": lambda n: f"{n.yy}.{n.mm}.{n.dd}-{n.serial}",
    "long with hyphens throughout": lambda n: f"{n.cc}{n.yy}-{n.mm}-{n.dd}-{n.serial}",
    "serial in pairs": lambda n: f"{n.yymmdd}-{n.serial[:2]} {n.serial[2:]}",
    "spaced hyphen": lambda n: f"{n.yymmdd} - {n.serial}",
    "two spaces": lambda n: f"{n.cc}{n.yymmdd}  {n.serial}",
    "tab": lambda n: f"{n.yymmdd}\t{n.serial}",
    "en dash": lambda n: f"{n.yymmdd}\u2013{n.serial}",
    "spaced en dash": lambda n: f"{n.cc}{n.yymmdd} \u2013 {n.serial}",
    "em dash": lambda n: f"{n.yymmdd}\u2014{n.serial}",
    "unicode hyphen": lambda n: f"{n.yymmdd}\u2010{n.serial}",
    "non-breaking hyphen": lambda n: f"{n.yymmdd}\u2011{n.serial}",
    "figure dash": lambda n: f"{n.yymmdd}\u2012{n.serial}",
    "minus sign": lambda n: f"{n.yymmdd}\u2212{n.serial}",
    "small hyphen-minus": lambda n: f"{n.yymmdd}\ufe63{n.serial}",
    "full-width hyphen-minus": lambda n: f"{n.yymmdd}\uff0d{n.serial}",
    "zero-width space": _with_zero_width,
    "zero-width joiners between digits": lambda n: "\u200d".join(n.yymmdd) + "-" + n.serial,
    "word joiner": lambda n: f"{n.yymmdd}\u2060-{n.serial}",
    "soft hyphen": lambda n: f"{n.yymmdd[:3]}\u00ad{n.yymmdd[3:]}-{n.serial}",
    "right-to-left mark": lambda n: f"\u200f{n.yymmdd}-\u200e{n.serial}",
    "no-break space": lambda n: f"{n.yymmdd}\u00a0{n.serial}",
    "narrow no-break space": lambda n: f"{n.cc}{n.yymmdd}\u202f{n.serial}",
    "full-width digits": _full_width,
    "mathematical bold digits": _mathematical_digits,
    "decimal entity": _decimal_entity,
    "hexadecimal entities throughout": _all_entities,
    "named entity for the dash": lambda n: f"{n.yymmdd}&ndash;{n.serial}",
    "entity for a no-break space": lambda n: f"{n.cc}{n.yymmdd}&nbsp;{n.serial}",
    "entity for a zero-width space": lambda n: f"{n.yymmdd}&#8203;-{n.serial}",
    "double-escaped entity": lambda n: f"&amp;#{ord(n.yy[0])};{n.yy[1]}{n.mm}{n.dd}-{n.serial}",
    "Markdown escape": lambda n: f"{n.cc}{n.yymmdd}\\-{n.serial}",
    "Markdown bold": lambda n: f"{n.cc}{n.yy}**{n.mm}**{n.dd}-{n.serial}",
    "Markdown emphasis with underscores": lambda n: f"{n.cc}{n.yy}_{n.mm}_{n.dd}-{n.serial}",
    "Markdown strikethrough": lambda n: f"{n.yymmdd}~~-~~{n.serial}",
    "Markdown inline code": lambda n: f"`{n.yymmdd}`-`{n.serial}`",
    "image alt text": lambda n: f"![{n.cc}{n.yymmdd}-{n.serial}](bild.png)",
    "link title": lambda n: f'[länk](https://x.se "{n.cc}{n.yymmdd}-{n.serial}")',
}

LINK_TARGET = "https://x.se/?pnr={}"


def test_corpus_size() -> None:
    assert len(SPELLINGS) == 49
    assert len(SPELLINGS) * len(NUMBERS) == 196
    assert len(LOOKALIKES) == 60


@pytest.mark.parametrize("number", NUMBERS, ids=repr)
@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_every_spelling_is_refused(spelling: Callable[[Number], str], number: Number) -> None:
    written = spelling(number)
    text = f"Hej! Här är uppgiften {written} som du bad om."

    result = scan(text)

    [finding] = result.refusals
    assert finding.kind is number.kind
    assert text[finding.start : finding.end] == finding.excerpt
    assert finding.excerpt in written
    # The excerpt is the number itself, as written: normalised, it holds all its digits.
    assert "".join(filter(str.isdigit, normalise(finding.excerpt).text)).endswith(number.digits)
    assert result.flags == ()


@pytest.mark.parametrize("number", NUMBERS, ids=repr)
def test_link_target_is_refused(number: Number) -> None:
    text = f"[Se här]({LINK_TARGET.format(number.cc + number.digits)})"

    [finding] = scan(text).refusals

    assert finding.excerpt == number.cc + number.digits


def valid(yymmdd: str, serial: str) -> str:
    """Ten digits with a valid Luhn check digit, whatever the date."""
    return f"{yymmdd}{serial}{check_digit(yymmdd + serial)}"


def wrong(yymmdd: str, serial: str) -> str:
    return f"{yymmdd}{serial}{(int(check_digit(yymmdd + serial)) + 1) % 10}"


_TIME = valid("241218", "143")  # 2024-12-18 and a four-digit "time" with a valid check digit
_PHONE_4 = valid("091012", "345")  # 0910-12 34 5x: a date, and valid, but a phone number
_PHONE_2 = valid("081218", "987")  # 08-12 18 98 7x likewise
_WRONG = wrong("811218", "987")  # 811218-9877

LOOKALIKES: list[str] = [
    # dates and times
    "2024-12-18",
    "Mötet är 2024-12-18 kl. 14.30 i sal 3.",
    "2024-12-18 14:30",
    f"20{_TIME[:2]}-{_TIME[2:4]}-{_TIME[4:6]} {_TIME[6:]}",
    f"20{_TIME[:2]}.{_TIME[2:4]}.{_TIME[4:6]} {_TIME[6:]}",
    "2024-12-18T14:30:00",
    "kl. 14.30–16.00",
    "14:30-16:00",
    "18 december 1981",
    "1981-12-18",
    "19811218",
    "Födelsedag 18/12 1981",
    # wrong check digits and impossible dates, with a valid check digit otherwise
    f"Order {_WRONG[:6]}-{_WRONG[6:]}",
    f"Order 19{_WRONG}",
    f"Order {_WRONG[:6]} {_WRONG[6:]}",
    f"Order {_WRONG[:4]} {_WRONG[4:6]} {_WRONG[6:8]} {_WRONG[8:]}",
    f"Faktura {valid('811318', '987')}",
    f"Faktura {valid('811232', '987')[:6]} {valid('811232', '987')[6:]}",
    f"Faktura {valid('810230', '987')[:6]}-{valid('810230', '987')[6:]}",
    f"Samordning? {valid('811292', '987')[:6]}-{valid('811292', '987')[6:]}",
    f"Samordning? {valid('810260', '987')[:6]}-{valid('810260', '987')[6:]}",
    # case numbers (diarienummer) and references
    "KS 2024/1234",
    "KS-2024-0012",
    "Dnr KS 2024-00123",
    "Ärende 123-811218-9876",
    "Ärende 811218-9876-12",
    "Ärende 811218-9876/12",
    "811218-98761",
    "OCR 81121898761234",
    "Referens 123811218987645",
    # sums
    "1 234 567 kr",
    "12 345,50 kr",
    "Budgeten är 1 234 567 890 kr.",
    "811 218,98 kr",
    "12 345 678,90 kr",
    # postal codes
    "123 45 Växjö",
    "Box 123, 751 04 Uppsala",
    # phone numbers
    "070-123 45 67",
    "+46 70 123 45 67",
    "0046 70 123 45 67",
    "08-123 456 78",
    f"{_PHONE_4[:4]}-{_PHONE_4[4:6]} {_PHONE_4[6:8]} {_PHONE_4[8:]}",
    f"{_PHONE_2[:2]}-{_PHONE_2[2:4]} {_PHONE_2[4:6]} {_PHONE_2[6:8]} {_PHONE_2[8:]}",
    "Swish 123 456 78 90",
    # bank, organisation and other numbers
    "Bankgiro 5050-1055",
    "Plusgiro 4 81 68-3",
    "Clearingnummer 8327-9, konto 914 123 456-7",
    "IBAN SE45 5000 0000 0583 9825 7466",
    "Organisationsnummer 556036-0793",
    "5560360793",
    "16556036-0793",
    "Momsregistreringsnummer SE556036079301",
    "Uppsala kommun 212000-3005",
    "ISBN 978-91-0-012345-6",
    "IP-adress 192.168.101.123",
    "Koordinater 59.8586, 17.6389",
    "Version 1.2.3",
    "Telefon 018-727 00 00",
    "Rum 12, våning 3",
    "Tabell: | 811218 | 9876 |",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_are_not_refused(text: str) -> None:
    assert not scan(text).refused


def test_lookalikes_that_rely_on_the_date_or_grouping_have_valid_check_digits() -> None:
    """The look-alikes would be refused on the check digit alone: the rules are what keep them
    out, so a loosened rule makes the look-alike test fail."""
    for digits in (_TIME, _PHONE_4, _PHONE_2, "5560360793", valid("811318", "987")):
        assert luhn.is_valid(digits)
