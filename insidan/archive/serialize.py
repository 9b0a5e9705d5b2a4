"""Items as the archive keeps them: plain JSON-ready dicts, the same shape in archive records,
archive packages and registration exports.

Three kinds of thing are serialised: a live item (anything with `archive_description()`), an
archive record (an item as it was when removed), and a channel's presentation (a room, forum
or blog, with its owner, deputies and members). Dates are ISO 8601 with time zone.
"""

import json
from contextlib import ExitStack, contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.db.models.fields.files import FieldFile

from insidan.core.channel_images import earlier_images
from insidan.core.models import Channel, ModeratedContent

from .archivable import ArchiveDescription
from .models import ArchiveRecord
from .package import Attachment, PackageItem


def json_ready(data: dict) -> dict:
    """Dates, UUIDs and lazy translations as strings: what JSONField and the package accept."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def iso(value) -> str | None:
    return value.isoformat() if value else None


def person(user) -> dict:
    """A person as the archive keeps them: name, username, title and department at the time."""
    if user is None:
        return {"username": "", "name": "", "title": "", "department": ""}
    profile = getattr(user, "profile", None)
    department = getattr(profile, "department", None)
    return {
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
        "title": getattr(profile, "title", ""),
        "department": str(department) if department else "",
    }


def channel_summary(channel) -> dict:
    if channel is None:
        return {}
    return {
        "kind": str(channel.kind),
        "name": channel.name,
        "slug": channel.slug,
        "owner": person(channel.owner),
    }


def identifier_for(obj: Model, suffix: str = "") -> str:
    """A package file name stem such as ``forums.post-42``."""
    return f"{obj._meta.label_lower}-{obj.pk}{suffix}"


# --- live items ---------------------------------------------------------------------------


def item_data(item: Model, description: ArchiveDescription | None = None) -> dict:
    """A live item as it is now (snapshots, registration exports)."""
    description = description or item.archive_description()
    data: dict[str, Any] = {
        "title": description.label,
        "object_type": item._meta.label_lower,
        "object_id": str(item.pk),
        "url": description.url,
        "author": person(description.author),
        "created_at": iso(description.created_at),
        "edited_at": iso(description.edited_at),
        "channel": channel_summary(description.channel),
        "thread_context": description.thread_context,
        "versions": description.versions,
        "attachments": [{"name": name} for name, _ in description.attachments],
        "content_text": description.content_text,
        "content_html": description.content_html,
    }
    if isinstance(item, ModeratedContent):
        data["moderation"] = {
            "state": item.moderation_state,
            "reason": item.moderation_reason,
            "changed_at": iso(item.moderation_changed_at),
            "editorial_edit_reason": item.editorial_edit_reason,
        }
    if description.extra:
        data["extra"] = description.extra
    return json_ready(data)


def channel_data(channel: Channel) -> dict:
    """A channel's presentation and the people responsible for it (and a room's members)."""
    data: dict[str, Any] = {
        "title": f"{channel.kind.label}: {channel.name}",
        "object_type": channel._meta.label_lower,
        "object_id": str(channel.pk),
        "url": channel.get_absolute_url() if hasattr(channel, "get_absolute_url") else "",
        "kind": str(channel.kind),
        "name": channel.name,
        "slug": channel.slug,
        "status": channel.status,
        "purpose": channel.purpose,
        "target_group": channel.target_group,
        "presentation": channel.presentation,
        "contact": channel.contact,
        "watched_hours": channel.watched_hours,
        "owner": person(channel.owner),
        "deputies": [person(user) for user in channel.deputies.all()],
        "approved_by": person(channel.approved_by),
        "created_at": iso(channel.created_at),
        "last_activity_at": iso(channel.last_activity_at),
        "content_html": channel.presentation_html,
        "image": channel_image_data(channel),
        "earlier_images": earlier_channel_images_data(earlier_images(channel)),
    }
    for attribute in ("room_kind", "is_closed", "room_id"):
        if hasattr(channel, attribute):
            data[attribute] = getattr(channel, attribute)
    memberships = getattr(channel, "memberships", None)
    if memberships is not None:
        data["members"] = [
            {**person(m.user), "joined_at": iso(m.joined_at)}
            for m in memberships.select_related("user__profile__department").order_by("pk")
        ]
    return json_ready(data)


def channel_image_data(channel: Channel) -> dict | None:
    """The channel's image or illustration as the package holds it: the file (an attachment
    of the presentation) and the alt text that describes it."""
    image = channel.image if channel.image_id else None
    if image is None:
        return None
    return {"file": Path(image.file.name).name, "alt_text": channel.image_alt,
            "width": image.width, "height": image.height,
            "uploaded_at": iso(image.created_at)}


def earlier_channel_images_data(earlier: list[tuple]) -> list[dict]:
    """The images a channel had before (channel_images.earlier_images), each an attachment."""
    return [{"file": Path(image.file.name).name, "alt_text": alt_text,
             "replaced_at": iso(replaced_at)} for image, alt_text, replaced_at in earlier]


def generic_data(obj: Model) -> dict:
    """Any other registered model: its own columns."""
    fields = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not isinstance(getattr(obj, field.name, None), FieldFile)
    }
    return json_ready({
        "title": str(obj),
        "object_type": obj._meta.label_lower,
        "object_id": str(obj.pk),
        "fields": fields,
    })


def live_data(obj: Model) -> dict:
    if hasattr(obj, "archive_description"):
        return item_data(obj)
    if isinstance(obj, Channel):
        return channel_data(obj)
    return generic_data(obj)


# --- archive records ----------------------------------------------------------------------


def record_data(record: ArchiveRecord) -> dict:
    """An archive record with everything it holds, and the legal holds set on it so far."""
    data = record.data or {}
    return json_ready({
        "title": record.object_label,
        "archive_record": str(record.uuid),
        "object_type": record.object_type,
        "object_id": record.object_id,
        "url": record.url,
        "author": data.get("author") or {
            "username": record.author_username, "name": record.author_name,
            "title": record.author_title, "department": record.author_department,
        },
        "created_at": iso(record.created_at),
        "edited_at": iso(record.edited_at),
        "versions": data.get("versions", []),
        "channel": data.get("channel", {}),
        "thread_context": data.get("thread_context", {}),
        "reports": data.get("reports", []),
        "decision": data.get("decision", {}),
        "reason": record.reason,
        "removed_by": {"username": record.removed_by_username, "name": record.removed_by_name},
        "removed_at": iso(record.removed_at),
        "parent_record": str(record.parent.uuid) if record.parent_id else None,
        "attachments": [
            {"name": a.name, "sha256": a.sha256, "size": a.size, "content_type": a.content_type}
            for a in record.attachments.all()
        ],
        "legal_holds": [
            {"set_at": iso(h.set_at), "set_by": h.set_by, "lawyer": h.lawyer, "reason": h.reason}
            for h in record.legal_holds.order_by("set_at", "pk")
        ],
        "extra": data.get("extra", {}),
        "content_text": record.content_text,
        "content_html": record.content_html,
    })


def record_identifier(record: ArchiveRecord) -> str:
    return f"{record.object_type}-{record.object_id}-arkivpost-{record.pk}"


# --- package items ------------------------------------------------------------------------


@contextmanager
def local_path(field_file: FieldFile):
    """A path on this machine to read a stored file from: the file itself on local storage,
    otherwise a temporary copy that is removed when the block ends."""
    try:
        path = field_file.path
    except NotImplementedError:  # remote storage (S3): copy it down for the package writer
        path = None
    if path is not None:
        yield Path(path)
        return
    with TemporaryDirectory(prefix="insidan-archive-") as folder:
        target = Path(folder) / "file"
        with field_file.open("rb") as source, open(target, "wb") as out:
            for chunk in source.chunks():
                out.write(chunk)
        yield target


def record_package_items(records):
    """Package items for archive records, attachments verified against their SHA-256. A
    generator: each item's temporary files live until the writer asks for the next item."""
    for record in records:
        with ExitStack() as stack:
            attachments = [
                Attachment(a.name, stack.enter_context(local_path(a.file)), a.sha256)
                for a in record.attachments.all()
            ]
            yield PackageItem.build(
                identifier=record_identifier(record), data=record_data(record),
                attachments=attachments,
            )


def live_package_item(obj: Model, stack: ExitStack) -> PackageItem:
    """A live item for a snapshot; `stack` keeps temporary copies of attachments alive."""
    attachments = []
    if hasattr(obj, "archive_description"):
        description = obj.archive_description()
        data = item_data(obj, description)
        attachments = [
            Attachment(name, stack.enter_context(local_path(field_file)))
            for name, field_file in description.attachments
            if field_file
        ]
    else:
        data = live_data(obj)
    return PackageItem.build(identifier=identifier_for(obj), data=data, attachments=attachments)


def channel_package_items(channels):
    """Package items for channel presentations, each with its image file attached, and the
    files of the images it had before."""
    for channel in channels:
        with ExitStack() as stack:
            files = [image.file for image, _alt, _at in earlier_images(channel)]
            if channel.image_id:
                files.append(channel.image.file)
            attachments = [Attachment(Path(file.name).name, stack.enter_context(local_path(file)))
                           for file in files]
            yield PackageItem.build(identifier=identifier_for(channel),
                                    data=channel_data(channel), attachments=attachments)


def live_package_items(objects):
    for obj in objects:
        with ExitStack() as stack:
            yield live_package_item(obj, stack)
