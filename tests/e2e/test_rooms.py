import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_anna_applies_erik_approves_anna_sees_the_discussions(page, demo):
    log_in(page, "anna")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Samarbetsrum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samarbetsrum")
    assert_accessible(page)

    page.get_by_role("link", name="Styrgrupp e-arkiv").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Styrgrupp e-arkiv")
    expect(page.get_by_role("heading", name="Diskussioner")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Meddelande till rummets ägare").fill("Jag vill följa arbetet med e-arkiv.")
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("status")).to_contain_text("Din ansökan är skickad")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, "erik")
    page.goto("/rum/styrgrupp-e-arkiv/")
    page.get_by_role("link", name=re.compile("Hantera rummet")).click()
    expect(page.get_by_text("Jag vill följa arbetet med e-arkiv.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Godkänn Anna Lindqvist").click()
    expect(page.get_by_role("status")).to_contain_text("Ansökan är godkänd")
    page.goto("/rum/styrgrupp-e-arkiv/dokument/")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, "anna")
    page.goto("/rum/styrgrupp-e-arkiv/")
    expect(page.get_by_role("heading", name="Diskussioner")).to_be_visible()
    expect(page.get_by_role("link", name="Välkommen till rummet!")).to_be_visible()
    expect(page.get_by_role("link", name="Plan för våren")).to_be_visible()
    assert_accessible(page)
    page.goto("/rum/ny/")
    assert_accessible(page)
