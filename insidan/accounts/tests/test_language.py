"""Insidan speaks Swedish unless the person chose English (issue 20, item 8): chef got a notice
in English because the reporter's browser was English. The browser's Accept-Language decides
nothing; the choice is kept on the profile; e-mails are framed in the recipient's language."""

import pytest
from django.core import mail
from django.test import Client

from insidan.moderation import actions as moderation
from insidan.moderation.models import ReportCategory
from insidan.moderation.tests.factories import make_post
from profiles.models import Profile

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def _page(client: Client, path: str = "/") -> str:
    response = client.get(path, **ENGLISH_BROWSER)
    assert response.status_code == 200
    return response.content.decode()


def test_an_english_browser_gets_swedish_until_the_person_chooses(employee):
    client = Client()
    assert '<html lang="sv">' in _page(client, "/konto/logga-in/")
    client.force_login(employee)
    assert '<html lang="sv">' in _page(client)
    response = client.post("/sprak/", {"language": "en", "next": "/"}, **ENGLISH_BROWSER)
    assert response.status_code == 302
    assert Profile.objects.get(user=employee).ui_language == "en"
    assert '<html lang="en">' in _page(client)
    # The choice is the person's, on every device: a new session with a Swedish browser.
    other_device = Client()
    other_device.force_login(employee)
    html = other_device.get("/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<html lang="en">' in html
    other_device.post("/sprak/", {"language": "sv", "next": "/"})
    assert Profile.objects.get(user=employee).ui_language == "sv"


def test_an_unknown_language_changes_nothing(client, employee):
    client.force_login(employee)
    client.post("/sprak/", {"language": "xx", "next": "/"})
    assert Profile.objects.get(user=employee).ui_language == ""
    assert '<html lang="sv">' in _page(client)


def test_the_language_costs_no_query(client, employee, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(employee)
    _page(client, "/regler/")
    with CaptureQueriesContext(connection) as swedish:
        _page(client, "/regler/")
    Profile.objects.filter(user=employee).update(ui_language="en")
    with CaptureQueriesContext(connection) as english:
        html = _page(client, "/regler/")
    assert '<html lang="en">' in html
    assert len(english) == len(swedish)


def test_a_report_from_an_english_browser_reaches_the_owner_in_swedish(
        client, employee, webbred, django_capture_on_commit_callbacks):
    post = make_post()
    owner = post.discussion.forum.owner
    client.force_login(employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/anmal/forums.post/{post.pk}/",
                               {"category": ReportCategory.DEFAMATION, "text": "Förolämpning."},
                               **ENGLISH_BROWSER)
    assert response.status_code == 302
    to_owner = [m for m in mail.outbox if owner.email in m.to]
    assert to_owner and to_owner[0].body.startswith("Hej ")
    assert "har anmälts till webbredaktionen" in to_owner[0].body


def test_e_mails_are_framed_in_the_recipients_chosen_language(
        employee, webbred, django_capture_on_commit_callbacks):
    post = make_post()
    owner = post.discussion.forum.owner
    Profile.objects.filter(user=owner).update(ui_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.report_item(actor=employee, item=post, category=ReportCategory.DEFAMATION,
                                text="Förolämpning.")
    to_owner = [m for m in mail.outbox if owner.email in m.to][0]
    to_webbred = [m for m in mail.outbox if webbred.email in m.to][0]
    assert to_owner.body.startswith("Hello ") and to_webbred.body.startswith("Hej ")


def test_each_recipient_reads_the_notice_in_their_own_language(
        client, employee, webbred, django_capture_on_commit_callbacks):
    """The notice is built in every language and each recipient gets theirs: an owner who
    chose English reads English, Webbredaktionen (never chose) Swedish, whatever the reporter
    uses."""
    from notifications.models import Notification

    post = make_post()
    owner = post.discussion.forum.owner
    Profile.objects.filter(user=owner).update(ui_language="en")
    Profile.objects.filter(user=employee).update(ui_language="en")  # the reporter: English
    client.force_login(employee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/anmal/forums.post/{post.pk}/",
                    {"category": ReportCategory.DEFAMATION, "text": "Förolämpning."})
    to_owner = Notification.objects.get(recipient=owner).description
    to_webbred = Notification.objects.get(recipient=webbred).description
    assert to_owner.startswith("Content you are responsible for has been reported")
    assert to_webbred.startswith("Ny anmälan:")
    owner_mail = [m for m in mail.outbox if owner.email in m.to][0]
    assert "Content you are responsible for" in owner_mail.body
