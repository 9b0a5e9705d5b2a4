"""A channel's image and its alt text are part of the channel's archive: a snapshot of the
channel and the package written when it is archived and decommissioned both hold the image
file beside the presentation, and the presentation's JSON names the file and its alt text."""

from pathlib import Path

import pytest

from collab.actions import set_room_image
from collab.tests.test_room_image import illustration
from insidan.archive.actions import archive_channel
from insidan.archive.actions.snapshots import take_snapshot
from insidan.archive.package import read_package, verify_package

pytestmark = pytest.mark.django_db

ALT = "Ritning av det nya biblioteket"


def _presentation_and_image(snapshot, room) -> tuple[dict, bytes]:
    folder = Path(snapshot.folder)
    assert verify_package(folder) == []
    presentation = next(item for item in read_package(folder)
                        if item["object_type"] == "collab.room")
    attachments = folder / "representations/rep1/data/attachments"
    (stored,) = attachments.glob(f"collab.room-{room.pk}/{presentation['image']['file']}")
    return presentation, stored.read_bytes()


@pytest.mark.parametrize("how", ["snapshot", "archive"])
def test_the_room_package_holds_its_image_and_alt_text(media, webbred, room, other_employee,
                                                       how):
    set_room_image(actor=other_employee, room=room, alt_text=ALT, upload=illustration())
    room.refresh_from_db()
    if how == "snapshot":
        snapshot = take_snapshot(actor=webbred, reason="Stor förändring", channel=room)
    else:
        snapshot = archive_channel(actor=webbred, channel=room, reason="Projektet är klart.")
    presentation, stored = _presentation_and_image(snapshot, room)
    assert presentation["image"]["alt_text"] == ALT
    with room.image.file.open("rb") as original:
        assert stored == original.read()


def test_a_room_without_an_image_says_so(media, webbred, room):
    snapshot = take_snapshot(actor=webbred, reason="Stor förändring", channel=room)
    presentation = next(item for item in read_package(Path(snapshot.folder))
                        if item["object_type"] == "collab.room")
    assert presentation["image"] is None


def test_replaced_and_removed_images_stay_in_the_channel_archive(media, webbred, room,
                                                                 other_employee):
    """The guideline's rule that nothing is lost: the image a room had before, and one taken
    off, are in the room's package with the alt text each had."""
    from collab.actions import remove_room_image

    set_room_image(actor=other_employee, room=room, alt_text=ALT, upload=illustration())
    first = room.image
    set_room_image(actor=other_employee, room=room, alt_text="Ny ritning",
                   upload=illustration(colour=(200, 40, 40)))
    set_room_image(actor=other_employee, room=room, alt_text="Ny ritning, bättre beskriven")
    second = room.image
    remove_room_image(actor=other_employee, room=room)
    room.refresh_from_db()
    snapshot = take_snapshot(actor=webbred, reason="Stor förändring", channel=room)
    folder = Path(snapshot.folder)
    presentation = next(item for item in read_package(folder)
                        if item["object_type"] == "collab.room")
    assert presentation["image"] is None
    earlier = presentation["earlier_images"]
    assert [e["alt_text"] for e in earlier] == [ALT, "Ny ritning, bättre beskriven"]
    attachments = folder / "representations/rep1/data/attachments" / f"collab.room-{room.pk}"
    for image, entry in zip((first, second), earlier, strict=True):
        with image.file.open("rb") as original:
            assert (attachments / entry["file"]).read_bytes() == original.read()
    assert verify_package(folder) == []
