import pytest
from playwright.sync_api import expect

from profiles import actions
from profiles.tests.factories import UserFactory
from profiles.tests.images import image_upload
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def people(transactional_db):
    """Anna and Erik, set up through the actions (the demo seeder gives Erik the same skill)."""
    anna = UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    actions.update_own_profile(actor=erik, profile=erik.profile,
                               work_description="Jag leder **projekt** om kartor.",
                               experience="", languages="svenska",
                               skills=["Projektledning", "GIS"])
    actions.set_photo(actor=erik, profile=erik.profile, upload=image_upload())
    from wagtail.search import index

    index.insert_or_update_object(erik.profile)
    return anna, erik


def new_page(browser, live_server, username):
    page = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    page.set_default_timeout(15_000)
    log_in(page, username)
    return page


def test_anna_posts_erik_comments_anna_replies(browser, live_server, people):
    anna = new_page(browser, live_server, "anna")
    anna.goto("/profil/anna/")
    anna.get_by_label("Vad arbetar du med?").fill("Vem kan hjälpa mig med **GIS**-kartor?")
    anna.get_by_role("button", name="Dela").click()
    expect(anna.locator("strong", has_text="GIS")).to_be_visible()
    status_url = anna.url

    erik = new_page(browser, live_server, "erik")
    erik.goto(status_url)
    erik.get_by_label("Din kommentar").fill("Jag kan! Hör av dig.")
    erik.get_by_role("button", name="Kommentera").click()
    expect(erik.get_by_text("Jag kan! Hör av dig.")).to_be_visible()
    assert_accessible(erik)

    anna.goto(status_url)
    anna.locator("summary", has_text="Svara").first.click()
    anna.get_by_label("Ditt svar").fill("Tack Erik!")
    anna.get_by_role("button", name="Skicka svaret").click()
    expect(anna.get_by_text("Tack Erik!")).to_be_visible()
    anna.goto("/profil/anna/")
    expect(anna.get_by_text("Tack Erik!")).to_be_visible()
    assert_accessible(anna)
    anna.context.close()
    erik.context.close()


def test_anna_finds_erik_by_a_skill_and_posts_a_status(browser, live_server, people):
    anna = new_page(browser, live_server, "anna")
    anna.goto("/personer/")
    assert_accessible(anna)
    anna.get_by_label("Sök på namn, titel, förvaltning eller kunskap").fill("GIS")
    anna.get_by_role("button", name="Sök").click()
    anna.get_by_role("link", name="Erik Bergström").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Erik Bergström")
    expect(anna.get_by_role("link", name="Projektledning")).to_be_visible()
    assert_accessible(anna)
    anna.get_by_role("link", name="GIS").click()  # the skill filter
    expect(anna.get_by_role("link", name="Erik Bergström")).to_be_visible()
    assert_accessible(anna)
    anna.goto("/profil/anna/")
    anna.get_by_label("Vad arbetar du med?").fill("Jobbar med budgeten.")
    anna.get_by_role("button", name="Dela").click()
    expect(anna.get_by_text("Jobbar med budgeten.")).to_be_visible()
    assert_accessible(anna)
    anna.goto("/profil/anna/")
    assert_accessible(anna)
    anna.goto("/min-profil/andra/")
    assert_accessible(anna)
    anna.context.close()
