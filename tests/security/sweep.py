"""Every URL pattern as a concrete URL over the access-matrix world, and the database's state
as per-table fingerprints: shared by the GET and CSRF sweeps (test_state_changes.py).

Our own patterns get real objects for their path parameters (the closed room, its document and
pending application, the forum discussion, the blog, the case…), so a view gets far enough to
do whatever it would do. Wagtail's and Django's admin patterns get the blog post's page id for
every integer and a word for every string: most answer 404, which is enough to show that a GET
does not write."""

import hashlib
import re
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import get_resolver

from .test_discovery import _patterns

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _own_values(w) -> dict[str, dict[str, object]]:
    from notifications.models import Notification

    from collab.models import MembershipApplication
    from insidan.archive.models import Registration
    from insidan.core.models import TermsVersion

    application = MembershipApplication.objects.filter(room=w.closed).first()
    notification = Notification.objects.first()
    registration = Registration.objects.first()
    first_post = w.discussion.posts.order_by("pk").first()
    return {
        "collab:": {"slug": w.closed.slug, "pk": w.document.pk, "user_id": w.people["member"].pk,
                    "operation": "ta-bort"},
        "collab:decide": {"slug": w.closed.slug, "pk": application.pk if application else 0},
        "forums:": {"slug": w.forum.slug, "pk": w.discussion.pk, "post_pk": first_post.pk,
                    "operation": "las"},
        "blogs:": {"slug": w.blog.slug, "username": w.people["blog_writer"].username},
        "comments:post": {"content_type_id": ContentType.objects.get_for_model(w.post).pk,
                          "pk": w.post.pk},
        "archive:": {"object_type": "forums.post", "object_id": first_post.pk,
                     "uuid": registration.uuid if registration else uuid.uuid4(), "fmt": "json"},
        "moderation:report": {"label": "forums.post", "pk": first_post.pk},
        "moderation:case": {"pk": w.case.pk},
        "moderation_admin:": {"pk": w.case.pk},
        "archive_records:": {"pk": w.archive_record.pk, "fmt": "json"},
        "terms:": {"pk": TermsVersion.objects.order_by("pk").first().pk},
        "profiles:": {"username": w.people["subject"].username, "size": "small",
                      "pk": w.status.pk},
        "notify:": {"pk": notification.pk if notification else 0},
        "terms": {"kind": "room"},
        "": {"pk": w.post.pk, "fmt": "json"},
    }


def _values_for(table: dict, namespace: str, name: str | None) -> dict[str, object]:
    full = f"{namespace}:{name}" if namespace else str(name)
    values = dict(table[""])
    values.update(table.get(f"{namespace}:", {}))
    values.update(table.get(full, {}))
    return values


def _fill(path: str, values: dict[str, object]) -> str | None:
    def value(match: re.Match) -> str:
        converter = match.group("converter") or "str"
        given = values.get(match.group("name"))
        if given is not None:
            return str(given)
        return {"int": str(values["pk"]), "uuid": str(uuid.uuid4())}.get(converter, "x")

    if "^" in path or "$" in path or "(?" in path:
        return None  # regular-expression patterns: the Wagtail page tree, listed by hand
    return "/" + PARAMETER.sub(value, path)


def every_url(world) -> list[tuple[str, str]]:
    """(pattern key, URL) for every route pattern, and the Wagtail pages by their URLs."""
    table = _own_values(world)
    urls = []
    for path, namespace, name in _patterns(get_resolver()):
        url = _fill(path, _values_for(table, namespace, name))
        if url is not None:
            urls.append((f"{namespace}:{name}" if namespace else str(name), url))
    urls += [("wagtail_serve", u) for u in ("/", world.blog.url, world.post.url, "/regler/")]
    return urls


def fingerprint(skip: frozenset[str] = frozenset()) -> dict[str, tuple]:
    """Per table: the row count and a hash of every row's text, in a stable order."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in skip:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            state[table] = (len(rows), hashlib.sha256("|".join(rows).encode()).hexdigest())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
