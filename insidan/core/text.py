"""The text pipeline for every user text field: Markdown in, sanitised HTML out.

Users write Markdown; no raw HTML from a user ever reaches a page, a feed, an e-mail or the
admin (DESIGN.md, rule 4). Two independent layers make that hold:

1. markdown-it-py with ``html`` disabled, so any HTML the user types is escaped as text, and with
   the image rule disabled, so ``![alt](url)`` becomes an ordinary link instead of an image that
   the reader's browser would fetch from an outside server (a tracking pixel, or a picture of a
   person published without consent).
2. nh3 (ammonia) with an allow-list of tags, only ``href`` and ``title`` on links, only the
   http, https and mailto schemes, and ``rel="nofollow noopener"`` on every link. This layer is
   what makes the output safe even if a Markdown plugin or a parser bug lets markup through.
"""

from __future__ import annotations

import importlib.util
from html import unescape

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
"""No ``img``: pictures from outside servers leak who reads what, and may show people."""

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}}
"""No ``class``, ``style``, ``id`` or event handlers: nothing a user can use to restyle the page,
overlay the interface or run script."""

ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
"""Relative links stay allowed; ``javascript:``, ``data:``, ``vbscript:`` and the rest are
dropped (the link text stays, the ``href`` goes)."""

LINK_REL = "nofollow noopener"

_HAS_LINKIFY = importlib.util.find_spec("linkify_it") is not None

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": _HAS_LINKIFY})
_markdown.enable(["table", "strikethrough"])
_markdown.disable("image")
if _HAS_LINKIFY:
    _markdown.enable("linkify")

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
)


def render_markdown(source: str) -> SafeString:
    """Render user Markdown to HTML that is safe to put on any page, feed or e-mail.

    NUL bytes are removed first: they have no meaning in text, PostgreSQL refuses them and XML
    (RSS, the archive packages) cannot carry them. The result is marked safe only because it has
    been through the nh3 allow-list above; never mark a user string safe any other way.
    """
    rendered = _markdown.render(source.replace("\x00", ""))
    return mark_safe(_cleaner.clean(rendered))  # sanitised by nh3 just above


CLOSING_QUOTES = "”\"’»"


def as_sentence(text: str) -> str:
    """The text with exactly one closing mark: a reason written "Kränkande." or "Kränkande"
    both read "Kränkande." inside a longer message (never "Kränkande.."); "?" and "!" stay."""
    text = str(text or "").strip()
    while text.endswith(".") and not text.endswith("..."):
        text = text[:-1].rstrip()
    if not text or text.endswith(("!", "?", "…", "...")):
        return text
    if text[-1] in CLOSING_QUOTES and text[:-1].rstrip().endswith((".", "!", "?", "…")):
        return text  # a quoted sentence closes itself: ”Ring mig.” gets no period after it
    return text + "."


def plain_text_excerpt(html: str, length: int = 200) -> str:
    """Return the text of an HTML fragment, at most ``length`` characters, cut at a word.

    For notifications, e-mail subjects, search results and link previews. The result is plain,
    unescaped text: let the template escape it, and never mark it safe (``<`` in the user's text
    comes back as a literal ``<``). Script and style contents are dropped, not kept as text.
    """
    text = " ".join(unescape(nh3.clean(html, tags=set())).split())
    if len(text) <= length:
        return text
    cut = text[: max(length - 1, 0)]
    if not text[len(cut)].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:!?-–—") + "…"
