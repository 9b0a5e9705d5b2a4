import sys
import unicodedata

import pytest

from insidan.core.normalise import (
    DASHES,
    FORMAT_CHARACTER_RANGES,
    SPACES,
    normalise,
)


def characters_of_category(category: str) -> set[str]:
    return {
        chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == category
    }


def test_format_character_table_is_unicode_category_cf() -> None:
    """The table is written out for speed; a Python with a newer Unicode must update it."""
    listed = {chr(cp) for start, end in FORMAT_CHARACTER_RANGES for cp in range(start, end + 1)}

    assert listed == characters_of_category("Cf")


def test_every_dash_and_space_of_unicode_is_mapped() -> None:
    assert characters_of_category("Pd") - {"-"} <= set(DASHES)
    assert characters_of_category("Zs") - {" "} <= set(SPACES)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hej på dig, åäö ÅÄÖ é.", "Hej på dig, åäö ÅÄÖ é."),
        ("&#49;&#x32;&amp;3&lt;", "12&3<"),
        ("&amp;#49;", "1"),
        ("&amp;amp;amp;amp;amp;amp;#49;", "&amp;#49;"),  # at most five rounds
        ("AT&T och R&D", "AT&T och R&D"),
        ("１２３－４５", "123-45"),
        ("ﬁ ① ½ x²", "fi 1 1⁄2 x2"),
        ("a\u0308b", "äb"),
        ("1\u200b2\u200d3\u2060\u00ad4\ufeff5\u200e6\u202e7", "1234567"),
        ("1\u20132\u20143\u20104\u20115\u22126\ufe637", "1-2-3-4-5-6-7"),
        ("1\u00a02\u202f3\u20094\u30005\t6", "1 2 3 4 5 6"),
        ("1  2 \u00a0 3", "1 2 3"),
        ("19811218\\-9876 \\*inte fet\\* \\\\ \\a", "19811218-9876 *inte fet* \\ \\a"),
        ("&nbsp;&ndash;&#8203;", " -"),
    ],
)
def test_normalise(source: str, expected: str) -> None:
    assert normalise(source).text == expected


def test_text_that_needs_nothing_gets_no_rewrites() -> None:
    text = "Välkommen till forumet! Mötet är den 12 maj 2024 kl. 14.30 i sal 3 – välkomna."
    result = normalise(text.replace("–", "-"))

    assert result.rewrites == ()
    assert result.source_span(3, 10) == (3, 10)


@pytest.mark.parametrize(
    ("source", "word", "expected"),
    [
        # a replaced character maps to everything it came from
        ("x &#49;23 y", "123", "&#49;23"),
        ("x 12&#51; y", "123", "12&#51;"),
        ("x &amp;#49;23 y", "123", "&amp;#49;23"),
        ("x &#65297;23 y", "123", "&#65297;23"),
        ("x １２３ y", "123", "１２３"),
        # removed characters inside stay inside, at the edges stay outside
        ("x \u200b1\u200b2\u200b3\u200b y", "123", "1\u200b2\u200b3"),
        ("x 1\u20132 y", "1-2", "1\u20132"),
        ("x 1  2 y", "1 2", "1  2"),
        ("x 1\\-2 y", "1-2", "1\\-2"),
        ("&#8203;&#8203;12 y", "12", "12"),
    ],
)
def test_source_span_points_at_what_was_typed(source: str, word: str, expected: str) -> None:
    result = normalise(source)
    start = result.text.index(word)

    source_start, source_end = result.source_span(start, start + len(word))

    assert source[source_start:source_end] == expected
