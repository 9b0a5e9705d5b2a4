import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_anna_logs_in_sees_start_page_and_logs_out(page, demo):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
    assert_accessible(page)

    log_in(page, "anna")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Anna")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    expect(nav.get_by_role("link", name="Personer")).to_be_visible()
    expect(nav.get_by_role("link", name="Min profil")).to_have_attribute("href", "/profil/anna/")
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/\?next=/"))


def test_wrong_password_shows_swedish_message(page, demo):
    log_in(page, "anna", password="fel")
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord")
    assert_accessible(page)


def test_rules_page_is_accessible_and_linked_from_every_page(page, demo):
    log_in(page, "anna")
    page.get_by_role("link", name="Regler för sociala funktioner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regler för sociala funktioner")
    expect(page.get_by_text("hets mot folkgrupp")).to_be_visible()
    assert_accessible(page)


def test_start_page_works_at_320_px(page, demo):
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, "anna")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    assert_accessible(page)
