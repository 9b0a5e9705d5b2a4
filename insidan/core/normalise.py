"""Normalise user text for the personal data guard, keeping the way back to what was typed.

A writer can hide a personnummer from a plain pattern in ways a reader never notices: full-width
digits, an en dash, a no-break space, a zero-width space, an HTML entity (``&#49;``), a Markdown
escape (``\\-``). ``normalise`` undoes these so that the guard's patterns see what a reader sees,
and ``Normalised.source_span`` turns a span of the normalised text back into the span of the
source, so that the writer is shown exactly what they typed and must change.

The guard runs on every save, and most texts need none of these steps, so each step first checks
cheaply whether it has anything to do; a step that changes nothing records nothing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

# Unicode category Cf (format characters: zero-width space and joiners, bidi marks, soft hyphen,
# byte order mark, tags …) as of the Unicode version of Python 3.11's unicodedata. Listed rather
# than computed because computing it costs half a second at import; a test compares this table
# with unicodedata, so a newer Python with more Cf characters fails the test instead of letting
# them through.
# fmt: off
FORMAT_CHARACTER_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)
# Category Pd (dash punctuation) except "-" itself, and the minus and hyphen-like signs of other
# categories that a reader takes for a dash (NFKC has already turned super- and subscript minus
# into U+2212).
DASHES: str = (
    "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b"
    "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
    "\u2212\u2043\u02d7\u2796"
)
# Category Zs (space separators) except " " itself, and the tab.
SPACES: str = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t"
)
# fmt: on

_TRANSLATION: dict[int, str | None] = {
    **{cp: None for start, end in FORMAT_CHARACTER_RANGES for cp in range(start, end + 1)},
    **{ord(dash): "-" for dash in DASHES},
    **{ord(space): " " for space in SPACES},
}
# Written as [set][set]* rather than [set]+ so that the regular expression engine can skip to the
# first character from the set. Every character beyond the BMP is let in by one range (testing one
# range is much faster than testing each listed character); the few that are not in the table
# come out of ``translate`` unchanged and are not recorded as an edit.
_CHARACTER_SET = (
    "["
    + "".join(re.escape(chr(cp)) for cp in _TRANSLATION if cp <= 0xFFFF)
    + "\U00010000-\U0010ffff]"
)
_CHARACTERS = re.compile(f"{_CHARACTER_SET}{_CHARACTER_SET}*")

# html.unescape's own pattern, so that each reference is decoded exactly as it would decode it.
_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_ENTITY_ROUNDS = 5
"""``&amp;#49;`` needs two rounds; more than a few is an attempt to make the guard work hard."""

# NFKC, one character at a time (with the combining marks after it) so that a finding still
# points at the characters it came from. A base letter with combining marks ("a" + U+0308) is
# composed first. The second pattern leaves out the Latin-1 letters and the typographic quotes
# and bullets, which NFKC keeps, so that a Swedish text with one "…" costs little here.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING_MARK = re.compile(f"[{_COMBINING}]")
_LATIN1_WITH_MARKS = re.compile(f"[\x00-\xff][{_COMBINING}][{_COMBINING}]*")
_LATIN1_UNSTABLE = "".join(
    character
    for character in map(chr, range(0xA0, 0x100))
    if unicodedata.normalize("NFKC", character) != character
)
_NFKC_CANDIDATE = re.compile(
    f"[{re.escape(_LATIN1_UNSTABLE)}\u0100-\u2017\u2024-\u20ab\u20ad-\U0010ffff][{_COMBINING}]*"
)
_SPACE_RUN = re.compile(r"  +")
# CommonMark: a backslash before any ASCII punctuation character shows that character.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class _Rewrite:
    """One step's replacements, each as (start, end) in the new text and in the old one."""

    new_starts: tuple[int, ...]
    edits: tuple[tuple[int, int, int, int], ...]

    def old_start(self, position: int) -> int:
        index = bisect_right(self.new_starts, position) - 1
        if index < 0:
            return position
        _new_start, new_end, old_start, old_end = self.edits[index]
        return old_start if position < new_end else position - new_end + old_end

    def old_end(self, position: int) -> int:
        index = bisect_left(self.new_starts, position) - 1
        if index < 0:
            return position
        _new_start, new_end, _old_start, old_end = self.edits[index]
        return old_end if position <= new_end else position - new_end + old_end


@dataclass(frozen=True)
class Normalised:
    source: str
    text: str
    rewrites: tuple[_Rewrite, ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that became ``text[start:end]``.

        A character that a step replaced maps to everything it came from (``1`` to ``&#49;``);
        characters a step removed at either edge of the span are left outside it.
        """
        for rewrite in reversed(self.rewrites):
            start, end = rewrite.old_start(start), rewrite.old_end(end)
        return start, end

    def rewritten(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]):
        """This text with one more step; ``replace`` returns the match itself to keep it."""
        text, rewrite = _rewrite(self.text, pattern, replace)
        if rewrite is None:
            return self
        return Normalised(self.source, text, (*self.rewrites, rewrite))


def normalise(source: str) -> Normalised:
    """What a reader sees: entities decoded, no format characters, one kind of dash and of space,
    NFKC (full-width and other compatibility forms), single spaces, no Markdown escapes.

    Dashes and spaces are mapped before NFKC as well as after it, because the common ones (a
    no-break space, an en dash) would otherwise make the cheap "already NFKC?" check fail.
    """
    result = Normalised(source, source)
    for _round in range(_ENTITY_ROUNDS):
        if "&" not in result.text:
            break
        decoded = result.rewritten(_ENTITY, lambda match: html.unescape(match.group()))
        if decoded is result:
            break
        result = decoded
    result = result.rewritten(_CHARACTERS, _translate)
    if not unicodedata.is_normalized("NFKC", result.text):
        if _COMBINING_MARK.search(result.text):
            result = result.rewritten(_LATIN1_WITH_MARKS, _nfkc)
        result = result.rewritten(_NFKC_CANDIDATE, _nfkc)
        result = result.rewritten(_CHARACTERS, _translate)
    if "  " in result.text:
        result = result.rewritten(_SPACE_RUN, lambda match: " ")
    if "\\" in result.text:
        result = result.rewritten(_MARKDOWN_ESCAPE, lambda match: match.group(1))
    return result


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def _translate(match: re.Match[str]) -> str:
    return match.group().translate(_TRANSLATION)


def _rewrite(
    text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> tuple[str, _Rewrite | None]:
    pieces: list[str] = []
    new_starts: list[int] = []
    edits: list[tuple[int, int, int, int]] = []
    copied_up_to = 0
    shift = 0
    for match in pattern.finditer(text):
        replacement = replace(match)
        old_start, old_end = match.span()
        if replacement == match.group():
            continue
        pieces += (text[copied_up_to:old_start], replacement)
        new_start = old_start + shift
        new_starts.append(new_start)
        edits.append((new_start, new_start + len(replacement), old_start, old_end))
        shift += len(replacement) - (old_end - old_start)
        copied_up_to = old_end
    if not edits:
        return text, None
    pieces.append(text[copied_up_to:])
    return "".join(pieces), _Rewrite(tuple(new_starts), tuple(edits))
