"""Profile photos keep no metadata (issue 17): a phone photo's EXIF holds where it was taken.
The stored original and every rendition the site serves are read back and searched for EXIF
(with its GPS position and maker note), XMP, IPTC and comments; the photo still opens and is
shown upright, as its EXIF orientation said."""

import io
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image
from wagtail.images import get_image_model

from profiles import actions, photos

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)
MAKER_NOTE = b"MAKERNOTE serienummer 4711-0815"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
       b'exif:GPSLatitude="59,51.48N"/></rdf:RDF></x:xmpmeta>')
# Text that any kind of metadata block in the test photos carries; none of it may be served.
TELLTALES = [b"Exif\x00\x00", MAKER_NOTE, b"Telefonmakaren", b"http://ns.adobe.com/xap",
             b"59,51.48N", b"Photoshop 3.0", b"Uppsala domkyrka", b"fotograferad vid"]


def camera_exif() -> Image.Exif:
    """What a phone writes: maker and model, a portrait orientation (the pixels are stored
    landscape, the viewer turns them 90° clockwise), a GPS position (Uppsala domkyrka) and a
    maker note."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefonmakaren"
    exif[ExifTags.Base.Model] = "Telefon 9"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.ImageDescription] = "Uppsala domkyrka"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 51.0, 29.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (17.0, 38.0, 0.0)
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.MakerNote] = MAKER_NOTE
    return exif


def sideways_pixels() -> Image.Image:
    """400×200 as stored by the camera: left half red, right half blue. Upright (turned 90°
    clockwise) it is 200×400, red above blue."""
    image = Image.new("RGB", (400, 200), BLUE)
    image.paste(RED, (0, 0, 200, 200))
    return image


def with_iptc(jpeg: bytes) -> bytes:
    """The JPEG with an APP13 Photoshop/IPTC block (a caption) right after its start marker:
    Pillow reads such blocks but cannot write them."""
    caption = b"fotograferad vid Uppsala domkyrka"
    iptc = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption  # 2:120 caption
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    payload = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def phone_jpeg() -> bytes:
    buffer = io.BytesIO()
    sideways_pixels().save(buffer, "JPEG", quality=95, exif=camera_exif(), xmp=XMP,
                           comment=b"fotograferad vid Uppsala domkyrka")
    return with_iptc(buffer.getvalue())


def assert_no_metadata(data: bytes) -> Image.Image:
    for telltale in TELLTALES:
        assert telltale not in data, telltale
    image = Image.open(io.BytesIO(data))
    image.load()
    assert not image.getexif() and not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    for key in ("exif", "xmp", "photoshop", "comment", "XML:com.adobe.xmp"):
        assert key not in image.info, key
    return image.convert("RGB")


def assert_upright(image: Image.Image) -> None:
    """Red above blue, sampled on the right, where a photo left on its side is blue."""
    width, height = image.size
    top, bottom = image.getpixel((width * 3 // 4, height // 8)), image.getpixel(
        (width * 3 // 4, height * 7 // 8))
    assert top[0] > 150 and top[2] < 100, top
    assert bottom[2] > 150 and bottom[0] < 100, bottom


def test_the_test_photo_carries_what_a_phone_writes():
    """Without this the test below could pass on a photo that had nothing to remove."""
    data = phone_jpeg()
    for telltale in TELLTALES:
        assert telltale in data, telltale
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert exif[ExifTags.Base.Orientation] == 6
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == (59.0, 51.0, 29.0)
    assert exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.MakerNote] == MAKER_NOTE
    assert "xmp" in image.info and "photoshop" in image.info
    assert image.size == (400, 200)


def test_uploaded_photo_is_stored_and_served_without_metadata_and_upright(
        client, employee, other_employee):
    client.force_login(employee)
    response = client.post(reverse("profiles:photo_upload"),
                           {"photo": SimpleUploadedFile("IMG_0001.jpg", phone_jpeg(),
                                                        content_type="image/jpeg")})
    assert response.status_code == 302
    employee.profile.refresh_from_db()
    photo = employee.profile.photo

    with photo.file.open("rb") as stored:
        original = assert_no_metadata(stored.read())
    assert original.size == (200, 400) == (photo.width, photo.height)
    assert_upright(original)

    client.force_login(other_employee)
    for size, spec in photos.RENDITIONS.items():
        response = client.get(reverse("profiles:photo", args=[employee.username, size]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        served = assert_no_metadata(b"".join(response.streaming_content))
        side = int(spec.rsplit("x", 1)[1])
        assert served.size == (side, side)
        assert_upright(served)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_lose_their_exif_and_xmp_too(employee, fmt):
    buffer = io.BytesIO()
    options = {"pnginfo": _png_text()} if fmt == "PNG" else {"xmp": XMP}
    sideways_pixels().save(buffer, fmt, exif=camera_exif(), **options)
    assert MAKER_NOTE in buffer.getvalue()
    actions.set_photo(actor=employee, profile=employee.profile,
                      upload=SimpleUploadedFile(f"a.{fmt.lower()}", buffer.getvalue()))
    photo = employee.profile.photo
    with photo.file.open("rb") as stored:
        assert_upright(assert_no_metadata(stored.read()))
    for spec in photos.RENDITIONS.values():
        with photo.get_rendition(spec).file.open("rb") as rendition:
            assert_upright(assert_no_metadata(rendition.read()))


def _png_text():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Comment", "fotograferad vid Uppsala domkyrka")
    return info


def test_transparency_and_colour_profile_are_kept(employee):
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGBA", (100, 100), (0, 0, 0, 0)).save(buffer, "PNG", icc_profile=profile)
    actions.set_photo(actor=employee, profile=employee.profile,
                      upload=SimpleUploadedFile("a.png", buffer.getvalue()))
    with employee.profile.photo.file.open("rb") as stored:
        image = Image.open(stored)
        image.load()
    assert image.mode == "RGBA" and image.getpixel((50, 50))[3] == 0
    assert image.info.get("icc_profile") == profile


def test_truncated_photo_is_refused_with_a_reason(client, employee):
    data = phone_jpeg()
    client.force_login(employee)
    response = client.post(reverse("profiles:photo_upload"),
                           {"photo": SimpleUploadedFile("a.jpg", data[: len(data) * 2 // 3])})
    assert response.status_code == 400
    assert "Bilden går inte att läsa in helt" in response.content.decode()
    employee.profile.refresh_from_db()
    assert employee.profile.photo is None
    assert not get_image_model().objects.exists()


def test_without_metadata_refuses_an_unreadable_file():
    with pytest.raises(ValidationError, match="går inte att läsa in helt"):
        photos.without_metadata(SimpleUploadedFile("a.jpg", phone_jpeg()[:300]))


def _stored_before_the_fix(user) -> "get_image_model()":
    """A photo as set_photo stored it before issue 17: the upload as it came, with renditions
    that Willow made from it (they carry its EXIF)."""
    from django.core.files.images import ImageFile

    image = get_image_model()(title=f"Profilfoto {user.username}",
                              collection=photos.photo_collection(), uploaded_by_user=user)
    image.file = ImageFile(io.BytesIO(phone_jpeg()), name=f"profil-{user.pk}.jpg")
    image._set_image_file_metadata()
    image.save()
    photos.make_renditions(image)
    user.profile.photo = image
    user.profile.save(update_fields=["photo"])
    return image


def _served(client, user, size: str) -> bytes:
    response = client.get(reverse("profiles:photo", args=[user.username, size]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_command_strips_photos_stored_before_the_fix(
        client, employee, other_employee, django_capture_on_commit_callbacks):
    from django.core.management import call_command
    from wagtail.models import ModelLogEntry

    image = _stored_before_the_fix(employee)
    old_name, storage = image.file.name, image.file.storage
    client.force_login(other_employee)
    assert MAKER_NOTE in _served(client, employee, "large")  # what the fix is for
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_photo_metadata", stdout=out)
    assert "1 foton rensade, 0 var redan utan metadata" in out.getvalue()

    image.refresh_from_db()
    with image.file.open("rb") as stored:
        assert_upright(assert_no_metadata(stored.read()))
    assert (image.width, image.height) == (200, 400)
    assert not storage.exists(old_name)
    for size in photos.RENDITIONS:
        assert_upright(assert_no_metadata(_served(client, employee, size)))
    assert image.renditions.count() == len(photos.RENDITIONS)
    assert ModelLogEntry.objects.filter(action="insidan.profile.photo_metadata_removed",
                                        object_id=str(image.pk)).count() == 1

    # A second run, and photos uploaded since the fix, are left as they are: no new encoding.
    actions.set_photo(actor=other_employee, profile=other_employee.profile,
                      upload=SimpleUploadedFile("b.jpg", phone_jpeg()))
    names = sorted(get_image_model().objects.values_list("file", flat=True))
    out = io.StringIO()
    call_command("strip_photo_metadata", stdout=out)
    assert "0 foton rensade, 2 var redan utan metadata" in out.getvalue()
    assert sorted(get_image_model().objects.values_list("file", flat=True)) == names


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_stripped_photo_has_no_metadata_left_to_find(fmt):
    buffer = io.BytesIO()
    sideways_pixels().save(buffer, fmt, exif=camera_exif())
    assert photos.has_metadata(io.BytesIO(buffer.getvalue()))
    assert not photos.has_metadata(photos.without_metadata(io.BytesIO(buffer.getvalue())))


def test_only_the_system_or_a_superuser_strips_stored_photos(employee, other_employee):
    from django.core.exceptions import PermissionDenied

    image = _stored_before_the_fix(employee)
    with pytest.raises(PermissionDenied):
        actions.strip_photo_metadata(actor=employee, image=image)
    other_employee.is_superuser = True
    assert actions.strip_photo_metadata(actor=other_employee, image=image) is True
