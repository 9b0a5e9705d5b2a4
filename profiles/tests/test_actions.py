import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from notifications.models import Notification
from wagtail.images.models import Rendition
from wagtail.models import ModelLogEntry

from insidan.comments.actions import post_comment
from profiles import actions
from profiles.models import Follow, StatusUpdate
from profiles.selectors import status_feed_for
from profiles.tests.factories import DepartmentFactory, ProfileFactory, UserFactory
from profiles.tests.images import image_upload

pytestmark = pytest.mark.django_db

PERSONNUMMER = "811218-9876"


def test_post_status_update_renders_markdown_and_logs(employee):
    update = actions.post_status_update(actor=employee, body="Jobbar med *budgeten*")
    assert update.body_html.strip() == "<p>Jobbar med <em>budgeten</em></p>"
    assert ModelLogEntry.objects.filter(action="wagtail.create",
                                        object_id=str(update.pk)).exists()


@pytest.mark.parametrize("body, message", [
    ("", "Skriv något"),
    ("x" * 1001, "högst 1"),
    (f"Ring {PERSONNUMMER}", "personnummer"),
])
def test_bad_status_updates_are_refused(employee, body, message):
    with pytest.raises(ValidationError, match=message):
        actions.post_status_update(actor=employee, body=body)
    assert not StatusUpdate.objects.exists()


def test_status_update_of_exactly_1000_characters_is_accepted(employee):
    assert actions.post_status_update(actor=employee, body="x" * 1000).pk


def test_inactive_user_cannot_post(employee):
    employee.is_active = False
    with pytest.raises(PermissionDenied):
        actions.post_status_update(actor=employee, body="Hej")


def test_comments_notify_profile_owner_and_replies_the_commenter(
        employee, other_employee, django_capture_on_commit_callbacks):
    update = actions.post_status_update(actor=employee, body="Någon som kan GIS?")
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(actor=other_employee, target=update, text="Jag!")
        post_comment(actor=employee, target=update, text="Tack!", parent=comment)
    assert Notification.objects.get(verb="comment_on_your_post").recipient == employee
    assert Notification.objects.get(verb="reply_to_your_comment").recipient == other_employee


def test_follow_unfollow_and_feed(employee, other_employee):
    colleague = UserFactory()
    colleague.profile.department = DepartmentFactory(name="Kulturförvaltningen")
    colleague.profile.save()
    stranger = ProfileFactory(department=DepartmentFactory(name="Räddningstjänsten")).user
    same_department = UserFactory()  # the factory's default department, like Anna's
    mine = actions.post_status_update(actor=employee, body="Min")
    followed = actions.post_status_update(actor=colleague, body="Följd")
    department = actions.post_status_update(actor=same_department, body="Samma förvaltning")
    actions.post_status_update(actor=stranger, body="Okänd")
    assert other_employee.profile.department == employee.profile.department
    assert list(status_feed_for(employee)) == [department, mine]
    actions.follow(actor=employee, user=colleague)
    actions.follow(actor=employee, user=colleague)  # twice: still one follow
    assert Follow.objects.count() == 1
    assert list(status_feed_for(employee)) == [department, followed, mine]
    actions.unfollow(actor=employee, user=colleague)
    assert followed not in status_feed_for(employee)
    with pytest.raises(ValidationError):
        actions.follow(actor=employee, user=employee)


def test_feed_hides_removed_and_others_hidden_updates(employee, other_employee):
    hidden = actions.post_status_update(actor=other_employee, body="Dold")
    hidden.set_moderation_state(state="hidden_pending_review", reason="Granskas", at=None)
    removed = actions.post_status_update(actor=other_employee, body="Bort")
    removed.apply_tombstone(reason="Kränkande", at=None)
    assert list(status_feed_for(employee)) == []
    assert list(status_feed_for(other_employee)) == [hidden]


def test_update_own_profile_only(employee, other_employee):
    profile = actions.update_own_profile(
        actor=employee, profile=employee.profile, work_description="Jag **utreder**",
        experience="10 år", languages="svenska", skills=["GIS", " gis ", "Python", ""])
    assert "<strong>utreder</strong>" in profile.work_description_html
    assert sorted(s.name for s in profile.skills.all()) == ["GIS", "Python"]
    assert profile.reviewed_at is not None
    with pytest.raises(PermissionDenied):
        actions.update_own_profile(actor=other_employee, profile=employee.profile,
                                   work_description="Hackad", experience="", languages="",
                                   skills=[])


@pytest.mark.parametrize("field", ["work_description", "experience", "languages"])
def test_personnummer_in_any_profile_field_is_refused(employee, field):
    values = {"work_description": "", "experience": "", "languages": "", "skills": []}
    values[field] = f"Mitt nummer {PERSONNUMMER}"
    with pytest.raises(ValidationError, match="personnummer"):
        actions.update_own_profile(actor=employee, profile=employee.profile, **values)


def test_personnummer_as_a_skill_is_refused(employee):
    with pytest.raises(ValidationError, match="personnummer"):
        actions.update_own_profile(actor=employee, profile=employee.profile,
                                   work_description="", experience="", languages="",
                                   skills=[PERSONNUMMER])


@pytest.mark.parametrize("fmt, name", [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")])
def test_photo_formats_are_accepted_and_renditions_made_once(employee, fmt, name):
    actions.set_photo(actor=employee, profile=employee.profile, upload=image_upload(fmt, name=name))
    photo = employee.profile.photo
    assert photo.collection.name == "Profilfoton"
    assert Rendition.objects.filter(image=photo).count() == 2
    photo.get_rendition("fill-200x200")
    assert Rendition.objects.filter(image=photo).count() == 2


def test_photo_of_someone_else_is_forbidden(employee, other_employee):
    with pytest.raises(PermissionDenied):
        actions.set_photo(actor=other_employee, profile=employee.profile, upload=image_upload())


def test_not_an_image_is_refused(employee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match="ingen bild"):
        actions.set_photo(actor=employee, profile=employee.profile,
                          upload=SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image"))


def test_gif_is_refused(employee):
    with pytest.raises(ValidationError, match="JPEG-, PNG- eller WebP"):
        actions.set_photo(actor=employee, profile=employee.profile,
                          upload=image_upload("GIF", name="a.gif"))


def test_too_large_file_is_refused(employee, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError, match="högst 0 MB"):
        actions.set_photo(actor=employee, profile=employee.profile,
                          upload=_noisy_png())
    assert employee.profile.photo is None


def _noisy_png():
    import io
    import os

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (100, 100), os.urandom(30000)).save(buffer, "PNG")
    return SimpleUploadedFile("a.png", buffer.getvalue())


def test_too_many_pixels_is_refused(employee, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    with pytest.raises(ValidationError, match="för många bildpunkter"):
        actions.set_photo(actor=employee, profile=employee.profile,
                          upload=image_upload("PNG", size=(200, 200), name="a.png"))


def test_decompression_bomb_is_refused(employee, monkeypatch):
    from PIL import Image

    # Pillow's own limit, lowered so that a small test image counts as a bomb; the project's
    # 40 megapixel limit is lifted so that Pillow's check is the one that fires.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    from django.conf import settings as django_settings

    monkeypatch.setattr(django_settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 10**9, raising=False)
    with pytest.raises(ValidationError, match="för stor för att öppnas"):
        actions.set_photo(actor=employee, profile=employee.profile,
                          upload=image_upload("PNG", size=(100, 100), name="a.png"))
