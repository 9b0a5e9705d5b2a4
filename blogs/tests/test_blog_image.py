"""A blog's image or illustration (issue 20): the blog's owner (or a deputy, or
Webbredaktionen) sets it on the blog's owner page with a required alt text; others cannot;
it shows in the blog's presentation and the blog list, whose queries do not grow with images."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from blogs import actions
from blogs.models import BlogPage
from blogs.tests.factories import make_blog
from collab.tests.test_room_image import illustration

pytestmark = pytest.mark.django_db

ALT = "Illustration: en dator med en penna"


def url(name, *args):
    return reverse(f"blogs:{name}", args=args)


def test_owner_sets_the_image_and_readers_see_it(client, employee, other_employee):
    blog = make_blog(other_employee)
    client.force_login(other_employee)
    assert "du har rätt att använda (upphovsrätt)" in client.get(
        url("manage", blog.slug)).content.decode()
    response = client.post(url("image_edit", blog.slug), {"image": illustration(),
                                                          "alt_text": ALT})
    assert response.status_code == 302
    blog = BlogPage.objects.get(pk=blog.pk)
    assert blog.image_alt == ALT
    client.force_login(employee)
    for address, size in ((blog.url, "large"), (url("blog_list"), "small")):
        html = client.get(address).content.decode()
        assert f'alt="{ALT}"' in html
        assert url("image", blog.slug, blog.image_id, size) in html
    assert client.get(url("image", blog.slug, blog.image_id, "large")).status_code == 200


def test_a_reader_cannot_set_the_image(client, employee, other_employee):
    blog = make_blog(other_employee)
    with pytest.raises(PermissionDenied):
        actions.set_blog_image(actor=employee, blog=blog, alt_text=ALT, upload=illustration())
    client.force_login(employee)
    response = client.post(url("image_edit", blog.slug), {"image": illustration(),
                                                          "alt_text": ALT})
    assert response.status_code == 404
    assert BlogPage.objects.get(pk=blog.pk).image_id is None


@pytest.mark.parametrize("alt", ["  ", "Foto av 19811218-9876"])
def test_missing_or_personal_alt_text_is_refused(client, other_employee, alt):
    blog = make_blog(other_employee)
    with pytest.raises(ValidationError):
        actions.set_blog_image(actor=other_employee, blog=blog, alt_text=alt,
                               upload=illustration())
    client.force_login(other_employee)
    response = client.post(url("image_edit", blog.slug), {"image": illustration(),
                                                          "alt_text": alt})
    assert response.status_code == 400
    assert ("ser ut som ett personnummer" if alt.strip() else "Skriv en alternativtext") in (
        response.content.decode())
    assert BlogPage.objects.get(pk=blog.pk).image_id is None


@pytest.mark.parametrize("blogs", [2, 6])
def test_blog_list_queries_do_not_grow_with_images(client, employee, blogs,
                                                   django_assert_max_num_queries):
    for number in range(blogs):
        blog = make_blog(name=f"Blogg {number}")
        actions.set_blog_image(actor=blog.owner, blog=blog, alt_text=f"Bild {number}",
                               upload=illustration())
    client.force_login(employee)
    with django_assert_max_num_queries(10):
        response = client.get(url("blog_list"))
    assert response.content.decode().count("channel-image--small") == blogs
