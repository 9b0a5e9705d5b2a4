import pytest
from playwright.sync_api import expect

from forums import actions
from forums.tests.factories import ForumFactory
from profiles.tests.factories import UserFactory
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def storage_question():
    """Erik asks in an open forum, through the real actions (which index the post on save)."""
    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    forum = ForumFactory(name="Fastigheter", slug="fastigheter")
    discussion = actions.start_discussion(actor=erik, forum=forum, title="Nycklar",
                                          body="Vem har nycklarna till förrådet i källaren?")
    return discussion


def test_anna_finds_a_forum_post_through_search(page, storage_question):
    log_in(page, "anna")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sök").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sök")
    assert_accessible(page)

    page.get_by_label("Sök på Insidan").press_sequentially("nyck")
    expect(page.locator("#search-suggestions option[value='Nycklar']")).to_have_count(1)
    page.get_by_label("Sök på Insidan").fill("förrådet källaren")
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_text("1 träff för ”förrådet källaren”")).to_be_visible()
    hit = page.get_by_role("link", name="Nycklar")
    expect(hit).to_be_visible()
    expect(page.get_by_text("Inlägg av Erik Bergström i forumet Fastigheter")).to_be_visible()
    expect(page.locator(".search-hit mark", has_text="förrådet")).to_be_visible()
    assert_accessible(page)

    hit.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nycklar")
    expect(page.get_by_text("Vem har nycklarna till förrådet i källaren?")).to_be_visible()


def test_the_search_page_with_no_hits_and_bad_input_is_accessible(page, storage_question):
    log_in(page, "anna")
    page.goto("/sok/?q=" + "x" * 1000)
    expect(page.get_by_text("Sökfrågan är för lång. Skriv högst 200 tecken.")).to_be_visible()
    assert_accessible(page)
    page.goto("/sok/?q=finnsinte&typ=inlagg")
    expect(page.get_by_text("0 träffar för ”finnsinte”, typ: Inlägg")).to_be_visible()
    assert_accessible(page)


def test_search_says_so_when_the_search_backend_is_down(page, storage_question, settings):
    from insidan.search.tests import broken_backend
    from insidan.search.tests.conftest import database_backend

    broken_backend.state["down"] = True
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {**database_backend(), "BACKEND": "insidan.search.tests.broken_backend"}}
    message = "Sökningen är inte tillgänglig just nu. Försök igen om en stund."
    log_in(page, "anna")
    page.goto("/sok/")
    page.get_by_label("Sök på Insidan").press_sequentially("nyck")
    expect(page.locator("#search-suggestions-status")).to_have_text(message)
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("alert")).to_have_text(message)
    assert_accessible(page)
    page.goto("/")  # the rest of the site works
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
