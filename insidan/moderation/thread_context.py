"""The case page's "Sammanhang": an item's thread context as Webbredaktionen reads it.

Each content model describes its thread context for the archive (`archive_description`) as a
dict of machine keys and values ("discussion_id": 51, "moderator_note": False), kept as is in
the archive record. A person reads labels and words, so here each known key gets its Swedish
label and each value a human form (Ja/Nej, lists as text, sizes and dates formatted). Keys
that only identify rows (ids, slugs of the channel shown above as "Kanal", the comment's
target as `app.model:pk`) are left out; so is any key not listed here, rather than shown raw.
"""

from datetime import date

from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _

LABELS = {
    "discussion_title": _("Diskussion"),
    "quoted_post_id": _("Citerar ett annat inlägg"),
    "moderator_note": _("Moderatorns anteckning"),
    "pinned": _("Fäst överst"),
    "locked": _("Låst"),
    "date": _("Datum"),
    "writers": _("Skribenter"),
    "tags": _("Taggar"),
    "original_name": _("Filnamn"),
    "content_type": _("Filtyp"),
    "size": _("Storlek"),
    "sha256": _("Kontrollsumma (SHA-256)"),
    "profile": _("Profil"),
    "manager": _("Chef"),
    "has_photo": _("Har foto"),
    "on_label": _("Kommentar till"),
    "parent_comment_id": _("Svar på en annan kommentar"),
    "purpose": _("Syfte"),
    "target_group": _("Målgrupp"),
}
# Present or not is what matters for these; their value is a row id.
PRESENCE = {"quoted_post_id", "parent_comment_id"}


def _value(key: str, value) -> str:
    if key in PRESENCE:
        value = value is not None
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if key == "size" and isinstance(value, int):
        return filesizeformat(value)
    if key == "date" and isinstance(value, str):
        try:
            return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


def context_rows(thread_context: dict | None) -> list[tuple[str, str]]:
    """(label, value) for each key a person can read, in LABELS' order."""
    context = thread_context or {}
    return [(str(label), _value(key, context[key]))
            for key, label in LABELS.items() if key in context]
