"""Keeping the search index in step with the content, without ever failing a save.

modelsearch connects a save and a delete handler to every indexed model (in wagtail.search's
ready()). What it does when the backend fails is no good here: the database backend raises
inside the save's transaction (the content is not saved), and Elasticsearch is logged and the
update lost. `take_over_index_updates` (SearchConfig.ready) puts `index_on_save` and
`index_on_delete` in their place: each update runs in a savepoint, and one that fails is kept
as a PendingIndexUpdate, committed together with the content, which `manage.py
retry_index_updates` (scheduled every few minutes) brings up to date once the backend is back.
"""

import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import task
from modelsearch import index
from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.backends import get_search_backends_with_name

from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

RETRY_BATCH = 500
_ORIGINAL_HANDLERS = (modelsearch_handlers.post_save_signal_handler,
                      modelsearch_handlers.post_delete_signal_handler)


def _update_backends(model: type[Model], pk: str) -> list[str]:
    """Add or update the object in every auto-updated backend, or take it out when it is gone
    or no longer indexed. The errors, one per failed backend."""
    obj = model._default_manager.filter(pk=pk).first()
    indexed = index.get_indexed_instance(obj) if obj is not None else None
    errors = []
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            with transaction.atomic():  # a failed database backend must not break the save
                if indexed is not None:
                    backend.add(indexed)
                else:
                    backend.delete(model(pk=pk))
        except Exception as error:
            logger.exception("Index update of %s %s failed in the '%s' search backend",
                             model._meta.label, pk, name)
            errors.append(f"{name}: {type(error).__name__}: {error}")
    return errors


def _keep_for_later(model: type[Model], pk: str, errors: list[str]) -> None:
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    pending, created = PendingIndexUpdate.objects.get_or_create(
        content_type=content_type, object_pk=pk, defaults={"last_error": "; ".join(errors)[:1000]},
    )
    if not created:
        PendingIndexUpdate.objects.filter(pk=pending.pk).update(
            attempts=F("attempts") + 1, last_error="; ".join(errors)[:1000],
            last_attempt_at=timezone.now())


def sync_object(model: type[Model], pk) -> bool:
    """Bring the index in line with the database for one object; False when a backend failed
    (the update is then pending)."""
    errors = _update_backends(model, str(pk))
    if errors:
        _keep_for_later(model, str(pk), errors)
    return not errors


@task()
def update_index_entry(app_label: str, model_name: str, pk: str) -> bool:
    return sync_object(apps.get_model(app_label, model_name), pk)


def index_on_save(instance, **kwargs) -> None:
    if kwargs.get("raw", False):
        return
    update_index_entry.enqueue(instance._meta.app_label, instance._meta.model_name,
                               str(instance.pk))


def index_on_delete(instance, **kwargs) -> None:
    sync_object(type(instance), instance.pk)


def take_over_index_updates() -> None:
    """Our handlers instead of modelsearch's, for every indexed model, whichever app's ready()
    runs first: the module's names are what wagtail.search connects later, and anything
    connected already is swapped here."""
    modelsearch_handlers.post_save_signal_handler = index_on_save
    modelsearch_handlers.post_delete_signal_handler = index_on_delete
    save_handler, delete_handler = _ORIGINAL_HANDLERS
    for model in index.get_indexed_models():
        if not getattr(model, "search_auto_update", True):
            continue
        post_save.disconnect(save_handler, sender=model)
        post_delete.disconnect(delete_handler, sender=model)
        post_save.connect(index_on_save, sender=model)
        post_delete.connect(index_on_delete, sender=model)


def retry_pending(limit: int = RETRY_BATCH) -> tuple[int, int]:
    """Retry the oldest pending updates; (done, still pending)."""
    done = failed = 0
    for pending in PendingIndexUpdate.objects.select_related("content_type")[:limit]:
        model = pending.content_type.model_class()
        if model is None:  # the model is gone: nothing left to index
            pending.delete()
            continue
        if sync_object(model, pending.object_pk):
            PendingIndexUpdate.objects.filter(pk=pending.pk).delete()
            done += 1
        else:
            failed += 1
    return done, failed


@task()
def retry_index_updates() -> list[int]:
    return list(retry_pending())
