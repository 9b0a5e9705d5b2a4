"""Background delivery of notifications: rows for the bell and the list, e-mail at once for the
events each recipient wants at once, and the daily digest for the rest."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task
from notifications.models import Notification

from insidan.accounts.language import language_of, with_languages

from .events import Event
from .models import DigestLog, NotificationPreference, default_delivery
from .selectors import visible

logger = logging.getLogger(__name__)


def delivery_for(user_ids: list[int], event: str) -> dict[int, str]:
    """Each user's chosen delivery for `event` (the default where they chose nothing)."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, event=event)
        .values_list("user_id", "delivery")
    )
    return {pk: chosen.get(pk, default_delivery(event)) for pk in user_ids}


def _link(url: str) -> str:
    from .api import absolute_url  # api imports this module

    return absolute_url(url)


@task()
def deliver(payload: dict) -> int:
    User = get_user_model()
    actor_type = ContentType.objects.get_for_id(payload["actor"][0])
    target_type = ContentType.objects.get_for_id(payload["target"][0])
    recipients = list(with_languages(
        User.objects.filter(pk__in=payload["recipient_ids"], is_active=True)))
    immediate = {
        pk for pk, how in delivery_for([r.pk for r in recipients], payload["event"]).items()
        if how == "immediate"
    }
    now = timezone.now()
    texts = payload.get("messages") or {}

    def text_for(recipient) -> str:
        """The message in the recipient's language, when it was built in each."""
        return texts.get(language_of(recipient)) or payload["message"]

    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=recipient,
                actor_content_type=actor_type,
                actor_object_id=payload["actor"][1],
                verb=payload["event"],
                description=text_for(recipient),
                target_content_type=target_type,
                target_object_id=payload["target"][1],
                data={"url": payload["url"]},
                timestamp=now,
            )
            for recipient in recipients
        ],
        batch_size=1000,
    )
    _email_at_once(
        [n for n in notifications if n.recipient.pk in immediate and n.recipient.email],
        payload=payload,
    )
    return len(recipients)


def _email_at_once(notifications: list[Notification], *, payload: dict) -> None:
    """Each notification is marked e-mailed only once the mail server has taken its e-mail.
    When the server is down the rest stay unmarked and are kept in the app; the next digest
    (digest_for) carries them, so an e-mail that could not be sent is retried, not lost."""
    sent: list[int] = []
    try:
        with get_connection(fail_silently=False) as connection:
            for notification in notifications:
                # In the recipient's language (their choice, else Swedish), not the writer's.
                with override(language_of(notification.recipient)):
                    subject = f"Insidan: {Event(payload['event']).label}"
                    body = _email_body(notification.recipient, notification.description,
                                       payload["url"])
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL,
                             [notification.recipient.email], connection=connection).send()
                sent.append(notification.pk)
    except (smtplib.SMTPException, OSError):
        logger.exception("E-postservern tog inte emot notiserna; de skickas med nästa "
                         "sammanfattning (%s av %s skickades).", len(sent), len(notifications))
    finally:
        Notification.objects.filter(pk__in=sent).update(emailed=True)


def _email_body(recipient, message: str, url: str) -> str:
    # Plain text only: nothing a user wrote is ever interpreted as HTML in an e-mail.
    return _("Hej %(name)s!\n\n%(message)s\n\nLäs mer: %(link)s\n\nDu väljer vilka notiser du "
             "får med e-post under %(prefs)s\n") % {
        "name": recipient.first_name or recipient.username,
        "message": message,
        "link": _link(url),
        "prefs": _link("/notiser/installningar/"),
    }


def digest_for(user) -> list[Notification]:
    """What the user's next digest holds: unread, not yet e-mailed, since the last digest, for
    events they want in the digest (or wanted at once, when that e-mail could not be sent),
    about things they may still see."""
    since = getattr(getattr(user, "digest_log", None), "last_sent_at", None)
    notifications = Notification.objects.filter(
        recipient=user, unread=True, emailed=False, deleted=False
    ).order_by("timestamp")
    if since is not None:
        notifications = notifications.filter(timestamp__gt=since)
    wanted: dict[str, str] = {}
    candidates = []
    for notification in notifications.select_related("target_content_type"):
        if notification.verb not in wanted:
            wanted[notification.verb] = delivery_for([user.pk], notification.verb)[user.pk]
        if wanted[notification.verb] in ("digest", "immediate"):
            candidates.append(notification)
    return visible(user, candidates)


@task()
def send_digests() -> int:
    """One e-mail per user with everything unread since their last digest (run daily)."""
    User = get_user_model()
    sent = 0
    candidates = User.objects.filter(
        is_active=True, notifications__unread=True, notifications__emailed=False
    ).exclude(email="").distinct()
    for user in with_languages(candidates.select_related("digest_log")):
        # The digest covers up to this moment: what arrives while it is sent goes in the next.
        started = timezone.now()
        items = digest_for(user)
        if not items:
            continue
        with override(language_of(user)):
            body = render_to_string("notify/digest.txt", {
                "user": user, "items": items, "site": _link(""),
                "prefs": _link("/notiser/installningar/"),
            })
            subject = _("Insidan: dina notiser (%(count)s)") % {"count": len(items)}
        # Sent first, marked after: if the mail server refuses, the task fails here and
        # nothing is marked, so the next run sends the same digest again.
        with transaction.atomic():
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed=True)
            DigestLog.objects.update_or_create(user=user, defaults={"last_sent_at": started})
        sent += 1
    return sent
