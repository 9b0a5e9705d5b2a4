"""The issue's end-to-end journeys (#11 part 5) in a real browser, with axe on every page
visited.

1. Erik starts a closed room; Anna finds it in search and applies; Erik approves; Anna posts in
   its discussion; a non-member gets 404 on that discussion and does not find it in search.
2. Anna requests a forum; Webbredaktionen approves it in the admin; Anna starts a discussion;
   Erik replies.
3. A writer publishes a blog post in the admin; Anna comments; the writer answers from
   "Obesvarade kommentarer" (tests/e2e/test_blogs.py starts from a seeded post).
4. What tests/e2e/test_report_journey.py leaves out: Erik, as the channel's owner, and
   Webbredaktionen discuss the case before it is decided. That file has the rest (the
   tombstone with the reason and the rules link, both notified, the archive record).
5. Erik asks to decommission his room; Webbredaktionen archives and removes it from
   /rum/bevakning/; the archive package passes the E-ARK validator.
6. Journey 1 with the keyboard only: Tab, Enter, Space, the arrow keys within a radio group,
   and typing.
"""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from blogs.models import BlogPage
from forums.actions import start_discussion
from forums.models import Forum
from insidan.archive.models import ArchiveRecord, Snapshot, SnapshotKind
from insidan.archive.tests.test_package import findings, is_known_defect, run_validator
from insidan.moderation.actions import report_item
from tests.e2e.conftest import AXE_TAGS, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOM = "Solpaneler på stadshuset"
TOPIC = "Upphandling av växelriktare"
TAB_LIMIT = 250


class Mouse:
    """Clicks and fills like most people do."""

    def __init__(self, page):
        self.page = page

    def fill(self, locator, text: str) -> None:
        locator.fill(text)

    def choose(self, locator) -> None:
        locator.check()

    def follow(self, locator) -> None:
        """A link or a submit button: waits for the page it leads to."""
        with self.page.expect_navigation():
            locator.click()


class Keyboard(Mouse):
    """Only the keyboard: Tab moves the focus until it reaches the element, never a click."""

    def focus(self, locator) -> None:
        target = locator.element_handle()
        for _ in range(TAB_LIMIT):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("(el) => document.activeElement === el", target):
                return
        raise AssertionError(f"Tab never reaches {locator}")

    def fill(self, locator, text: str) -> None:
        self.focus(locator)
        self.page.keyboard.type(text)

    def choose(self, locator) -> None:
        """A checkbox: Space. A radio button: Tab reaches its group, the arrow keys move."""
        target = locator.element_handle()
        if target.get_attribute("type") == "radio":
            name = target.get_attribute("name")
            for _ in range(TAB_LIMIT):
                self.page.keyboard.press("Tab")
                if self.page.evaluate("(n) => document.activeElement.name === n", name):
                    break
            for _ in range(10):
                if self.page.evaluate("(el) => document.activeElement === el", target):
                    break
                self.page.keyboard.press("ArrowDown")
        else:
            self.focus(locator)
        if not locator.is_checked():
            self.page.keyboard.press("Space")
        expect(locator).to_be_checked()

    def follow(self, locator) -> None:
        self.focus(locator)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


# Two fields of Wagtail's page editor have no accessible name: Draftail's contenteditable (its
# visible label is not tied to it) and the jQuery UI autocomplete input of the tag field. Both
# are Wagtail's markup; the rest of the editor page is checked.
WAGTAIL_UNNAMED_FIELDS = [[".public-DraftEditor-content"], [".ui-autocomplete-input"]]


def assert_accessible_except_wagtail_editor_fields(page) -> None:
    results = Axe().run(page, context={"exclude": WAGTAIL_UNNAMED_FIELDS},
                        options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def open_as(browser, live_server, driver, username: str):
    """A browser context of the user's own, logged in through the login form."""
    page = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    page.set_default_timeout(15_000)
    page.goto("/konto/logga-in/")
    ui = driver(page)
    ui.fill(page.get_by_label("Användarnamn"), username)
    ui.fill(page.get_by_label("Lösenord"), "demo")
    ui.follow(page.get_by_role("button", name="Logga in"))
    return page, ui


def menu(page, name: str):
    return page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name=name)


