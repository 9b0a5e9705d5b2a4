"""A room owner gives the room an illustration with its alt text (issue 20, "Grafisk
profil"); it shows, loaded, in the room's presentation and in the room directory, with the alt
text as its accessible name, and axe finds no violations on the pages involved."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALT = "Illustration: ett arkivskåp med en grön bock"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 110, 70)).save(buffer, "PNG")
    return buffer.getvalue()


def loaded(image) -> bool:
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_erik_adds_an_illustration_shown_in_the_presentation_and_the_directory(page, demo):
    log_in(page, "erik")
    page.goto("/rum/styrgrupp-e-arkiv/")
    page.get_by_role("link", name=re.compile("Hantera rummet")).click()
    expect(page.get_by_role("heading", name="Rummets bild")).to_be_visible()
    expect(page.get_by_text("rätt att använda (upphovsrätt)")).to_be_visible()
    assert_accessible(page)

    # Without alt text: refused, said in Swedish beside the field, nothing stored.
    page.get_by_label("Bild eller illustration").set_input_files(
        files=[{"name": "arkiv.png", "mimeType": "image/png", "buffer": png()}])
    page.get_by_role("button", name="Spara bilden").click()
    expect(page.get_by_text("Skriv en alternativtext som beskriver bilden")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Bild eller illustration").set_input_files(
        files=[{"name": "arkiv.png", "mimeType": "image/png", "buffer": png()}])
    page.get_by_label("Alternativtext").fill(ALT)
    page.get_by_role("button", name="Spara bilden").click()
    expect(page.get_by_role("status")).to_contain_text("Rummets bild är sparad")
    assert_accessible(page)

    page.goto("/rum/styrgrupp-e-arkiv/")
    presentation_image = page.get_by_role("img", name=ALT)
    expect(presentation_image).to_be_visible()
    assert loaded(presentation_image)
    assert_accessible(page)

    page.goto("/rum/")
    directory_image = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Styrgrupp e-arkiv")).get_by_role("img", name=ALT)
    expect(directory_image).to_be_visible()
    assert loaded(directory_image)
    # The demo's art club has its illustration too.
    expect(page.get_by_role("img", name=re.compile("målarpalett"))).to_be_visible()
    assert_accessible(page)
