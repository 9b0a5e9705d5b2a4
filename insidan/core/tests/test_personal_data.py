import itertools

import pytest
from django.utils import translation

from insidan.core.personal_data import Kind, is_valid_samordningsnummer, scan


def luhn_digit(nine_digits: str) -> str:
    """The check digit Skatteverket puts last: Luhn over YYMMDDNNN, weights 2, 1, 2, …"""
    total = 0
    for position, digit in enumerate(nine_digits):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return str(-total % 10)


def number(yymmdd: str, serial: str, *, separator: str = "-", century: str = "") -> str:
    """A number with a correct check digit, so only the date decides whether it is valid."""
    return f"{century}{yymmdd}{separator}{serial}{luhn_digit(yymmdd + serial)}"


def wrong_check_digit(yymmdd: str, serial: str) -> str:
    right = int(luhn_digit(yymmdd + serial))
    return f"{yymmdd}-{serial}{(right + 1) % 10}"


def test_luhn_helper_agrees_with_skatteverkets_test_numbers() -> None:
    assert number("811218", "987") == "811218-9876"
    assert number("121212", "121") == "121212-1212"
    assert number("701063", "239") == "701063-2391"


PERSONNUMMER = [
    "811218-9876",
    "8112189876",
    "19811218-9876",
    "198112189876",
    "121212-1212",
    "19121212-1212",
    "121212+1212",
    "19121212+1212",
    number("640823", "323"),
    number("000229", "123"),
    number("991231", "001", separator=""),
    number("450101", "234", separator="+"),
    number("450101", "234", century="19"),
    number("180601", "555", century="20", separator=""),
    number("880320", "001", century="18"),
]


@pytest.mark.parametrize("personnummer", PERSONNUMMER)
def test_personnummer_is_refused(personnummer: str) -> None:
    text = f"Hennes personnummer är {personnummer}, skriv inte det."

    result = scan(text)

    assert result.refused
    [finding] = result.refusals
    assert finding.kind is Kind.PERSONNUMMER
    assert finding.excerpt == personnummer
    assert text[finding.start : finding.end] == personnummer
    assert result.flags == ()


SAMORDNINGSNUMMER = [
    "701063-2391",
    "7010632391",
    "19701063-2391",
    number("851291", "123"),
    number("000289", "456"),
    number("020161", "987", century="20"),
    number("120361", "111", separator="+"),
]


@pytest.mark.parametrize("samordningsnummer", SAMORDNINGSNUMMER)
def test_samordningsnummer_is_refused(samordningsnummer: str) -> None:
    result = scan(f"({samordningsnummer})")

    [finding] = result.refusals
    assert finding.kind is Kind.SAMORDNINGSNUMMER
    assert finding.excerpt == samordningsnummer
    assert is_valid_samordningsnummer(samordningsnummer)


@pytest.mark.parametrize(
    "text",
    [
        "811218-9876",
        "Nummer:811218-9876.",
        "19811218-9876 i början",
        "i slutet 19811218-9876",
        "rad ett\n811218-9876\nrad tre",
    ],
)
def test_personnummer_is_found_wherever_it_stands(text: str) -> None:
    assert scan(text).refused


def test_refusal_message_names_the_number_and_the_rule() -> None:
    [finding] = scan("pnr 811218-9876").refusals

    with translation.override("sv"):
        message = str(finding.message)

    assert "”811218-9876”" in message
    assert "personnummer" in message
    assert "avsnitt 7" in message


def test_unseparated_number_that_is_also_a_phone_number_is_refused_with_a_hint() -> None:
    ambiguous = number("070123", "456", separator="")

    result = scan(f"Ring {ambiguous}")

    [finding] = result.refusals
    assert finding.kind is Kind.PERSONNUMMER
    assert result.flags == ()
    with translation.override("sv"):
        assert "070-123 45 67" in str(finding.message)


NOT_IDENTITY_NUMBERS = [
    "2024-05-12",
    "20240512",
    "Mötet är 2024-05-12 kl. 14.00 i sal 3",
    "Ordernummer 1234567890",
    "Faktura 5512345678",
    "OCR 81121898761234",
    "Referens 123811218987645",
    "811218-98761",
    "811218-987",
    "Ärende 123-811218-9876",
    "Ärende 811218-9876-12",
    "308112189876",
    wrong_check_digit("811218", "987"),
    wrong_check_digit("701063", "239"),
    number("811318", "987"),
    number("811232", "987"),
    number("810230", "987"),
    number("010229", "987"),
    number("811200", "987"),
    number("811292", "987"),
    number("810290", "987"),
    number("811160", "987"),
    "070-123 45 67",
    "0701234567",
    "018-727 00 00",
    "+46 70 123 45 67",
    "+46701234567",
]


