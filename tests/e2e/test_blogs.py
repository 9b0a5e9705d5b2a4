import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POST = "Nytt lösenordssystem i mars"


def test_anna_comments_erik_answers_from_his_unanswered_list(browser, live_server, demo):
    anna = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(anna, "anna")
    anna.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Bloggar").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Bloggar")
    assert_accessible(anna)
    anna.get_by_role("link", name="IT-bloggen").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("IT-bloggen")
    assert_accessible(anna)
    anna.get_by_role("link", name=POST).first.click()
    expect(anna.get_by_role("heading", level=1)).to_have_text(POST)
    anna.get_by_label("Din kommentar").fill("Behöver vi **byta** lösenord själva?")
    anna.get_by_role("button", name="Kommentera").click()
    expect(anna.locator("strong", has_text="byta")).to_be_visible()
    assert_accessible(anna)

    erik = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    log_in(erik, "erik")
    erik.goto("/bloggar/obesvarade/")
    expect(erik.get_by_role("heading", level=1)).to_have_text("Obesvarade kommentarer")
    expect(erik.get_by_text("Behöver vi byta lösenord själva?")).to_be_visible()
    assert_accessible(erik)
    item = erik.locator(".blog-unanswered__item", has_text="Behöver vi byta lösenord själva?")
    item.get_by_role("link", name="Svara").click()
    comment = erik.locator(".comment", has_text="Behöver vi byta lösenord själva?")
    comment.locator("summary").click()
    comment.get_by_label("Ditt svar").fill("Nej, det sker automatiskt.")
    comment.get_by_role("button", name="Skicka svaret").click()
    expect(erik.get_by_text("Nej, det sker automatiskt.")).to_be_visible()
    erik.goto("/bloggar/obesvarade/")
    expect(erik.get_by_text("Behöver vi byta lösenord själva?")).to_have_count(0)

    anna.goto("/notiser/")
    expect(anna.get_by_text("svarade på din kommentar").first).to_be_visible()
    assert_accessible(anna)
    anna.context.close()
    erik.context.close()


def test_anna_follows_a_blog_and_sees_its_new_post_on_the_start_page(page):
    from blogs.tests.factories import make_blog, make_post
    from profiles.tests.factories import UserFactory

    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    blog = make_blog(erik, name="Kvalitetsbloggen")
    log_in(page, "anna")
    page.goto(blog.get_absolute_url())
    page.get_by_role("button", name="Följ bloggen").click()
    expect(page.get_by_role("button", name="Sluta följa bloggen")).to_be_visible()
    expect(page.locator("#folj-blogg-status")).to_have_text(
        "Du följer bloggen och får en notis om nya inlägg.")
    assert_accessible(page)

    make_post(blog, actor=erik, title="Ny rutin för avvikelser", body="Om **avvikelser**.")
    page.goto("/")
    item = page.locator(".feed-item", has_text="Ny rutin för avvikelser")
    expect(item).to_contain_text("i bloggen Kvalitetsbloggen som du följer")
    expect(page.locator("a.bell")).to_contain_text("1 olästa")
    assert_accessible(page)
