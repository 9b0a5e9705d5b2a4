"""Highlighted snippets, cut in Python from the stored text of the hits on the current page.

Everything is escaped; the only markup added is <mark> around words that match one of the
query's words in any of its forms (query.word_forms), so "rummen" marks "rum" and "rummet".
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import MIN_STEM_LENGTH, WORD, word_forms

SNIPPET_LENGTH = 240
CONTEXT_BEFORE = 60


def _matcher(terms):
    forms = {form for term in terms for form in word_forms(term)}
    prefixes = tuple(form for form in forms if len(form) >= MIN_STEM_LENGTH)

    def matches(word: str) -> bool:
        word = word.casefold()
        return word in forms or word.startswith(prefixes)

    return matches


def _marked(text: str, start: int, end: int, matches) -> str:
    parts, position = [], start
    for match in WORD.finditer(text, start, end):
        if matches(match.group()):
            parts.append(escape(text[position:match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:end]))
    return "".join(parts)


def highlight(text: str, terms) -> SafeString:
    """The whole text, escaped, with the matches marked."""
    text = " ".join((text or "").split())
    return mark_safe(_marked(text, 0, len(text), _matcher(terms)))  # noqa: S308 - escaped above


def snippet(text: str, terms, length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters around the first match (or from the start), cut at word
    boundaries, escaped, with the matches marked."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    matches = _matcher(terms)
    first = next((m.start() for m in WORD.finditer(text) if matches(m.group())), 0)
    start = max(first - CONTEXT_BEFORE, 0)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(start + length, len(text))
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + _marked(text, start, end, matches) + suffix)  # noqa: S308