@pytest.mark.parametrize("text", NOT_IDENTITY_NUMBERS)
def test_things_that_are_not_identity_numbers_are_not_refused(text: str) -> None:
    assert not scan(text).refused


@pytest.mark.parametrize(
    "text",
    ["Ring 070-123 45 67", "018-727 00 00", "+46 70 123 45 67", "08-123 456 78", "0701234567"],
)
def test_phone_numbers_are_flagged(text: str) -> None:
    result = scan(text)

    assert not result.refused
    [finding] = result.flags
    assert finding.kind is Kind.PHONE
    assert text[finding.start : finding.end] == finding.excerpt


@pytest.mark.parametrize("text", ["ring 112", "kl. 14.30", "2024-05-12", "sidorna 12-14"])
def test_short_numbers_and_dates_are_not_phone_numbers(text: str) -> None:
    assert not [f for f in scan(text).flags if f.kind is Kind.PHONE]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("ABC123", "ABC123"),
        ("Bilen ABC 123 stod på min plats", "ABC 123"),
        ("Bilen ABC-123 stod där", "ABC-123"),
        ("Ny skylt: ABC12D.", "ABC12D"),
        ("(XYZ789)", "XYZ789"),
    ],
)
def test_car_registrations_are_flagged(text: str, excerpt: str) -> None:
    [finding] = scan(text).flags

    assert finding.kind is Kind.CAR_REGISTRATION
    assert finding.excerpt == excerpt


@pytest.mark.parametrize(
    "text",
    [
        "abc123",
        "Abc123",
        "IQV123",
        "ABI123",
        "AVC123",
        "ÅÄÖ123",
        "ABÅ123",
        "ABC1234",
        "XABC123",
        "ABC123X",
        "AB123",
        "ABCD123",
        "ISO9001",
        "MOMS25",
        "COVID19",
        "ABC12I",
    ],
)
def test_car_registration_lookalikes_are_not_flagged(text: str) -> None:
    assert not [f for f in scan(text).flags if f.kind is Kind.CAR_REGISTRATION]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Hon är sjukskriven", "hälsa"),
        ("Sjukskrivningen förlängs", "hälsa"),
        ("efter diagnosen", "hälsa"),
        ("har cancer", "hälsa"),
        ("lider av depression", "hälsa"),
        ("hans hälsotillstånd", "hälsa"),
        ("psykisk ohälsa", "hälsa"),
        ("etnisk tillhörighet", "etniskt ursprung"),
        ("etnicitet", "etniskt ursprung"),
        ("oavsett ras", "etniskt ursprung"),
        ("hans religion", "religion"),
        ("mycket religiös", "religion"),
        ("är muslim", "religion"),
        ("är kristen", "religion"),
        ("är jude", "religion"),
        ("hennes politiska uppfattning", "politisk uppfattning"),
        ("politiska åsikter", "politisk uppfattning"),
        ("partimedlem sedan 1998", "politisk uppfattning"),
        ("medlem i en fackförening", "medlemskap i fackförening"),
        ("Fackligt ansluten", "medlemskap i fackförening"),
        ("Kommunal-medlem", "medlemskap i fackförening"),
        ("är homosexuell", "sexuell läggning"),
        ("är bisexuell", "sexuell läggning"),
        ("sexuell  läggning", "sexuell läggning"),
        ("sexuella\nläggningar", "sexuell läggning"),
        ("HBTQ", "sexuell läggning"),
        ("hbtqi-frågor", "sexuell läggning"),
    ],
)
def test_sensitive_words_are_flagged(text: str, category: str) -> None:
    [finding] = scan(text).flags

    assert finding.kind is Kind.SENSITIVE_CATEGORY
    assert text[finding.start : finding.end] == finding.excerpt
    with translation.override("sv"):
        message = str(finding.message)
    assert f"({category})" in message
    assert f"”{finding.excerpt}”" in message


@pytest.mark.parametrize(
    "text",
    [
        "Kristina och Kristoffer",
        "Taket rasade",
        "Rasten börjar nu",
        "kommunal förvaltning",
        "sjukhuset",
        "politiker i fullmäktige",
        "transporten är sen",
        "diabolisk plan",
        "judo på fredag",
        "Välkommen till samarbetsrummet!",
    ],
)
def test_everyday_words_are_not_flagged(text: str) -> None:
    assert scan(text) == scan("")
    assert not scan(text).flagged


