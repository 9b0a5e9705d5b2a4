"""Comment threads are rendered from the fragment cache (insidan.core.fragments): the reply
forms carry the reader's own CSRF token, and what a comment shows follows its state at once."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from insidan.comments.actions import post_comment
from insidan.comments.models import Comment
from profiles.actions import post_status_update
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def status(employee, other_employee):
    status = post_status_update(actor=employee, body="Jobbar med den nya e-tjänsten.")
    post_comment(actor=other_employee, target=status, text="*Snyggt*")
    return status


def status_url(status) -> str:
    return f"/profil/{status.author.username}/status/{status.pk}/"


def read(client, user, status) -> str:
    client.force_login(user)
    response = client.get(status_url(status))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reply_from_a_cached_thread_passes_the_csrf_check(status, employee):
    """Another reader warmed the cache; this reader's reply form must carry this reader's
    token, or the reply would be refused with 403."""
    read(Client(), UserFactory(), status)
    client = Client(enforce_csrf_checks=True)
    html = read(client, employee, status)
    comment = Comment.objects.get()
    form = html[html.index(f'name="parent" value="{comment.pk}"') - 600:]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(form[form.index('action="') + 8:].split('"')[0],
                           {"csrfmiddlewaretoken": token, "parent": comment.pk,
                            "text": "Tack!"})
    assert response.status_code == 302
    assert Comment.objects.filter(comment="Tack!", parent_id=comment.pk).exists()


def test_no_fragment_in_the_cache_holds_a_token(status, employee):
    from django.core.cache import cache

    html = read(Client(), employee, status)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cached = [value for value in cache._cache.values()]  # the local-memory cache's store
    assert cached and not any(token.encode() in str(value).encode() for value in cached)


def test_a_removed_comment_shows_its_tombstone_at_once(status, employee):
    assert "<em>Snyggt</em>" in read(Client(), employee, status)
    Comment.objects.get().apply_tombstone(reason="Personangrepp", at=timezone.now())
    html = read(Client(), employee, status)
    assert "<em>Snyggt</em>" not in html and "Borttaget av webbredaktionen" in html
