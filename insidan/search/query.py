"""From what the user typed to a query object every search backend understands.

The user's text is never handed to a backend's own query parser: it is cut into words (letters
and digits only), so quotes, minus signs, asterisks and brackets are just separators and cannot
change the meaning of the query or break it. Every word must match (AND); each word matches in
any of its Swedish inflected forms (OR).

Why the extra forms: PostgreSQL's `swedish` configuration (the Snowball stemmer) handles the
plural endings but not the definite ones after a short stem or a vowel: it keeps "rummen" as
'rumm', "rummet" as 'rummet', "huset" as 'huset' and "arbetsmiljön" as 'arbetsmiljön', while
"rum", "hus" and "arbetsmiljö" stay as they are. So neither a query in the definite form finds
the base form nor the other way round. `word_forms` gives each word
- its base forms: without -en, -et, -ens, -ets, -na, -arna, -erna, -orna, -n and -ns after a
  vowel, -n after -or, and without a doubled final m or n ("rummen" → "rum");
- the definite forms of those bases: -en, -et, -ens, -ets after a consonant (with a doubled
  final m or n too: "rum" → "rummet"), -n, -t, -ns, -ts after a vowel ("arbetsmiljö" →
  "arbetsmiljön").
The backend stems each form as usual, so a few odd forms ("budget" → "budg") cost nothing but a
lexeme that matches nothing. The same forms mark the matches in the snippets (snippets.py).
"""

import re
from dataclasses import dataclass

from modelsearch.query import And, Or, PlainText, SearchQuery

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_TERM_LENGTH = 60

WORD = re.compile(r"[^\W_]+")
VOWELS = frozenset("aeiouyåäö")
ENDINGS = ("arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "en", "et", "na")
ENDINGS_AFTER_VOWEL = ("ns", "n")
DEFINITE_AFTER_CONSONANT = ("en", "et", "ens", "ets")
DEFINITE_AFTER_VOWEL = ("n", "t", "ns", "ts")
MIN_STEM_LENGTH = 3
MAX_FORMS = 16


@dataclass(frozen=True)
class ParsedQuery:
    """What was asked, cleaned: at most MAX_TERMS distinct words (lower case)."""

    text: str
    terms: tuple[str, ...]
    too_long: bool = False
    dropped_terms: int = 0

    @property
    def is_searchable(self) -> bool:
        return bool(self.terms) and not self.too_long


def parse(raw: str | None) -> ParsedQuery:
    text = " ".join((raw or "").split())
    if len(text) > MAX_QUERY_LENGTH:
        return ParsedQuery(text=text[:MAX_QUERY_LENGTH], terms=(), too_long=True)
    words = []
    for word in WORD.findall(text.casefold()):
        word = word[:MAX_TERM_LENGTH]
        if word not in words:
            words.append(word)
    return ParsedQuery(
        text=text, terms=tuple(words[:MAX_TERMS]), dropped_terms=max(len(words) - MAX_TERMS, 0)
    )


def _base_forms(word: str) -> list[str]:
    stems = [word[: -len(e)] for e in ENDINGS if word.endswith(e)]
    stems += [word[: -len(e)] for e in ENDINGS_AFTER_VOWEL
              if word.endswith(e) and word[: -len(e)][-1:] in VOWELS - {"e"}]
    if word.endswith("orn") and len(word) > 5:
        stems.append(word[:-1])
    bases = []
    for stem in stems:
        if stem[-2:] in ("mm", "nn"):  # rummet → rum, mannen → man (but glassen → glass)
            bases.append(stem[:-1])
        else:
            bases.append(stem)
    return [base for base in bases if len(base) >= MIN_STEM_LENGTH]


def _definite_forms(base: str) -> list[str]:
    if base[-1] in VOWELS:
        return [base + ending for ending in DEFINITE_AFTER_VOWEL]
    forms = [base + ending for ending in DEFINITE_AFTER_CONSONANT]
    if base[-1] in "mn" and base[-2:-1] in VOWELS:  # rum → rummet, program → programmet
        forms += [base + base[-1] + ending for ending in DEFINITE_AFTER_CONSONANT]
    return forms


def word_forms(word: str) -> tuple[str, ...]:
    """The word, its likely base forms and their definite forms (at most MAX_FORMS)."""
    word = word.casefold()
    bases = _base_forms(word)
    forms = [word, *bases]
    for base in bases or ([word] if len(word) >= MIN_STEM_LENGTH else []):
        forms += _definite_forms(base)
    return tuple(dict.fromkeys(forms))[:MAX_FORMS]


def build(parsed: ParsedQuery) -> SearchQuery:
    """And over the words, Or over each word's forms. Single-form words stay plain text, and
    every Or is its own node."""
    parts = []
    for term in parsed.terms:
        forms = word_forms(term)
        if len(forms) == 1:
            parts.append(PlainText(forms[0]))
        else:
            parts.append(Or([PlainText(form) for form in forms]))
    return parts[0] if len(parts) == 1 else And(parts)
