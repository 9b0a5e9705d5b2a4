"""The only place that sends notifications (in-app and e-mail).

Content apps call `send` inside their action's transaction; nothing is written until the
transaction commits, and the fan-out runs as a background task (django-tasks), so a post in a
forum followed by thousands does not slow the request and a rolled-back action notifies nobody.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import translation

from .events import Event
from .tasks import deliver


def _texts(message) -> dict:
    """The payload's message: as given, or built in every language of the site."""
    if not callable(message):
        return {"message": str(message)}
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(message())
    return {"message": texts[settings.LANGUAGE_CODE], "messages": texts}


def absolute_url(path: str) -> str:
    """A path on this site as a whole link, for e-mails and other text read outside the site
    (SITE_URL, which follows PORT under `make run`)."""
    return settings.SITE_URL.rstrip("/") + path


def send(
    *,
    event: Event,
    recipients: Iterable,
    actor: Model,
    target: Model,
    message: str | Callable[[], str],
    url: str,
) -> None:
    """Queue one notification per recipient (never to the actor themselves).

    `message` is plain text (it is escaped wherever shown); `url` is a path on this site.
    Pass the message as a function that builds it (`lambda: _("...") % {...}`) and each
    recipient reads it in their own language (insidan.accounts.language), not the writer's:
    it is built here once per language of the site.
    `recipients` may be a queryset of users (followers, a group): then only their ids are read
    here, in one query, and the notifications are written by the task.
    """
    actor_pk = getattr(actor, "pk", None)
    is_user_actor = isinstance(actor, get_user_model())
    if isinstance(recipients, QuerySet):
        active = set(recipients.filter(is_active=True).values_list("pk", flat=True))
    else:
        active = {r.pk for r in recipients if r is not None and r.is_active}
    recipient_ids = sorted(active - ({actor_pk} if is_user_actor else set()))
    if not recipient_ids:
        return
    actor_type = ContentType.objects.get_for_model(actor)
    target_type = ContentType.objects.get_for_model(target)
    payload = {
        "event": str(event),
        "recipient_ids": recipient_ids,
        "actor": [actor_type.pk, str(actor.pk)],
        "target": [target_type.pk, str(target.pk)],
        **_texts(message),
        "url": url,
    }
    # robust: the action has committed; a queue that cannot take the task must not turn the
    # user's success into an error page (the failure is logged by Django).
    transaction.on_commit(lambda: deliver.enqueue(payload), robust=True)