def search(page, ui, words: str) -> None:
    ui.follow(menu(page, "Sök"))
    ui.fill(page.get_by_label("Sök på Insidan"), words)
    ui.follow(page.get_by_role("button", name="Sök", exact=True))
    assert_accessible(page)


def erik_starts_a_closed_room(page, ui) -> None:
    ui.follow(menu(page, "Samarbetsrum"))
    assert_accessible(page)
    ui.follow(page.get_by_role("link", name="Starta ett rum"))
    ui.fill(page.get_by_label("Rummets namn"), ROOM)
    ui.choose(page.get_by_label("Slutet: medlemmar ansöker"))
    ui.fill(page.get_by_label("Syfte"), "Planera solpanelerna på stadshusets tak.")
    ui.fill(page.get_by_label("Målgrupp"), "Fastighetsavdelningen")
    ui.fill(page.get_by_label("När rummet bevakas"), "vardagar 8–17")
    ui.fill(page.get_by_label(re.compile("^Chef eller processledare")), "chef")
    ui.choose(page.get_by_label(re.compile("^Jag har läst villkoren för samarbetsrum")))
    assert_accessible(page)
    ui.follow(page.get_by_role("button", name="Starta rummet"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ROOM)
    assert_accessible(page)
    ui.follow(page.get_by_role("link", name="Alla diskussioner i rummet"))
    ui.fill(page.get_by_label("Rubrik"), TOPIC)
    ui.fill(page.get_by_label("Första inlägget"), "Vilka växelriktare ska vi välja?")
    ui.follow(page.get_by_role("button", name="Starta diskussionen"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TOPIC)
    assert_accessible(page)


def anna_finds_the_room_and_applies(page, ui) -> None:
    search(page, ui, "Solpaneler")
    ui.follow(page.get_by_role("link", name=ROOM))
    expect(page.get_by_role("heading", level=1)).to_have_text(ROOM)
    expect(page.get_by_role("link", name=TOPIC)).to_have_count(0)
    assert_accessible(page)
    ui.fill(page.get_by_label("Meddelande till rummets ägare"), "Jag arbetar med taket.")
    ui.follow(page.get_by_role("button", name="Skicka ansökan"))
    expect(page.get_by_role("status")).to_contain_text("Din ansökan är skickad")
    assert_accessible(page)


def to_the_room(page, ui) -> None:
    ui.follow(menu(page, "Samarbetsrum"))
    ui.follow(page.get_by_role("link", name=ROOM))


def erik_approves(page, ui) -> None:
    to_the_room(page, ui)
    ui.follow(page.get_by_role("link", name=re.compile("Hantera rummet")))
    expect(page.get_by_text("Jag arbetar med taket.")).to_be_visible()
    assert_accessible(page)
    ui.follow(page.get_by_role("button", name="Godkänn Anna Lindqvist"))
    expect(page.get_by_role("status")).to_contain_text("Ansökan är godkänd")
    assert_accessible(page)


def anna_posts_in_the_discussion(page, ui) -> str:
    to_the_room(page, ui)
    ui.follow(page.get_by_role("link", name=TOPIC))
    ui.fill(page.get_by_label("Ditt inlägg"), "Jag föreslår tre mindre växelriktare.")
    ui.follow(page.get_by_role("button", name="Skicka"))
    expect(page.get_by_text("Jag föreslår tre mindre växelriktare.")).to_be_visible()
    assert_accessible(page)
    discussion_path = urlsplit(page.url).path
    search(page, ui, "växelriktare")  # a member finds the discussion and the posts
    expect(links_to(page, discussion_path)).to_have_count(3)
    return discussion_path


def links_to(page, path: str):
    return page.locator(f'main a[href^="{path}"]')


def outsider_sees_nothing(page, ui, discussion_path: str) -> None:
    response = page.goto(discussion_path)
    assert response.status == 404
    expect(page.get_by_text("Jag föreslår tre mindre växelriktare.")).to_have_count(0)
    assert_accessible(page)
    search(page, ui, "växelriktare")
    expect(links_to(page, discussion_path)).to_have_count(0)
    expect(page.get_by_text(TOPIC)).to_have_count(0)
    expect(page.get_by_text("tre mindre")).to_have_count(0)


def closed_room_journey(browser, live_server, driver) -> None:
    erik, erik_ui = open_as(browser, live_server, driver, "erik")
    erik_starts_a_closed_room(erik, erik_ui)
    anna, anna_ui = open_as(browser, live_server, driver, "anna")
    anna_finds_the_room_and_applies(anna, anna_ui)
    erik_approves(erik, erik_ui)
    discussion_path = anna_posts_in_the_discussion(anna, anna_ui)
    outsider, outsider_ui = open_as(browser, live_server, driver, "chef")
    outsider_sees_nothing(outsider, outsider_ui, discussion_path)
    for page in (erik, anna, outsider):
        page.context.close()


def test_journey_1_closed_room_from_start_to_first_post(browser, live_server, demo):
    closed_room_journey(browser, live_server, Mouse)


def test_journey_6_the_same_with_the_keyboard_only(browser, live_server, demo):
    closed_room_journey(browser, live_server, Keyboard)


def test_journey_2_anna_requests_a_forum_webbredaktionen_approves(browser, live_server, demo):
    anna, ui = open_as(browser, live_server, Mouse, "anna")
    ui.follow(menu(anna, "Forum"))
    ui.follow(anna.get_by_role("link", name="Begär ett nytt forum"))
    ui.fill(anna.get_by_label("Forumets namn"), "Cykelpendlare")
    ui.fill(anna.get_by_label("Syfte"), "Tips om att cykla till jobbet året runt.")
    ui.fill(anna.get_by_label("Målgrupp"), "Alla medarbetare")
    ui.fill(anna.get_by_label("När forumet bevakas"), "vardagar 8–17")
    ui.fill(anna.get_by_label(re.compile("^Chef eller processledare")), "chef")
    ui.choose(anna.get_by_label(re.compile("^Jag har läst villkoren för forum")))
    assert_accessible(anna)
    ui.follow(anna.get_by_role("button", name="Skicka till webbredaktionen"))
    expect(anna.get_by_text(re.compile("Webbredaktionen har fått din begäran"))).to_be_visible()
    assert_accessible(anna)

    webbred, admin = open_as(browser, live_server, Mouse, "webbred")
    webbred.goto("/admin/forum-requests/")
    admin.follow(webbred.get_by_role("link", name="Cykelpendlare"))
    expect(webbred.get_by_text("Tips om att cykla till jobbet året runt.")).to_be_visible()
    assert_accessible(webbred)
    admin.follow(webbred.get_by_role("button", name="Godkänn och lägg upp forumet"))
    expect(webbred.get_by_text(re.compile("Beslutet är sparat"))).to_be_visible()

    ui.follow(menu(anna, "Forum"))
    ui.follow(anna.get_by_role("link", name="Cykelpendlare").first)
    assert_accessible(anna)
    ui.fill(anna.get_by_label("Rubrik"), "Vinterdäck på cykeln")
    ui.fill(anna.get_by_label("Första inlägget"), "Vilka dubbdäck använder ni?")
    ui.follow(anna.get_by_role("button", name="Starta diskussionen"))
    expect(anna.get_by_role("heading", level=1)).to_have_text("Vinterdäck på cykeln")
    assert_accessible(anna)

    erik, erik_ui = open_as(browser, live_server, Mouse, "erik")
    erik.goto(anna.url)
    erik_ui.fill(erik.get_by_label("Ditt inlägg"), "Jag kör med 240 dubbar, fungerar bra.")
    erik_ui.follow(erik.get_by_role("button", name="Skicka"))
    expect(erik.get_by_text("Jag kör med 240 dubbar, fungerar bra.")).to_be_visible()
    assert_accessible(erik)
    anna.reload()
    expect(anna.get_by_text("Jag kör med 240 dubbar, fungerar bra.")).to_be_visible()
    for page in (anna, webbred, erik):
        page.context.close()


def test_journey_5_decommissioned_room_is_archived_as_a_valid_package(
    browser, live_server, demo, settings, tmp_path
):
    settings.ARCHIVE_ROOT = tmp_path / "arkivpaket"
    room = "Projekt Nya Insidan"
    erik, ui = open_as(browser, live_server, Mouse, "erik")
    ui.follow(menu(erik, "Samarbetsrum"))
    ui.follow(erik.get_by_role("link", name=room))
    room_url = erik.url
    ui.follow(erik.get_by_role("link", name=re.compile("Hantera rummet")))
    ui.fill(erik.get_by_label("Varför ska rummet avvecklas?"), "Projektet är avslutat.")
    ui.follow(erik.get_by_role("button", name="Begär avveckling"))
    expect(erik.get_by_role("status")).to_contain_text("Begäran om avveckling är skickad")
    assert_accessible(erik)

    webbred, admin = open_as(browser, live_server, Mouse, "webbred")
    admin.follow(menu(webbred, "Samarbetsrum"))
    admin.follow(webbred.get_by_role("link", name="Rum att bevaka"))
    expect(webbred).to_have_url(re.compile("/rum/bevakning/$"))
    assert_accessible(webbred)
    admin.fill(webbred.get_by_label(f"Skäl till avvecklingen av {room}"),
               "Projektet är avslutat; ägaren har begärt avveckling.")
    admin.follow(webbred.get_by_role("button", name=f"Arkivera och avveckla {room}"))
    expect(webbred.get_by_role("status")).to_contain_text("är arkiverat och avvecklat")
    assert_accessible(webbred)

    erik.goto(room_url)
    expect(erik.get_by_text("Samarbetsrummet avvecklades")).to_be_visible()
    assert_accessible(erik)
    package = Snapshot.objects.get(kind=SnapshotKind.CHANNEL)
    assert package.channel_label.endswith(room)
    output = run_validator(Path(package.folder), tmp_path)
    errors = [m for m in findings(output, "Error") if not is_known_defect(m)]
    assert errors == [], json.dumps(errors, indent=2, ensure_ascii=False)
    assert output["report"]["metadata"]["schema_results"]["status"] == "VALID"
    for page in (erik, webbred):
        page.context.close()


def test_journey_4_the_owner_and_webbredaktionen_discuss_the_case(browser, live_server, demo):
    User = get_user_model()
    anna, erik = User.objects.get(username="anna"), User.objects.get(username="erik")
    discussion = start_discussion(actor=erik, forum=Forum.objects.get(name="IT-frågor"),
                                  title="Skrivarna", body="Den som köpte skrivarna är en idiot.")
    post = discussion.posts.get()
    report_item(actor=anna, item=post, category="defamation", text="Ett personangrepp.")

    webbred, admin = open_as(browser, live_server, Mouse, "webbred")
    webbred.goto("/admin/anmalningar/")
    admin.follow(webbred.get_by_role("link", name=re.compile("Erik Bergström i ”Skrivarna”")))
    admin.fill(webbred.get_by_label("Meddelande"), "Vill du formulera om inlägget själv?")
    admin.follow(webbred.get_by_role("button", name="Skicka till ägaren"))
    expect(webbred.get_by_text("Meddelandet är skickat till kanalens ägare.")).to_be_visible()

    owner, ui = open_as(browser, live_server, Mouse, "erik")
    ui.follow(owner.get_by_role("link", name="Anmälningar om mina kanaler"))
    assert_accessible(owner)
    ui.follow(owner.get_by_role("link", name=re.compile("”Skrivarna”")))
    expect(owner.get_by_text("Vill du formulera om inlägget själv?")).to_be_visible()
    expect(owner.get_by_text("anna", exact=True)).to_have_count(0)  # never who reported
    assert_accessible(owner)
    ui.fill(owner.get_by_label("Meddelande"), "Nej, ta bort det. Jag skrev i affekt.")
    ui.follow(owner.get_by_role("button", name="Skicka", exact=True))
    expect(owner.get_by_text("Nej, ta bort det. Jag skrev i affekt.")).to_be_visible()
    assert_accessible(owner)

    webbred.reload()
    expect(webbred.get_by_text("Nej, ta bort det. Jag skrev i affekt.")).to_be_visible()
    admin.choose(webbred.get_by_label("Borttaget"))
    admin.fill(webbred.get_by_label("Skäl"), "Personangrepp; ägaren instämmer")
    admin.follow(webbred.get_by_role("button", name="Fatta beslut"))
    owner.goto(discussion.get_absolute_url())
    expect(owner.locator(f"#inlagg-{post.pk}")).to_contain_text("Personangrepp; ägaren instämmer")
    assert_accessible(owner)
    record = ArchiveRecord.objects.get(object_type="forums.post", object_id=str(post.pk))
    assert record.content_text == "Den som köpte skrivarna är en idiot."
    for page in (webbred, owner):
        page.context.close()


def test_journey_3_a_writer_publishes_anna_comments_the_writer_answers(
    browser, live_server, demo
):
    """test_blogs.py starts from a seeded post; here the writer publishes it in the admin."""
    blog = BlogPage.objects.get(title="IT-bloggen")
    erik, ui = open_as(browser, live_server, Mouse, "erik")
    erik.goto(f"/admin/pages/add/blogs/blogpostpage/{blog.pk}/")
    erik.locator("#id_title").fill("Ny VPN-klient i maj")
    writer = get_user_model().objects.get(username="erik")
    erik.locator(f'input[name="writers"][value="{writer.pk}"]').check()
    body = erik.locator(".Draftail-Editor [contenteditable='true']")
    body.click()
    erik.keyboard.type("Den nya klienten installeras automatiskt på alla datorer.")
    assert_accessible_except_wagtail_editor_fields(erik)
    erik.get_by_role("button", name="Fler åtgärder").click()
    ui.follow(erik.get_by_role("button", name="Publicera"))
    expect(erik.get_by_text(re.compile("Ny VPN-klient i maj.*publicerad"))).to_be_visible()

    anna, anna_ui = open_as(browser, live_server, Mouse, "anna")
    anna_ui.follow(menu(anna, "Bloggar"))
    anna_ui.follow(anna.get_by_role("link", name="IT-bloggen"))
    anna_ui.follow(anna.get_by_role("link", name="Ny VPN-klient i maj").first)
    expect(anna.get_by_text("Den nya klienten installeras automatiskt")).to_be_visible()
    assert_accessible(anna)
    anna_ui.fill(anna.get_by_label("Din kommentar"), "Gäller det även surfplattor?")
    anna_ui.follow(anna.get_by_role("button", name="Kommentera"))
    expect(anna.get_by_text("Gäller det även surfplattor?")).to_be_visible()

    erik.goto("/bloggar/obesvarade/")
    waiting = erik.locator(".blog-unanswered__item", has_text="Gäller det även surfplattor?")
    assert_accessible(erik)
    ui.follow(waiting.get_by_role("link", name="Svara"))
    comment = erik.locator(".comment", has_text="Gäller det även surfplattor?")
    comment.locator("summary").click()
    comment.get_by_label("Ditt svar").fill("Nej, bara datorerna.")
    ui.follow(comment.get_by_role("button", name="Skicka svaret"))
    expect(erik.get_by_text("Nej, bara datorerna.")).to_be_visible()
    assert_accessible(erik)
    anna.reload()
    expect(anna.get_by_text("Nej, bara datorerna.")).to_be_visible()
    for page in (erik, anna):
        page.context.close()
