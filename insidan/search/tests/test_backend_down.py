"""When the search backend is down: search says so (200, never a 500), every other page works,
content is saved as usual and its index update is kept and retried later."""

import pytest
from django.core.management import call_command
from django.db.models.signals import post_save
from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.index import get_indexed_models

from forums import actions
from insidan.search import indexing, query, selectors
from insidan.search.models import PendingIndexUpdate

from . import broken_backend
from .conftest import database_backend

pytestmark = pytest.mark.django_db

UNAVAILABLE = "Sökningen är inte tillgänglig just nu. Försök igen om en stund."


@pytest.fixture
def backend_down(settings, world):
    broken_backend.state["down"] = True
    # The database backend underneath, with the same text search configuration.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {**database_backend(), "BACKEND": "insidan.search.tests.broken_backend"}}
    yield world
    broken_backend.state["down"] = True


def test_search_says_it_is_unavailable_with_200(client, backend_down):
    client.force_login(backend_down.anna)
    response = client.get("/sok/", {"q": "dator"})
    assert response.status_code == 200
    html = response.content.decode()
    assert UNAVAILABLE in html and "träffar för" not in html
    assert 'role="alert"' in html


def test_autocomplete_says_it_is_unavailable_with_200(client, backend_down):
    client.force_login(backend_down.anna)
    response = client.get("/sok/autocomplete/", {"q": "dator"})
    assert response.status_code == 200
    assert response.json() == {"suggestions": [], "message": UNAVAILABLE}


def test_content_is_saved_and_its_index_update_kept_for_later(client, backend_down):
    world = backend_down
    client.force_login(world.anna)
    response = client.post(f"/forum/it-fragor/{world.open_discussion.pk}/",
                           {"body": "Datorn kom i dag, tack för hjälpen med beställningen."})
    assert response.status_code in (200, 302), response.status_code
    post = world.open_discussion.posts.get(body__contains="Datorn kom i dag")
    pending = PendingIndexUpdate.objects.get(object_pk=str(post.pk))
    assert pending.content_type.model == "post" and "Unreachable" in pending.last_error
    for url in ("/", f"/forum/it-fragor/{world.open_discussion.pk}/", "/notiser/",
                "/bloggar/"):
        assert client.get(url).status_code == 200, url


def test_a_pending_update_is_retried_until_the_backend_is_back(settings, backend_down):
    world = backend_down
    reply = actions.reply(actor=world.erik, discussion=world.open_discussion,
                          body="Laddaren ligger i receptionen.")
    assert PendingIndexUpdate.objects.filter(object_pk=str(reply.pk)).exists()
    call_command("retry_index_updates", verbosity=0)  # still down: still pending
    pending = PendingIndexUpdate.objects.get(object_pk=str(reply.pk))
    assert pending.attempts == 2
    broken_backend.state["down"] = False
    call_command("retry_index_updates", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    assert selectors.search(world.anna, query.parse("receptionen")).total == 1


def test_every_indexed_model_is_updated_through_the_safe_handler():
    assert modelsearch_handlers.post_save_signal_handler is indexing.index_on_save
    original = indexing._ORIGINAL_HANDLERS[0]
    for model in get_indexed_models():
        sync_receivers, _async_receivers = post_save._live_receivers(model)
        assert indexing.index_on_save in sync_receivers, model
        assert original not in sync_receivers, model
