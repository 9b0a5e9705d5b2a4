"""Anna gets a notification, sees the bell count, opens it from /notiser/, and finds a blog post
and a comment through /sok/; axe finds no violations on any of those pages."""

import re

import pytest
from playwright.sync_api import expect

from blogs.tests.factories import make_blog, make_post
from insidan.comments.actions import post_comment
from profiles.actions import post_status_update
from profiles.tests.factories import UserFactory
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COMMENT = "Snyggt! Hör av dig om växelmenyn behöver testas."


@pytest.fixture
def erik_comments_on_annas_status():
    """Through the real actions: the comment's notification is delivered after commit."""
    anna = UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    update = post_status_update(actor=anna, body="Jobbar med den nya växelmenyn i dag.")
    post_comment(actor=erik, target=update, text=COMMENT)
    blog = make_blog(erik, name="IT-bloggen")
    make_post(blog, title="Nytt intranät i höst",
              body="Vi byter plattform för **intranätet** i oktober.")
    return update


def test_anna_opens_her_notification_and_finds_a_post_through_search(
    page, erik_comments_on_annas_status
):
    update = erik_comments_on_annas_status
    log_in(page, "anna")
    bell = page.locator("a.bell")
    expect(bell).to_contain_text("1 olästa")
    assert_accessible(page)

    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notiser")
    notice = page.locator(".notification", has_text="Erik Bergström kommenterade")
    expect(notice).to_contain_text("statusuppdatering av Anna Lindqvist")
    assert_accessible(page)

    notice.get_by_role("button", name=re.compile("^Öppna")).click()
    expect(page).to_have_url(re.compile(rf"/status/{update.pk}/#kommentar-\d+$"))
    expect(page.get_by_text(COMMENT)).to_be_visible()
    expect(page.locator("a.bell .bell__count")).to_have_count(0)  # read now
    assert_accessible(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sök").click()
    page.get_by_label("Sök på Insidan").fill("intranätet")
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_text("1 träff för ”intranätet”")).to_be_visible()
    expect(page.get_by_text("Blogginlägg i bloggen IT-bloggen")).to_be_visible()
    expect(page.locator(".search-hit mark", has_text="intranätet")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Sök på Insidan").fill("växelmenyn testas")
    page.get_by_role("button", name="Sök").click()
    hit = page.locator(".search-hit", has_text="Kommentar av Erik Bergström")
    expect(hit).to_contain_text("på statusuppdateringen av Anna Lindqvist")
    assert_accessible(page)

    page.get_by_label("Sök på Insidan").fill("intranätet")
    page.get_by_role("button", name="Sök").click()
    page.get_by_role("link", name="Nytt intranät i höst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt intranät i höst")
    expect(page.get_by_text("Vi byter plattform för intranätet i oktober.")).to_be_visible()
    assert_accessible(page)