def test_several_findings_in_one_text_are_all_reported_in_order() -> None:
    text = "Pnr 811218-9876, ring 070-123 45 67, bil ABC123, sjukskriven. Samnr 701063-2391."

    result = scan(text)

    assert [f.kind for f in result.refusals] == [Kind.PERSONNUMMER, Kind.SAMORDNINGSNUMMER]
    assert [f.kind for f in result.flags] == [
        Kind.PHONE,
        Kind.CAR_REGISTRATION,
        Kind.SENSITIVE_CATEGORY,
    ]
    assert [f.excerpt for f in result.flags] == ["070-123 45 67", "ABC123", "sjukskriven"]


@pytest.mark.parametrize(
    "text",
    [
        "811218-9876 070-123 45 67 ABC 123 sjukskriven 19121212+1212 +46 70 123 45 67",
        number("070123", "456", separator="") + " 0701234567",
    ],
)
def test_findings_never_overlap(text: str) -> None:
    result = scan(text)
    spans = sorted((f.start, f.end) for f in result.refusals + result.flags)

    assert len(spans) > 1
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


def test_clean_text_is_neither_refused_nor_flagged() -> None:
    result = scan("Välkommen till forumet! Mötet är den 12 maj 2024 i sal 3.")

    assert not result.refused
    assert not result.flagged


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Han dömdes för stöld förra året.", "dömdes"),
        ("Hon är dömd för bedrägeri.", "dömd"),
        ("De dömda fick fängelse.", "dömda"),
        ("Grannen är åtalad för misshandel.", "åtalad"),
        ("Han åtalades i våras.", "åtalades"),
        ("Hon är misstänkt för snatteri.", "misstänkt för"),
        ("Han misstänks  för\nrån.", "misstänks  för"),
        ("en brottsmisstänkt kollega", "brottsmisstänkt"),
        ("Han har straffats tidigare.", "straffats"),
        ("Hon blev straffad för det.", "straffad"),
        ("Han är anhållen sedan i går.", "anhållen"),
        ("Hon anhölls i morse.", "anhölls"),
        ("Han sitter häktad.", "häktad"),
        ("Hon fälldes för vårdslöshet.", "fälldes för"),
        ("Han är fälld för rattfylleri.", "fälld för"),
        ("en lagöverträdelse", "lagöverträdelse"),
        ("flera lagöverträdelser", "lagöverträdelser"),
        ("Han finns i brottsregistret.", "brottsregistret"),
        ("Utdrag ur belastningsregistret visar", "belastningsregistret"),
        ("Hon polisanmäldes för hot.", "polisanmäldes"),
        ("DÖMDES", "DÖMDES"),
        ("**dömdes**", "dömdes"),
        ("Han dö\u00admdes.", "dö\u00admdes"),
    ],
)
def test_words_about_offences_are_flagged(text: str, excerpt: str) -> None:
    [finding] = scan(text).flags

    assert finding.kind is Kind.OFFENCE
    assert finding.excerpt == excerpt
    assert text[finding.start : finding.end] == excerpt
    with translation.override("sv"):
        message = str(finding.message)
    assert f"”{excerpt}”" in message
    assert "lagöverträdelser" in message
    assert "aldrig publiceras" in message


@pytest.mark.parametrize(
    "text",
    [
        "Domstolen meddelade dom i målet i går.",
        "Tingsrätten och hovrätten är domstolar.",
        "Polisen utreder brottet.",
        "Jag misstänker att skrivaren är trasig.",
        "Det är misstänkt tyst på kontoret.",
        "Han dömer matchen på lördag.",
        "Ett fördömt projekt, skämtade hon.",
        "Förseningsavgiften är en straffavgift.",
        "Åklagaren har väckt åtal.",
        "Vi har ett anhållande om ledighet.",
        "Häktet ligger vid stationen.",
        "Kursen i straffrätt börjar i maj.",
        "fälld",
        "Anmälan från brottsofferjouren.",
    ],
)
def test_neutral_words_of_the_law_are_not_flagged(text: str) -> None:
    """ "dom", "domstol", "brott", "åtal" and "misstänker" belong to a municipality's everyday
    work and are not flagged. A flag only asks for a confirmation, so a rare neutral use of a
    listed phrase is accepted: "träden fälldes för att ge plats" is flagged."""
    assert not [f for f in scan(text).flags if f.kind is Kind.OFFENCE]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Hon bor på Storgatan 12, 352 30 Växjö.", "Storgatan 12, 352 30 Växjö"),
        ("Storgatan 12B 35230 Växjö", "Storgatan 12B 35230 Växjö"),
        ("Norra Storgatan 5 A, 352 31 Växjö", "Norra Storgatan 5 A, 352 31 Växjö"),
        ("Linnés väg 3\n752 36 Uppsala", "Linnés väg 3\n752 36 Uppsala"),
        ("Kungsgatan 4 lgh 1102, 111 43 Stockholm", "Kungsgatan 4 lgh 1102, 111 43 Stockholm"),
        ("adress: storgatan 12, 352 30", "storgatan 12, 352 30"),
        ("Björkvägen 7, 123 45 Upplands Väsby", "Björkvägen 7, 123 45 Upplands Väsby"),
        ("Stora torget 1, 753 20 Uppsala", "Stora torget 1, 753 20 Uppsala"),
        ("Storgatan\u00a012, 352\u00a030 Växjö", "Storgatan\u00a012, 352\u00a030 Växjö"),
    ],
)
def test_street_addresses_with_postal_code_are_flagged(text: str, excerpt: str) -> None:
    [finding] = scan(text).flags

    assert finding.kind is Kind.STREET_ADDRESS
    assert finding.excerpt == excerpt
    assert text[finding.start : finding.end] == excerpt
    with translation.override("sv"):
        message = str(finding.message)
    assert f"”{excerpt}”" in message
    assert "samtycke" in message


