"""Registrera on comments: the comments on blog posts and status updates can be registered
(diarieförda) by whoever may register them (the blog's owner and deputies, Webbredaktionen),
from the comment itself. The comment list comes from the fragment cache, so a link shown to
one reader must never reach another from a cached fragment."""

import pytest
from django.urls import reverse

from blogs.tests.factories import make_blog, make_post
from insidan.archive.models import Registration
from insidan.comments.actions import post_comment
from profiles.actions import post_status_update
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register_url(comment) -> str:
    return reverse("archive:register", args=[comment._meta.label_lower, comment.pk])


@pytest.fixture
def blog_comment(employee, other_employee):
    """Anna asks a question on Erik's blog."""
    post = make_post(make_blog(other_employee, name="Gatubloggen"), title="Vinterväghållning")
    return post_comment(actor=employee, target=post, text="När plogas Gottsundavägen?")


def page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_blogs_owner_and_webbredaktionen_see_registrera_on_a_comment_others_do_not(
        client, blog_comment, employee, other_employee, webbred):
    url = blog_comment.content_object.url
    link = f'href="{register_url(blog_comment)}"'
    assert link in page(client, other_employee, url)  # the owner: rendered and cached
    assert link not in page(client, employee, url)  # the writer of the comment
    assert link not in page(client, UserFactory(), url)  # any reader
    assert link in page(client, webbred, url)


def test_a_registration_made_from_a_comment(client, blog_comment, other_employee):
    url = blog_comment.content_object.url
    page(client, other_employee, url)  # the comment's fragment is cached with the link
    response = client.post(register_url(blog_comment),
                           {"description": "Fråga om snöröjning"})
    assert response.status_code == 302
    assert response["Location"] == blog_comment.get_absolute_url()
    registration = Registration.objects.get()
    assert (registration.object_type, registration.object_id) == (
        "insidan_comments.comment", str(blog_comment.pk))
    html = page(client, other_employee, url)
    assert f"Registrerad {registration.diarienummer}" in html
    assert register_url(blog_comment) not in html
    assert registration.diarienummer not in page(client, UserFactory(), url)


def test_only_webbredaktionen_registers_a_status_update_comment(client, employee,
                                                                 other_employee, webbred):
    update = post_status_update(actor=employee, body="Vem vet hur man bokar Stora salen?")
    comment = post_comment(actor=other_employee, target=update, text="Ring växeln.")
    url = update.get_absolute_url()
    link = f'href="{register_url(comment)}"'
    assert link in page(client, webbred, url)
    assert link not in page(client, employee, url)  # the status update's own writer
    assert link not in page(client, other_employee, url)
    client.force_login(employee)
    assert client.get(register_url(comment)).status_code == 403
