"""Comments through insidan.comments, on status updates (always public) as the target."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from notifications.models import Notification

from insidan.comments.actions import post_comment
from insidan.comments.models import Comment
from insidan.comments.permissions import can_view_comment
from profiles.actions import post_status_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def status(employee):
    return post_status_update(actor=employee, body="Jobbar med den nya e-tjänsten.")


def test_comment_renders_markdown_and_notifies_the_author(
    status, employee, other_employee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(actor=other_employee, target=status, text="*Snyggt*")
    assert comment.comment_html.strip() == "<p><em>Snyggt</em></p>"
    assert Notification.objects.get().recipient == employee


def test_reply_notifies_the_commenter_and_depth_is_limited(
    status, employee, other_employee, django_capture_on_commit_callbacks
):
    top = post_comment(actor=other_employee, target=status, text="Fråga")
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_comment(actor=employee, target=status, text="Svar", parent=top)
    assert Notification.objects.filter(recipient=other_employee,
                                       verb="reply_to_your_comment").exists()
    deeper = post_comment(actor=other_employee, target=status, text="Mer", parent=reply)
    assert deeper.level == 2
    with pytest.raises(ValidationError):
        post_comment(actor=employee, target=status, text="För djupt", parent=deeper)


@pytest.mark.parametrize("text", ["", "x" * 5001, "a\x00b", "Mitt nummer 811218-9876"])
def test_bad_comments_are_refused(status, other_employee, text):
    with pytest.raises(ValidationError):
        post_comment(actor=other_employee, target=status, text=text)
    assert not Comment.objects.exists()


def test_reply_to_a_removed_comment_is_refused(status, employee, other_employee):
    top = post_comment(actor=other_employee, target=status, text="Olämpligt")
    top.apply_tombstone(reason="Personangrepp", at=timezone.now())
    top.refresh_from_db()
    assert top.is_removed and top.comment == "" and not can_view_comment(employee, top)
    with pytest.raises(ValidationError):
        post_comment(actor=employee, target=status, text="Svar", parent=top)


def test_inactive_users_cannot_comment(status, other_employee):
    other_employee.is_active = False
    other_employee.save()
    with pytest.raises(PermissionDenied):
        post_comment(actor=other_employee, target=status, text="Hej")


@pytest.mark.parametrize("name", ["comments-xtd-api-list", "comments-xtd-api-count",
                                  "comments-xtd-api-create", "comments-post-comment",
                                  "comments-xtd-reply", "comments-flag", "comments-delete"])
def test_the_librarys_own_endpoints_are_not_routed(name):
    with pytest.raises(NoReverseMatch):
        reverse(name, kwargs={})


def test_comment_endpoint_answers_404_for_what_the_user_may_not_see(client, status, employee,
                                                                    other_employee):
    from django.contrib.contenttypes.models import ContentType

    url = f"/kommentarer/{ContentType.objects.get_for_model(status).pk}/{status.pk}/"
    client.force_login(other_employee)
    assert client.get(url).status_code == 405
    assert client.post(url, {"text": "Hej"}).status_code == 302
    status.apply_tombstone(reason="Borttagen", at=timezone.now())
    assert client.post(url, {"text": "Igen"}).status_code == 404
    assert client.post("/kommentarer/99999/1/", {"text": "x"}).status_code == 404
    from django.contrib.auth import get_user_model

    user_type = ContentType.objects.get_for_model(get_user_model())
    assert client.post(f"/kommentarer/{user_type.pk}/{employee.pk}/",
                       {"text": "x"}).status_code == 404
    assert Comment.objects.count() == 1
    client.logout()
    assert client.post(url, {"text": "Anonym"}).status_code == 302  # to the login page
    assert Comment.objects.count() == 1
