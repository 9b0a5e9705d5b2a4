"""What an item must tell the archive before it can be removed.

Every removable model implements `archive_description()` and `apply_tombstone()`; the archive
stays ignorant of forums, blogs and profiles, and each app keeps the knowledge of its own
shape in its own model.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from django.db.models.fields.files import FieldFile


@dataclass(frozen=True)
class ArchiveDescription:
    label: str
    url: str
    content_text: str
    content_html: str
    author: Any  # the user, or None
    created_at: datetime | None
    edited_at: datetime | None = None
    versions: list[dict] = field(default_factory=list)
    channel: Any = None  # a core.Channel subclass instance, or None
    thread_context: dict = field(default_factory=dict)
    attachments: list[tuple[str, FieldFile]] = field(default_factory=list)
    # Items that go with this one (a post's comments): archived too, then tombstoned. A
    # queryset, so that describing an item for a snapshot (which archives each comment on
    # its own) never runs it.
    children: Iterable[Any] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@runtime_checkable
class Archivable(Protocol):
    pk: Any

    def archive_description(self) -> ArchiveDescription: ...

    def apply_tombstone(self, *, reason: str, at: datetime) -> None:
        """Replace the content with the tombstone (moderation_state=removed, the reason, the
        text blanked), saving with update_fields."""
        ...
