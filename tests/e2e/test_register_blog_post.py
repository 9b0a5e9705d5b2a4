"""Registering a blog post in a real browser (issue 20): the blog's owner registers a post that
is a question to the municipality, sees its diarienummer on the post, and opens the readable
copy for the diarium (an HTML document); axe on every page and on the copy. A reader gets no
"Registrera"."""

import re

import pytest
from playwright.sync_api import expect

from blogs.tests.factories import make_blog, make_post
from insidan.archive.models import Registration
from profiles.tests.factories import UserFactory
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Fråga om bygglov för förrådet"
DESCRIPTION = "Fråga från medarbetare om bygglov, inkommen via bloggen."


def test_the_owner_registers_a_blog_post_and_opens_the_readable_copy(page, browser, live_server):
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    blog = make_blog(erik, name="Bygglovsbloggen")
    post = make_post(blog, actor=erik, title=TITLE, body="Behövs bygglov för ett förråd?")

    reader = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(reader, "anna")
    reader.goto(post.get_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_role("link", name="Registrera", exact=True)).to_have_count(0)

    log_in(page, "erik")
    page.goto(post.get_url())
    page.get_by_role("link", name="Registrera", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera i diariet")
    assert_accessible(page)
    page.get_by_role("button", name="Registrera").click()  # nothing written: refused
    expect(page.get_by_text("Skriv en kort beskrivning av vad som registreras.").first
           ).to_be_visible()
    assert not Registration.objects.exists()
    assert_accessible(page)

    page.get_by_label("Kort beskrivning").fill(DESCRIPTION)
    page.get_by_role("button", name="Registrera").click()

    registration = Registration.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text(re.compile(
        f"Registrerad med diarienummer {re.escape(registration.diarienummer)}"))).to_be_visible()
    expect(page.locator(".badge--registered")).to_contain_text(registration.diarienummer)
    assert_accessible(page)

    # The readable copy is downloaded as an HTML document for the diarium; read it as such.
    response = page.request.get(f"/arkiv/registreringar/{registration.uuid}/html/")
    assert response.ok and response.headers["content-type"].startswith("text/html")
    page.set_content(response.text())
    expect(page.get_by_text(DESCRIPTION)).to_be_visible()
    expect(page.get_by_text(TITLE).first).to_be_visible()
    expect(page.get_by_text("Erik Bergström").first).to_be_visible()
    assert_accessible(page)
