"""A forum's image or illustration (issue 20): its owner, a deputy or Webbredaktionen sets it
from the owner page with a required alt text; others cannot; it shows in the presentation and
the forum list, whose queries do not grow with images; a room's forum shows none of its own."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from collab.tests.factories import make_room, room_terms
from collab.tests.test_room_image import illustration
from forums import actions
from forums.models import Forum
from forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db

ALT = "Illustration: två pratbubblor"


def url(name, *args):
    return reverse(f"forums:{name}", args=args)


@pytest.fixture
def forum(other_employee):
    return ForumFactory(owner=other_employee, name="Klarspråk", slug="klarsprak")


def test_owner_sets_the_image_on_the_owner_page_and_everyone_sees_it(client, forum,
                                                                     other_employee, employee):
    client.force_login(other_employee)
    page = client.get(url("owner_page", forum.slug)).content.decode()
    assert "du har rätt att använda (upphovsrätt)" in page
    response = client.post(url("image_edit", forum.slug),
                           {"image": illustration(), "alt_text": ALT})
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.image_alt == ALT
    assert ModelLogEntry.objects.filter(action="insidan.forum.image").count() == 1
    client.force_login(employee)
    for address, size in ((url("forum", forum.slug), "large"), (url("forum_list"), "small")):
        html = client.get(address).content.decode()
        assert f'alt="{ALT}"' in html
        assert url("image", forum.slug, forum.image_id, size) in html
    assert client.get(url("image", forum.slug, forum.image_id, "small")).status_code == 200


def test_someone_else_cannot_set_the_image(client, forum, employee):
    with pytest.raises(PermissionDenied):
        actions.set_forum_image(actor=employee, forum=forum, alt_text=ALT,
                                upload=illustration())
    client.force_login(employee)
    response = client.post(url("image_edit", forum.slug),
                           {"image": illustration(), "alt_text": ALT})
    assert response.status_code == 404
    assert Forum.objects.get(pk=forum.pk).image_id is None


def test_webbredaktionen_may_set_the_image(forum, webbred):
    actions.set_forum_image(actor=webbred, forum=forum, alt_text=ALT, upload=illustration())
    assert Forum.objects.get(pk=forum.pk).image_alt == ALT


@pytest.mark.parametrize("alt", ["", "Bild på 19811218-9876"])
def test_missing_or_personal_alt_text_is_refused_and_changes_nothing(client, forum,
                                                                     other_employee, alt):
    with pytest.raises(ValidationError):
        actions.set_forum_image(actor=other_employee, forum=forum, alt_text=alt,
                                upload=illustration())
    client.force_login(other_employee)
    response = client.post(url("image_edit", forum.slug),
                           {"image": illustration(), "alt_text": alt})
    assert response.status_code == 400
    html = response.content.decode()
    assert ("ser ut som ett personnummer" if alt else "Skriv en alternativtext") in html
    assert Forum.objects.get(pk=forum.pk).image_id is None


def test_a_room_forum_takes_no_image_of_its_own(other_employee):
    room_terms()
    room = make_room(other_employee)
    with pytest.raises(ValidationError):
        actions.set_forum_image(actor=other_employee, forum=room.forum, alt_text=ALT,
                                upload=illustration())


@pytest.mark.parametrize("forums", [2, 10])
def test_forum_list_queries_do_not_grow_with_images(client, employee, forums,
                                                    django_assert_max_num_queries):
    for number in range(forums):
        forum = ForumFactory()
        actions.set_forum_image(actor=forum.owner, forum=forum, alt_text=f"Bild {number}",
                                upload=illustration())
    client.force_login(employee)
    with django_assert_max_num_queries(8):
        response = client.get(url("forum_list"))
    assert response.content.decode().count("channel-image--small") == forums
