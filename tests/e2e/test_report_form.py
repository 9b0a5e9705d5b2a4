"""The report form and "Mina anmälningar" in a real browser, checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from insidan.moderation.tests.factories import ModerationForumFactory, make_post
from profiles.tests.factories import UserFactory
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_anna_reports_a_post_and_sees_it_in_her_reports(page):
    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    post = make_post(author=erik, forum=ModerationForumFactory(name="IT-frågor"),
                     title="Skrivaren", body="Köp skrivare hos min frus firma!")
    log_in(page, "anna")

    page.goto(f"/anmal/forums.post/{post.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmäl till webbredaktionen")
    expect(page.get_by_text("Du anmäler:")).to_contain_text("Erik Bergström")
    assert_accessible(page)

    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Välj vad anmälan gäller.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Annat").check()
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_text("Skriv varför du anmäler när du har valt ”Annat”.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Kommersiella budskap eller reklam").check()
    page.get_by_label("Varför anmäler du?").fill("Reklam för ett privat företag.")
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page).to_have_url(re.compile(r"/anmalningar/mina/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Tack, webbredaktionen har fått din anmälan.")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Erik Bergström")
    expect(page.get_by_text("Webbredaktionen har inte avgjort ärendet än")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/anmal/forums.post/{post.pk}/")
    page.get_by_label("Kommersiella budskap eller reklam").check()
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_text("Du har redan anmält det här.")).to_be_visible()
