"""A room's image or illustration (issue 20, the guideline's "Grafisk profil"): the owner,
a deputy or Webbredaktionen sets it with a required alt text, which goes through the
personal-data guard; it shows in the presentation and the directory; a replaced image is kept;
the stored file holds no metadata; the directory's queries stay the same with images."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry

from collab import actions
from collab.models import Room
from collab.tests.factories import add_member, make_room
from insidan.core.actions import accept_terms
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALT = "Tecknad karta över Uppsala med en pratbubbla"
PERSONNUMMER = "19811218-9876"


def url(name, *args):
    return reverse(f"collab:{name}", args=args)


def illustration(name: str = "bild.jpg", colour=(30, 120, 200)) -> SimpleUploadedFile:
    """A JPEG as a phone writes it: with the place it was taken (GPS) in its EXIF."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Telefonmakaren"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 51.0, 29.0)
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), colour).save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def set_image(room, actor=None, alt=ALT, upload=None):
    return actions.set_room_image(actor=actor or room.owner, room=room, alt_text=alt,
                                  upload=upload or illustration())


def test_owner_sets_an_image_shown_in_the_presentation_and_the_directory(
        client, open_room, other_employee, employee):
    client.force_login(other_employee)
    response = client.post(url("image_edit", open_room.slug),
                           {"image": illustration(), "alt_text": ALT})
    assert response.status_code == 302
    room = Room.objects.get(pk=open_room.pk)
    assert room.image_id and room.image_alt == ALT
    assert ModelLogEntry.objects.filter(action="insidan.room.image",
                                        object_id=str(room.pk)).exists()
    client.force_login(employee)
    image_url = url("image", room.slug, room.image_id, "small")
    for page in (url("room", room.slug), url("room_list")):
        html = client.get(page).content.decode()
        assert f'alt="{ALT}"' in html
        assert url("image", room.slug, room.image_id, "large" if page != url("room_list")
                   else "small") in html
    served = client.get(image_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert "no-store" in served["Cache-Control"]


def test_the_stored_image_has_no_gps_position(open_room):
    room = set_image(open_room)
    with room.image.file.open("rb") as stored, PILImage.open(stored) as image:
        assert "exif" not in image.info
        assert image.size == (640, 360)


def test_a_member_who_is_not_owner_cannot_set_or_remove_the_image(client, open_room,
                                                                  employee):
    add_member(open_room, employee)
    with pytest.raises(PermissionDenied):
        set_image(open_room, actor=employee)
    set_image(open_room)
    with pytest.raises(PermissionDenied):
        actions.remove_room_image(actor=employee, room=open_room)
    client.force_login(employee)
    response = client.post(url("image_edit", open_room.slug),
                           {"image": illustration(), "alt_text": "Mitt eget"})
    assert response.status_code == 404
    assert Room.objects.get(pk=open_room.pk).image_alt == ALT


def test_a_deputy_and_webbredaktionen_may_set_the_image(open_room, employee, webbred, terms):
    add_member(open_room, employee)
    accept_terms(actor=employee, terms=terms)  # deputies answer for the room under the terms
    actions.make_deputy(actor=open_room.owner, room=open_room, member=employee)
    assert set_image(open_room, actor=employee, alt="Ställföreträdarens bild").image_id
    assert set_image(open_room, actor=webbred, alt="Webbredaktionens bild").image_alt == (
        "Webbredaktionens bild")


def test_an_image_without_alt_text_is_refused_and_nothing_is_stored(client, open_room,
                                                                    other_employee):
    images_before = get_image_model().objects.count()
    with pytest.raises(ValidationError):
        set_image(open_room, alt="   ")
    client.force_login(other_employee)
    response = client.post(url("image_edit", open_room.slug),
                           {"image": illustration(), "alt_text": ""})
    assert response.status_code == 400
    assert "Skriv en alternativtext som beskriver bilden" in response.content.decode()
    assert get_image_model().objects.count() == images_before
    assert Room.objects.get(pk=open_room.pk).image_id is None


def test_a_personnummer_in_the_alt_text_is_refused_and_changes_nothing(client, open_room,
                                                                       other_employee):
    set_image(open_room)
    room = Room.objects.get(pk=open_room.pk)
    with pytest.raises(ValidationError) as refused:
        set_image(room, alt=f"Anna {PERSONNUMMER}")
    assert "personnummer" in " ".join(refused.value.messages)
    client.force_login(other_employee)
    response = client.post(url("image_edit", room.slug),
                           {"image": illustration(), "alt_text": f"Anna {PERSONNUMMER}"})
    assert response.status_code == 400
    assert "ser ut som ett personnummer" in response.content.decode()
    after = Room.objects.get(pk=room.pk)
    assert (after.image_id, after.image_alt) == (room.image_id, ALT)


def test_a_file_that_is_not_an_image_is_refused_on_the_file_field(client, open_room,
                                                                  other_employee):
    client.force_login(other_employee)
    fake = SimpleUploadedFile("bild.jpg", b"%PDF-1.4 inte en bild", content_type="image/jpeg")
    response = client.post(url("image_edit", open_room.slug), {"image": fake, "alt_text": ALT})
    assert response.status_code == 400
    assert "Filen är ingen bild som går att läsa" in response.content.decode()
    assert Room.objects.get(pk=open_room.pk).image_id is None


def test_replacing_and_removing_keep_the_old_image_and_the_log_names_it(open_room):
    first = set_image(open_room).image
    second = set_image(open_room, alt="Ny bild", upload=illustration(colour=(200, 30, 30))).image
    assert first.pk != second.pk
    assert get_image_model().objects.filter(pk=first.pk).exists()
    entry = ModelLogEntry.objects.filter(action="insidan.room.image").latest("pk")
    assert entry.data["previous_image"] == first.pk
    assert entry.data["previous_alt_text"] == ALT
    actions.remove_room_image(actor=open_room.owner, room=open_room)
    assert Room.objects.get(pk=open_room.pk).image_id is None
    assert get_image_model().objects.filter(pk=second.pk).exists()
    removed = ModelLogEntry.objects.filter(action="insidan.room.image_removed").latest("pk")
    assert removed.data == {"previous_image": second.pk, "previous_alt_text": "Ny bild"}


def test_a_replaced_image_is_not_served_under_the_room_any_more(client, open_room, employee):
    first = set_image(open_room).image
    set_image(open_room, upload=illustration(colour=(10, 10, 10)))
    client.force_login(employee)
    assert client.get(url("image", open_room.slug, first.pk, "small")).status_code == 404
    assert client.get(url("image", open_room.slug, open_room.image_id, "huge")).status_code == 404


def test_changing_the_alt_text_alone_keeps_the_image_and_updates_the_cached_directory(
        client, open_room, employee):
    image = set_image(open_room).image
    client.force_login(employee)
    assert f'alt="{ALT}"' in client.get(url("room_list")).content.decode()
    actions.set_room_image(actor=open_room.owner, room=open_room, alt_text="Ny beskrivning")
    html = client.get(url("room_list")).content.decode()
    assert 'alt="Ny beskrivning"' in html and f'alt="{ALT}"' not in html
    assert Room.objects.get(pk=open_room.pk).image_id == image.pk


@pytest.mark.parametrize("rooms", [2, 12])
def test_directory_queries_do_not_grow_with_images(client, employee, terms, rooms,
                                                   django_assert_max_num_queries):
    for number in range(rooms):
        room = make_room(closed=bool(number % 2))
        set_image(room, alt=f"Bild för rum {number}")
        add_member(room, UserFactory())
    client.force_login(employee)
    with django_assert_max_num_queries(10):
        response = client.get(url("room_list"))
    assert response.content.decode().count('class="channel-image channel-image--small"') == rooms


@pytest.mark.parametrize("page", ["documents", "manage", "profile"])
def test_image_uploads_remind_of_copyright_and_consent(client, open_room, other_employee, page):
    """The guideline's "Bilder": the right to use the picture and the consent of the people
    in it, said beside the room's document upload, the room image and the profile photo."""
    client.force_login(other_employee)
    address = reverse("profiles:edit") if page == "profile" else url(page, open_room.slug)
    html = client.get(address).content.decode()
    assert "du har rätt att använda (upphovsrätt)" in html
    assert "sagt ja till att den publiceras (personuppgifter)" in html


def test_a_phone_number_in_the_alt_text_needs_the_confirmation(client, open_room,
                                                               other_employee):
    client.force_login(other_employee)
    alt = "Affisch med telefonnumret 070-123 45 67"
    response = client.post(url("image_edit", open_room.slug),
                           {"image": illustration(), "alt_text": alt})
    assert response.status_code == 400
    assert "kan vara personuppgifter" in response.content.decode()
    assert Room.objects.get(pk=open_room.pk).image_id is None
    response = client.post(url("image_edit", open_room.slug),
                           {"image": illustration(), "alt_text": alt,
                            "confirm_personal_data": "on"})
    assert response.status_code == 302
    assert Room.objects.get(pk=open_room.pk).image_alt == alt
