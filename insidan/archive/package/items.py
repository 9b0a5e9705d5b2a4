"""What goes into a package: items with their metadata, HTML rendering and attachments."""

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .errors import PackageError

# Identifiers and package ids become file and folder names: keep them portable and unable to
# climb out of their folder (no separators, no leading dot).
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Attachment:
    """A file to copy into the package. ``sha256`` is the checksum recorded when it was stored;
    when given, the copy must match it."""

    name: str
    path: Path
    sha256: str | None = None


@dataclass(frozen=True)
class PackageItem:
    """One archived thing (a post, a comment, a channel presentation...).

    ``identifier`` is the file-name stem, e.g. ``forums.post-42``; ``data`` is all its metadata,
    JSON-serialisable with dates already as ISO strings; ``html`` is a standalone rendering
    (see ``render_item_html``).
    """

    identifier: str
    data: dict
    html: str
    attachments: tuple[Attachment, ...] = field(default=())

    @classmethod
    def build(
        cls, *, identifier: str, data: dict, attachments: Iterable[Attachment] = ()
    ) -> "PackageItem":
        """An item whose HTML is rendered from ``data``, linking its attachments."""
        attachments = tuple(attachments)
        links = [(a.name, attachment_href(identifier, a.name)) for a in attachments]
        return cls(identifier, data, render_item_html(data, attachment_links=links), attachments)


def check_safe_name(value: str, what: str) -> str:
    if not isinstance(value, str) or not _SAFE_NAME.fullmatch(value):
        raise PackageError(
            f"Ogiltigt {what}: {value!r}. Tillåtet är bokstäverna A–Z, siffror, punkt, "
            "bindestreck och understreck (högst 200 tecken, inte punkt först)."
        )
    return value


def check_attachment_name(name: str) -> str:
    """Attachment names keep the user's file name (spaces, å, ä, ö) but never a path."""
    if (
        not isinstance(name, str)
        or name in ("", ".", "..")
        or "/" in name
        or "\\" in name
        or _CONTROL.search(name)
        or len(name.encode("utf-8", "surrogatepass")) > 255
    ):
        raise PackageError(f"Ogiltigt namn på bilaga: {name!r}.")
    return name


def attachment_href(identifier: str, name: str) -> str:
    """Link from ``data/<identifier>.html`` to the attachment's copy."""
    return f"attachments/{quote(identifier)}/{quote(name)}"


_STYLE = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:52rem;margin:2rem auto;"
    "padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "pre{white-space:pre-wrap;margin:0;font-size:.9em}"
)
# Scripts can never run when the file is opened, even if content_html were not clean.
_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"


def _cell(value: object) -> str:
    if isinstance(value, dict | list | tuple):
        pretty = json.dumps(value, ensure_ascii=False, indent=2, default=str)
        return f"<pre>{html.escape(pretty)}</pre>"
    if value is None:
        return ""
    return html.escape(str(value))


def render_item_html(
    data: Mapping[str, object], *, attachment_links: Iterable[tuple[str, str]] = ()
) -> str:
    """A complete HTML document for one item, readable in a browser without the application.

    Every metadata key and value is escaped. ``data["content_html"]`` is inserted as it is:
    precondition, it is the application's already-sanitised rendering (Markdown through nh3, or
    Wagtail rich text). A Content-Security-Policy forbids scripts regardless.
    """
    title = data.get("title")
    title = str(title) if title else "Arkiverat innehåll"
    rows = "\n".join(
        f'<tr><th scope="row">{html.escape(str(key))}</th><td>{_cell(value)}</td></tr>'
        for key, value in data.items()
        if key != "content_html"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{html.escape(title)}</h1>",
        "<p>Arkivexemplar ur Insidan social. Uppgifterna nedan finns också i JSON-filen "
        "med samma namn.</p>",
        '<h2 id="uppgifter">Uppgifter</h2>',
        f'<table aria-labelledby="uppgifter"><tbody>\n{rows}\n</tbody></table>',
    ]
    content = data.get("content_html")
    if content:
        parts += ["<h2>Innehåll</h2>", f"<div>{content}</div>"]
    links = list(attachment_links)
    if links:
        items = "".join(
            f'<li><a href="{html.escape(href)}">{html.escape(name)}</a></li>'
            for name, href in links
        )
        parts += ["<h2>Bilagor</h2>", f"<ul>{items}</ul>"]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)
