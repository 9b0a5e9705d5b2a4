"""Background delivery of notifications: rows for the bell and the list, and e-mail at once
for the events that concern the recipient directly."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _
from django_tasks import task
from notifications.models import Notification

from .events import IMMEDIATE_EMAIL, Event


@task()
def deliver(payload: dict) -> int:
    User = get_user_model()
    actor_type = ContentType.objects.get_for_id(payload["actor"][0])
    target_type = ContentType.objects.get_for_id(payload["target"][0])
    recipients = list(User.objects.filter(pk__in=payload["recipient_ids"], is_active=True))
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=recipient,
                actor_content_type=actor_type,
                actor_object_id=payload["actor"][1],
                verb=payload["event"],
                description=payload["message"],
                target_content_type=target_type,
                target_object_id=payload["target"][1],
                data={"url": payload["url"]},
            )
            for recipient in recipients
        ],
        batch_size=1000,
    )
    if Event(payload["event"]) in IMMEDIATE_EMAIL:
        send_mass_mail(
            [_email(payload, recipient) for recipient in recipients if recipient.email],
            fail_silently=False,
        )
    return len(recipients)


def _email(payload: dict, recipient) -> tuple[str, str, str, list[str]]:
    subject = f"Insidan: {Event(payload['event']).label}"
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + payload["url"]
    body = _("Hej %(name)s!\n\n%(message)s\n\nLäs mer: %(link)s\n") % {
        "name": recipient.first_name or recipient.username,
        "message": payload["message"],
        "link": link,
    }
    return subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email]
