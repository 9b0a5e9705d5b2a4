"""The mail server is down: notifications are kept in the app, and neither the immediate e-mail
nor the daily digest is marked sent, so both go out once the server is back."""

import smtplib
import socket

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import TaskResultStatus
from notifications.models import Notification

from forums.actions import reply
from insidan.archive.actions import archive_then_remove
from insidan.notify.events import Event
from insidan.notify.models import DigestLog
from insidan.notify.tasks import send_digests

pytestmark = pytest.mark.django_db

REASON = "Personangrepp"


class RefusingBackend(BaseEmailBackend):
    """A mail server that answers and refuses every message (injected fault)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPResponseException(421, b"4.3.2 Service not available")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture(params=["refusing", "unreachable"])
def mail_down(request, settings):
    if request.param == "refusing":
        settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    else:  # Django's own SMTP backend against a loopback port where no server listens
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
        settings.EMAIL_TIMEOUT = 5

    def back_up():
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return back_up


def test_immediate_email_is_kept_and_goes_out_when_the_server_is_back(
    mail_down, media, client, webbred, employee, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        archive_then_remove(actor=webbred, item=post, reason=REASON)

    notice = Notification.objects.get(recipient=employee, verb=Event.CONTENT_REMOVED)
    assert not notice.emailed
    client.force_login(employee)
    assert REASON in client.get("/notiser/").content.decode()  # kept in the app

    mail_down()  # the server is back; the daily digest run retries
    assert send_digests.call() == 1
    assert [m.to for m in mail.outbox] == [[employee.email]]
    assert REASON in mail.outbox[0].body
    notice.refresh_from_db()
    assert notice.emailed
    assert send_digests.call() == 0  # sent once, not again


def test_digest_is_not_marked_sent_while_the_server_is_down(
    mail_down, employee, other_employee, discussion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=other_employee, discussion=discussion, body="Vi har också söndagsöppet.")
    notice = Notification.objects.get(recipient=employee, verb=Event.NEW_POST_FOLLOWED)

    failed = send_digests.enqueue()

    assert failed.status == TaskResultStatus.FAILED
    assert not DigestLog.objects.filter(user=employee).exists()
    notice.refresh_from_db()
    assert not notice.emailed and notice.unread

    mail_down()
    retried = send_digests.enqueue()
    assert retried.status == TaskResultStatus.SUCCESSFUL and retried.return_value == 1
    assert [m.to for m in mail.outbox] == [[employee.email]]
    assert "skrev i diskussionen" in mail.outbox[0].body
    assert DigestLog.objects.get(user=employee).last_sent_at >= notice.timestamp
    notice.refresh_from_db()
    assert notice.emailed
