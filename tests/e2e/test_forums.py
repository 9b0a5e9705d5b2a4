import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_anna_starts_a_discussion_erik_replies_and_locks_it(browser, live_server, demo):
    anna = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(anna, "anna")
    anna.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Forum").click()
    assert_accessible(anna)
    anna.get_by_role("link", name="IT-frågor").click()
    anna.get_by_label("Rubrik").fill("Ny dator till praktikanten")
    anna.get_by_label("Första inlägget").fill("Hur beställer jag en dator till en **praktikant**?")
    anna.get_by_role("button", name="Starta diskussionen").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Ny dator till praktikanten")
    expect(anna.locator("strong", has_text="praktikant")).to_be_visible()
    assert_accessible(anna)
    discussion_url = anna.url

    erik = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(erik, "erik")
    erik.goto(discussion_url)
    erik.get_by_label("Ditt inlägg").fill("Beställ den i e-tjänsten för IT-utrustning.")
    erik.get_by_role("button", name="Skicka").click()
    expect(erik.get_by_text("Beställ den i e-tjänsten för IT-utrustning.")).to_be_visible()
    erik.get_by_role("button", name="Lås diskussionen").click()
    expect(erik.get_by_text("Diskussionen är låst och tar inte emot nya inlägg.")).to_be_visible()
    assert_accessible(erik)

    anna.reload()
    expect(anna.get_by_text("Beställ den i e-tjänsten för IT-utrustning.")).to_be_visible()
    expect(anna.get_by_label("Ditt inlägg")).to_have_count(0)
    anna.context.close()
    erik.context.close()


def test_anna_follows_a_discussion_and_jumps_to_the_first_unread_post(browser, live_server,
                                                                       demo):
    anna = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(anna, "anna")
    anna.goto("/forum/")
    anna.get_by_role("link", name="IT-frågor").click()
    anna.get_by_role("link", name="Skrivaren på plan 3 skriver inte ut").click()
    anna.get_by_role("button", name="Följ diskussionen").click()
    expect(anna.get_by_role("button", name="Sluta följa diskussionen")).to_be_visible()
    expect(anna.get_by_role("link", name="Första olästa inlägget")).to_have_count(0)
    assert_accessible(anna)
    discussion_url = anna.url

    erik = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(erik, "erik")
    erik.goto(discussion_url)
    erik.get_by_label("Ditt inlägg").fill("Skrivaren är utbytt nu.")
    erik.get_by_role("button", name="Skicka").click()
    expect(erik.get_by_text("Skrivaren är utbytt nu.")).to_be_visible()
    erik.get_by_role("link", name="Forumets ägarsida").first.click()
    expect(erik.get_by_role("heading", level=1)).to_have_text("Ägarsida för IT-frågor")
    expect(erik.get_by_role("heading", name="Anmälningar om innehåll i forumet")).to_be_visible()
    assert_accessible(erik)

    anna.goto("/notiser/")
    expect(anna.get_by_text("skrev i diskussionen ”Skrivaren på plan 3 skriver inte ut”")
           ).to_be_visible()
    assert_accessible(anna)
    anna.goto("/forum/it-fragor/")
    expect(anna.get_by_role("link", name="Nya inlägg i Skrivaren på plan 3 skriver inte ut")
           ).to_be_visible()
    assert_accessible(anna)
    anna.goto(discussion_url)
    anna.get_by_role("link", name="Första olästa inlägget").click()
    expect(anna).to_have_url(re.compile(r"#inlagg-\d+$"))
    target = anna.url.rsplit("#", 1)[1]
    expect(anna.locator(f"#{target}")).to_contain_text("Skrivaren är utbytt nu.")
    anna.context.close()
    erik.context.close()


def test_erik_asks_to_decommission_a_discussion_and_webbredaktionen_archives_it(
        browser, live_server, demo):
    erik = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(erik, "erik")
    erik.goto("/forum/it-fragor/")
    erik.get_by_role("link", name="Tips: kortkommandon i e-posten").click()
    erik.get_by_text("Begär att diskussionen avvecklas").click()
    assert_accessible(erik)
    erik.get_by_label("Varför ska diskussionen avvecklas?").fill("Tipsen finns nu på Insidan.")
    erik.get_by_role("button", name="Skicka till webbredaktionen").click()
    expect(erik.get_by_text("Begäran om avveckling är skickad till webbredaktionen.")
           ).to_be_visible()
    expect(erik.get_by_text("Tipsen finns nu på Insidan.")).to_be_visible()
    assert_accessible(erik)

    webbred = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(webbred, "webbred")
    webbred.goto("/forum/")
    webbred.get_by_role("link", name="Forum att bevaka").click()
    assert_accessible(webbred)
    webbred.get_by_role("button", name="Arkivera och avveckla Tips: kortkommandon i e-posten"
                        ).click()
    expect(webbred.get_by_text("är arkiverat och avvecklat")).to_be_visible()
    assert_accessible(webbred)

    erik.goto("/forum/it-fragor/")
    expect(erik.get_by_role("link", name="Tips: kortkommandon i e-posten")).to_have_count(0)
    erik.context.close()
    webbred.context.close()
