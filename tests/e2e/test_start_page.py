"""The start page in a real browser: the feed with faces (a photo beside Erik's posts, Lars's
initials beside his), a lively discussion grouped into one item, and the side column with
Anna's rooms, followed forums and blogs and what waits for her; axe finds no violations."""

import pytest
from playwright.sync_api import expect

from blogs import actions as blog_actions
from blogs.tests.factories import make_blog
from collab import actions as room_actions
from collab.tests.factories import make_room
from forums import actions as forum_actions
from forums.tests.factories import ForumFactory
from profiles.actions import set_photo
from profiles.tests.factories import UserFactory
from profiles.tests.images import image_upload
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_start_page_shows_faces_groups_a_thread_and_annas_own_places(page, settings,
                                                                          tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    anna = UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    lars = UserFactory(username="lars", first_name="Lars", last_name="Ek")
    set_photo(actor=erik, profile=erik.profile, upload=image_upload())
    forum = ForumFactory(name="Klarspråk")
    forum_actions.set_following(actor=anna, target=forum, following=True)
    walk = forum_actions.start_discussion(actor=anna, forum=forum,
                                          title="Lunchpromenad längs ån?", body="Vem följer med?")
    forum_actions.reply(actor=erik, discussion=walk, body="Jag!")
    forum_actions.reply(actor=lars, discussion=walk, body="Vi ses vid bron kl 12.")
    room = make_room(anna, closed=True, name="Styrgrupp Kvarngärdet")
    room_actions.apply_for_membership(actor=lars, room=room, message="Får jag vara med?")
    blog_actions.set_following(actor=anna, blog=make_blog(erik, name="IT-bloggen"),
                               following=True)

    log_in(page, "anna")
    page.goto("/")
    item = page.locator(".feed-item", has_text="2 nya inlägg i Lunchpromenad längs ån?")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Lars Ek och Erik Bergström")  # newest first
    photo = item.locator("img.avatar")
    expect(photo).to_have_attribute("alt", "")
    expect(photo).to_have_js_property("naturalWidth", 64)  # the rendition loaded
    expect(item.locator(".avatar--initials")).to_have_text("LE")

    side = page.locator(".home-side")
    expect(side.get_by_role("heading", name="Kräver din åtgärd")).to_be_visible()
    expect(side).to_contain_text("1 medlemsansökan väntar i Styrgrupp Kvarngärdet.")
    expect(side.get_by_role("link", name="Styrgrupp Kvarngärdet", exact=True)).to_be_visible()
    expect(side.get_by_role("link", name="Klarspråk", exact=True)).to_be_visible()
    expect(side.get_by_role("link", name="IT-bloggen", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Sociala funktioner")).to_have_count(0)
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 800})  # one column on a phone
    page.reload()
    assert_accessible(page)
