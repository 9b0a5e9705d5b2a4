"""Writing XML as text, one element at a time, so that huge documents stream to disk.

lxml is not in the application's environment and ``xml.etree`` cannot write incrementally, so
the METS and PREMIS documents are written as text. Everything that comes from outside (labels,
names, file names, checksums) goes through ``text()`` or ``attr()``.
"""

import re
from collections.abc import Iterable

# Characters that XML 1.0 does not allow at all, even escaped. They are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: object) -> str:
    """Escape a value for element content."""
    cleaned = _NOT_XML.sub("", str(value))
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: object) -> str:
    """Escape a value for a double-quoted attribute; tabs and line breaks survive normalisation."""
    return (
        text(value)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def attrs(pairs: Iterable[tuple[str, object]]) -> str:
    """Render attributes, skipping those whose value is None."""
    return "".join(f' {name}="{attr(value)}"' for name, value in pairs if value is not None)


def element(tag: str, content: object, **attributes: object) -> str:
    """One element with text content (attributes given as keywords, ``None`` skipped)."""
    return f"<{tag}{attrs(attributes.items())}>{text(content)}</{tag}>"


def empty(tag: str, pairs: Iterable[tuple[str, object]]) -> str:
    """One empty element; attributes as (name, value) pairs so that prefixed names work."""
    return f"<{tag}{attrs(pairs)}/>"