@pytest.mark.parametrize(
    "text",
    [
        "Storgatan",
        "Mötet hålls på Storgatan 12 kl. 13.00.",
        "Storgatan 12",
        "Storgatan, 352 30 Växjö",
        "123 45 Växjö",
        "Box 123, 751 04 Uppsala",
        "Riksväg 23, 123 456 bilar per år",
        "Vägen 12 har 2024 fått ny beläggning.",
        "Sal 3, 352 30 Växjö",
        "Storgatan 0, 352 30 Växjö",
    ],
)
def test_street_address_lookalikes_are_not_flagged(text: str) -> None:
    assert not [f for f in scan(text).flags if f.kind is Kind.STREET_ADDRESS]


def test_a_phone_number_in_an_address_is_a_phone_number() -> None:
    result = scan("Storgatan 12, 352 30 Växjö, tel. 070-123 45 67")

    assert [(f.kind, f.excerpt) for f in result.flags] == [
        (Kind.STREET_ADDRESS, "Storgatan 12, 352 30 Växjö"),
        (Kind.PHONE, "070-123 45 67"),
    ]


@pytest.mark.parametrize(
    ("text", "kind", "excerpt"),
    [
        ("Ring 070\u2013123\u00a045\u00a067!", Kind.PHONE, "070\u2013123\u00a045\u00a067"),
        ("Ring ０７０-１２３ ４５ ６７", Kind.PHONE, "０７０-１２３ ４５ ６７"),
        ("Bil ＡＢＣ１２３", Kind.CAR_REGISTRATION, "ＡＢＣ１２３"),
        ("Hon är sjuk\u00adskriven", Kind.SENSITIVE_CATEGORY, "sjuk\u00adskriven"),
        ("Hon är sjuk&shy;skriven", Kind.SENSITIVE_CATEGORY, "sjuk&shy;skriven"),
        ("Han är mu\u200bslim", Kind.SENSITIVE_CATEGORY, "mu\u200bslim"),
    ],
)
def test_flags_are_found_in_the_text_as_a_reader_sees_it(
    text: str, kind: Kind, excerpt: str
) -> None:
    [finding] = scan(text).flags

    assert finding.kind is kind
    assert finding.excerpt == excerpt
    assert text[finding.start : finding.end] == excerpt


def test_spaced_number_that_is_also_a_phone_number_is_refused_with_a_hint() -> None:
    digits = number("091012", "345", separator="")
    spaced = f"{digits[:4]} {digits[4:6]} {digits[6:8]} {digits[8:]}"

    [finding] = scan(f"Ring {spaced}").refusals

    assert finding.excerpt == spaced
    with translation.override("sv"):
        assert "070-123 45 67" in str(finding.message)


def test_every_phone_number_of_a_long_list_is_flagged_once() -> None:
    """The phone number parser sees only a window around each cluster of digits; windows that
    overlap must neither lose nor repeat a number."""
    text = "Ring 070-123 45 67, 018-727 00 00 (växeln) eller +46 70 765 43 21. " * 100

    result = scan(text)

    assert len(result.flags) == 300
    assert {f.excerpt for f in result.flags} == {
        "070-123 45 67",
        "018-727 00 00",
        "+46 70 765 43 21",
    }
    assert all(text[f.start : f.end] == f.excerpt for f in result.flags)


def test_words_are_found_where_lowering_would_move_them() -> None:
    """ "İ" lowers to two characters, so the words are looked for without lowering."""
    text = "İzmir och Istanbul: hon är SJUKSKRIVEN och han dömdes."

    result = scan(text)

    assert [(f.kind, f.excerpt) for f in result.flags] == [
        (Kind.SENSITIVE_CATEGORY, "SJUKSKRIVEN"),
        (Kind.OFFENCE, "dömdes"),
    ]
    assert all(text[f.start : f.end] == f.excerpt for f in result.flags)
