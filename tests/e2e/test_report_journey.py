"""The Anmäl journey: Anna reports a post, Webbredaktionen removes it with a reason, the post
shows the notice with the rules link, the author and Anna are notified, the record is archived."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from forums import actions as forum_actions
from forums.models import Forum
from insidan.archive.models import ArchiveRecord
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OFFENSIVE = "Alla på ekonomi är idioter som borde sparkas."


def new_page(browser, live_server):
    return browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()


def test_anna_reports_webbred_removes_everyone_is_told(browser, live_server, demo):
    User = get_user_model()
    erik = User.objects.get(username="erik")
    forum = Forum.objects.get(name="Arbetsmiljö")
    discussion = forum_actions.start_discussion(actor=erik, forum=forum, title="Budgeten",
                                                body=OFFENSIVE)
    post = discussion.posts.get()

    anna = new_page(browser, live_server)
    log_in(anna, "anna")
    anna.goto(discussion.get_absolute_url())
    anna.locator(f"#inlagg-{post.pk}").get_by_role("link", name=re.compile("^Anmäl")).click()
    assert_accessible(anna)
    anna.get_by_label("Förtal, personangrepp eller förolämpning").check()
    anna.get_by_label("Varför anmäler du?").fill("Ett personangrepp på en hel avdelning.")
    anna.get_by_role("button", name="Skicka anmälan").click()
    expect(anna.get_by_text("Tack, webbredaktionen har fått din anmälan")).to_be_visible()
    assert_accessible(anna)

    webbred = new_page(browser, live_server)
    log_in(webbred, "webbred")
    webbred.goto("/admin/anmalningar/")
    webbred.get_by_role("link", name=re.compile("Erik Bergström i ”Budgeten”")).click()
    webbred.get_by_label("Borttaget").check()
    webbred.get_by_label("Skäl").fill("Personangrepp strider mot god samtalston")
    webbred.get_by_role("button", name="Fatta beslut").click()
    expect(webbred.get_by_text("Personangrepp strider mot god samtalston").first).to_be_visible()

    anna.goto(discussion.get_absolute_url())
    notice = anna.locator(f"#inlagg-{post.pk}")
    expect(notice).to_contain_text("Borttaget av webbredaktionen")
    expect(notice).to_contain_text("Personangrepp strider mot god samtalston")
    expect(notice.get_by_role("link", name=re.compile("regler", re.I))).to_have_attribute(
        "href", "/regler/")
    expect(anna.get_by_text(OFFENSIVE)).to_have_count(0)
    assert_accessible(anna)

    record = ArchiveRecord.objects.get(object_type="forums.post", object_id=str(post.pk))
    assert record.content_text == OFFENSIVE
    assert record.reason == "Personangrepp strider mot god samtalston"
    assert record.data["reports"]

    anna.goto("/notiser/")
    expect(anna.locator(".notification-list")).to_contain_text("Personangrepp strider")
    erik_page = new_page(browser, live_server)
    log_in(erik_page, "erik")
    erik_page.goto("/notiser/")
    expect(erik_page.locator(".notification-list")).to_contain_text("Personangrepp strider")
    assert_accessible(erik_page)
    for page in (anna, webbred, erik_page):
        page.context.close()
