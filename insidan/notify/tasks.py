"""Background delivery of notifications: rows for the bell and the list, e-mail at once for the
events each recipient wants at once, and the daily digest for the rest."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task
from notifications.models import Notification

from .events import Event
from .models import DigestLog, NotificationPreference, default_delivery
from .selectors import visible


def delivery_for(user_ids: list[int], event: str) -> dict[int, str]:
    """Each user's chosen delivery for `event` (the default where they chose nothing)."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, event=event)
        .values_list("user_id", "delivery")
    )
    return {pk: chosen.get(pk, default_delivery(event)) for pk in user_ids}


def _link(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


@task()
def deliver(payload: dict) -> int:
    User = get_user_model()
    actor_type = ContentType.objects.get_for_id(payload["actor"][0])
    target_type = ContentType.objects.get_for_id(payload["target"][0])
    recipients = list(User.objects.filter(pk__in=payload["recipient_ids"], is_active=True))
    immediate = {
        pk for pk, how in delivery_for([r.pk for r in recipients], payload["event"]).items()
        if how == "immediate"
    }
    now = timezone.now()
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
                timestamp=now,
                emailed=recipient.pk in immediate and bool(recipient.email),
            )
            for recipient in recipients
        ],
        batch_size=1000,
    )
    subject = f"Insidan: {Event(payload['event']).label}"
    send_mass_mail(
        [
            (subject, _email_body(recipient, payload["message"], payload["url"]),
             settings.DEFAULT_FROM_EMAIL, [recipient.email])
            for recipient in recipients
            if recipient.pk in immediate and recipient.email
        ],
        fail_silently=False,
    )
    return len(recipients)


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
    events they want in the digest, about things they may still see."""
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
        if wanted[notification.verb] == "digest":
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
    for user in candidates.select_related("digest_log"):
        items = digest_for(user)
        if not items:
            continue
        with override(settings.LANGUAGE_CODE):
            body = render_to_string("notify/digest.txt", {
                "user": user, "items": items, "site": _link(""),
                "prefs": _link("/notiser/installningar/"),
            })
            subject = _("Insidan: dina notiser (%(count)s)") % {"count": len(items)}
        with transaction.atomic():
            send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])])
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed=True)
            DigestLog.objects.update_or_create(user=user,
                                               defaults={"last_sent_at": timezone.now()})
        sent += 1
    return sent
