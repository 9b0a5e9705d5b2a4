"""Two everyday journeys in a real browser, with axe on every page visited.

1. Anna's comment with a personnummer is refused: the page comes back at the comment form with
   her text still in the field, the reason next to it, and the focus on the field; nothing is
   saved. She rewrites it and the comment is published.
2. Webbredaktionen publishes new room terms in the admin (Villkor → Lägg till); Erik, who owns
   a room and accepted the previous version, is sent to the new terms (with what changed) when
   he approves a membership application, accepts them, and the approval then goes through.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from blogs.tests.factories import make_blog, make_post
from collab import actions as room_actions
from collab.models import Membership
from collab.tests.factories import make_room
from insidan.comments.models import Comment
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind, TermsAcceptance, TermsVersion
from profiles.tests.factories import UserFactory
from tests.e2e.conftest import AXE_TAGS, assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POST = "Nytt lösenordssystem i mars"
REFUSED = "Ring mig, mitt personnummer är 811218-9876."
REWRITTEN = "Ring mig på jobbet, så tar vi det därifrån."

ROOM = "Projekt Nya Insidan"
NEW_TERMS = "Villkor för samarbetsrum 2027"
CHANGED = "Ägaren ska se över rummets medlemmar en gång om året."

# Wagtail's own markup that fails axe, left out of the check where it shows; the rest of each
# admin page is checked (as tests/e2e/test_journeys.py and test_archive.py do):
# - the rich text editor's (Draftail's) contenteditable has no accessible name: its visible
#   label is not tied to it;
# - the green success message after saving ("Villkor ... skapad", with its "Redigera" button)
#   has white text on #21896a, a contrast of 4.32:1, under the 4.5:1 of WCAG 2.1 AA.
# Both are Wagtail's to fix.
WAGTAIL_EDITOR_FIELD = [".public-DraftEditor-content"]
WAGTAIL_SUCCESS_MESSAGE = [".messages .success"]


def assert_accessible_except(page, *wagtail_parts: list[str]) -> None:
    results = Axe().run(page, context={"exclude": list(wagtail_parts)},
                        options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_a_refused_comment_keeps_its_text_shows_the_reason_and_has_the_focus(page):
    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    blog = make_blog(erik, name="IT-bloggen")
    post = make_post(blog, actor=erik, title=POST, body="Alla byter lösenord i **mars**.")
    log_in(page, "anna")

    page.goto(post.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(POST)
    assert_accessible(page)
    form = page.locator("form#kommentera")
    field = form.get_by_label("Din kommentar")
    field.fill(REFUSED)
    form.get_by_role("button", name="Kommentera").click()

    # Back on the post, at the form, with the text kept and the reason next to the field.
    expect(page).to_have_url(re.compile(re.escape(post.get_absolute_url()) + "$"))
    expect(field).to_have_value(REFUSED)
    reason = form.locator(".field", has=page.locator("textarea[name=text]")).locator(".error")
    expect(reason).to_have_count(1)
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("personnummer")
    # The field is marked invalid, described by the reason, and has the focus.
    expect(field).to_have_attribute("aria-invalid", "true")
    reason_id = reason.get_attribute("id")
    assert reason_id, "the reason has no id for aria-describedby to point at"
    expect(field).to_have_attribute("aria-describedby", re.compile(rf"(^|\s){reason_id}(\s|$)"))
    expect(field).to_have_accessible_description(re.compile("personnummer"))
    expect(field).to_be_focused()
    assert page.evaluate(
        "() => document.activeElement.tagName + ':' + document.activeElement.name"
    ) == "TEXTAREA:text"
    assert not Comment.objects.filter(comment__contains="811218").exists()
    assert Comment.objects.count() == 0
    expect(page.get_by_text("Inga kommentarer än.")).to_be_visible()
    assert_accessible(page)

    field.fill(REWRITTEN)
    form.get_by_role("button", name="Kommentera").click()
    comment = page.locator(".comment", has_text=REWRITTEN)
    expect(comment).to_be_visible()
    expect(comment).to_contain_text("Anna Lindqvist")
    expect(form.locator(".error")).to_have_count(0)
    expect(field).to_have_value("")
    assert list(Comment.objects.values_list("comment", flat=True)) == [REWRITTEN]
    assert_accessible(page)


def test_webbredaktionen_publishes_new_terms_and_the_owner_accepts_before_acting(
    browser, live_server
):
    webbred = UserFactory(username="webbred", first_name="Wilma", last_name="Eriksson")
    webbred.groups.add(Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP))
    erik = UserFactory(username="erik", first_name="Erik", last_name="Bergström")
    anna = UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    first = publish_terms(actor=webbred, kind=ChannelKind.ROOM, title="Villkor för samarbetsrum",
                          body="<p>Jag tar ansvar för rummet.</p>")
    room = make_room(erik, closed=True, name=ROOM)  # Erik accepts version 1 when he starts it
    assert TermsAcceptance.objects.filter(user=erik, terms=first).exists()
    room_actions.apply_for_membership(actor=anna, room=room, message="Jag vill vara med.")

    admin = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    admin.set_default_timeout(15_000)
    log_in(admin, "webbred")
    admin.goto("/admin/")
    # Webbredaktionen's admin home: the panels of what waits for them, accessible.
    expect(admin.get_by_role("heading", name=re.compile("^Anmälningar att besluta om"))
           ).to_be_visible()
    expect(admin.locator("#panel-ogonblicksbilder")).to_contain_text("Nästa schemalagda:")
    assert_accessible(admin)
    admin.get_by_role("link", name="Villkor", exact=True).click()
    expect(admin).to_have_url(re.compile(r"/admin/terms/$"))
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Villkor")
    assert_accessible(admin)
    admin.get_by_role("link", name=re.compile("^Lägg till")).first.click()
    expect(admin).to_have_url(re.compile(r"/admin/terms/new/$"))
    admin.get_by_label(re.compile("^Kanaltyp")).select_option(ChannelKind.ROOM.value)
    admin.get_by_label(re.compile("^Rubrik")).fill(NEW_TERMS)
    admin.get_by_label(re.compile("^Vad som ändrats")).fill(CHANGED)
    body = admin.locator(".Draftail-Editor [contenteditable='true']")
    body.click()
    admin.keyboard.type("Ägaren ansvarar för rummets innehåll och medlemmar.")
    assert_accessible_except(admin, WAGTAIL_EDITOR_FIELD)
    admin.get_by_role("button", name="Skapa", exact=True).click()

    expect(admin).to_have_url(re.compile(r"/admin/terms/$"))
    published = TermsVersion.objects.get(kind=ChannelKind.ROOM, title=NEW_TERMS)
    assert (published.version, published.published_by, published.change_summary) == (
        2, webbred, CHANGED)
    assert "Ägaren ansvarar för rummets innehåll och medlemmar." in published.body
    row = admin.get_by_role("row", name=re.compile(NEW_TERMS))
    expect(row).to_contain_text("v2")
    expect(row.get_by_role("cell", name="2", exact=True)).to_be_visible()
    expect(admin.locator(".messages .success")).to_be_visible()
    assert_accessible_except(admin, WAGTAIL_SUCCESS_MESSAGE)
    admin.reload()  # the message is shown once; the listing itself is checked whole
    expect(admin.get_by_role("row", name=re.compile(NEW_TERMS))).to_be_visible()
    assert_accessible(admin)

    owner = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    owner.set_default_timeout(15_000)
    log_in(owner, "erik")
    owner.goto(room.get_absolute_url())
    owner.get_by_role("link", name=re.compile("Hantera rummet")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(f"Hantera {ROOM}")
    expect(owner.get_by_text("Jag vill vara med.")).to_be_visible()
    assert_accessible(owner)
    owner.get_by_role("button", name="Godkänn Anna Lindqvist").click()

    # Asked to accept the new version first, with what changed, and nothing done yet.
    expect(owner).to_have_url(re.compile(r"/villkor/room/\?next="))
    expect(owner.get_by_role("status")).to_contain_text(
        "Du behöver godkänna de nya villkoren för samarbetsrum (version 2) först.")
    expect(owner.get_by_role("heading", level=1)).to_have_text(NEW_TERMS)
    expect(owner.get_by_text(re.compile(r"version 2, publicerad"))).to_be_visible()
    expect(owner.get_by_role("heading", name="Vad som har ändrats")).to_be_visible()
    expect(owner.get_by_text(CHANGED)).to_be_visible()
    expect(owner.get_by_text("Ägaren ansvarar för rummets innehåll och medlemmar.")).to_be_visible()
    assert not Membership.objects.filter(room=room, user=anna).exists()
    assert_accessible(owner)
    owner.get_by_label("Jag har läst villkoren och tar ansvar för kanalen enligt dem.").check()
    owner.get_by_role("button", name="Godkänn villkoren").click()

    # Back where he was; the approval now goes through.
    expect(owner).to_have_url(re.compile(rf"/rum/{room.slug}/hantera/$"))
    expect(owner.get_by_role("status")).to_contain_text("Tack, du har godkänt villkoren.")
    assert TermsAcceptance.objects.filter(user=erik, terms=published).exists()
    assert_accessible(owner)
    owner.get_by_role("button", name="Godkänn Anna Lindqvist").click()
    expect(owner.get_by_role("status")).to_contain_text("Ansökan är godkänd")
    expect(owner.get_by_text("Inga ansökningar väntar.")).to_be_visible()
    expect(owner.get_by_role("row", name=re.compile("Anna Lindqvist"))).to_contain_text("Medlem")
    assert Membership.objects.filter(room=room, user=anna).exists()
    assert_accessible(owner)
    for page in (admin, owner):
        page.context.close()
