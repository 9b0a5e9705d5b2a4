"""Security headers on every response (issue 11, section 2): a Content-Security-Policy whose
scripts need our origin or the response's nonce, nosniff, Referrer-Policy, frame denial, and
`Cache-Control: private, no-store` on pages with private content. Each page checked here also
has to run under its own policy: every script is a file from our origin, a JSON data block or
carries the nonce, and no element has an inline event handler or a javascript: URL."""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

SCRIPT_DATA_TYPES = {"application/json", "application/ld+json", "text/template"}


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


class _ScriptAudit(HTMLParser):
    """What a browser would refuse to run under a nonce policy without 'unsafe-inline'."""

    def __init__(self, nonce: str | None) -> None:
        super().__init__()
        self.nonce = nonce
        self.refused: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.refused.append(f"<{tag} {name}>")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip(
                    ).lower().startswith("javascript:"):
                self.refused.append(f"<{tag} {name}={value}>")
        if tag != "script":
            return
        src = attrs.get("src")
        if src is not None:
            if not src.startswith("/") or src.startswith("//"):
                self.refused.append(f"<script src={src}> from another origin")
        elif (attrs.get("type") or "").lower() not in SCRIPT_DATA_TYPES:
            if not self.nonce or attrs.get("nonce") != self.nonce:
                self.refused.append(f"inline <script> without the nonce at {self.getpos()}")


def assert_runs_under_its_policy(response, where: str) -> None:
    directives = _directives(response)
    nonces = [v[7:-1] for v in directives.get("script-src", []) if v.startswith("'nonce-")]
    audit = _ScriptAudit(nonces[0] if nonces else None)
    audit.feed(response.content.decode("utf-8", "replace"))
    assert not audit.refused, f"{where}: {audit.refused}"


def assert_security_headers(response, where: str) -> None:
    directives = _directives(response)
    script_src = directives.get("script-src", directives.get("default-src"))
    assert script_src, f"{where}: no script policy"
    assert "'unsafe-inline'" not in script_src, where
    assert "'unsafe-eval'" not in script_src, where
    assert "*" not in script_src and "https:" not in script_src, where
    assert directives["object-src"] == ["'none'"], where
    assert directives["base-uri"] == ["'self'"], where
    assert directives["frame-ancestors"] == ["'none'"], where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where


def assert_private_no_store(response, where: str) -> None:
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control, f"{where}: {cache_control}"


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


SITE_PAGES = {
    "start page": lambda w: "/",
    "closed room": lambda w: w.closed.get_absolute_url(),
    "closed room discussion": lambda w: w.closed_discussion.get_absolute_url(),
    "closed room documents": lambda w: reverse("collab:documents", args=[w.closed.slug]),
    "closed room manage": lambda w: reverse("collab:manage", args=[w.closed.slug]),
    "open forum discussion": lambda w: w.discussion.get_absolute_url(),
    "blog post": lambda w: w.post.url,
    "profile": lambda w: w.profile.get_absolute_url(),
    "people finder": lambda w: reverse("profiles:people"),
    "own profile form": lambda w: reverse("profiles:edit"),
    "search": lambda w: reverse("search") + "?q=protokoll",
    "notifications": lambda w: reverse("notify:list"),
    "my reports": lambda w: reverse("moderation:my_reports"),
    "case page": lambda w: reverse("moderation:case", args=[w.removal_case.pk]),
    "report form": lambda w: reverse("moderation:report",
                                     args=["forums.post", w.closed_post.pk]),
    "missing page": lambda w: "/finns-inte-alls/",
}
ADMIN_PAGES = {
    "admin home": lambda w: "/admin/",
    "report queue": lambda w: reverse("moderation_admin:queue"),
    "admin case": lambda w: reverse("moderation_admin:case", args=[w.case.pk]),
    "archive records": lambda w: reverse("archive_records:index"),
    "archive record": lambda w: reverse("archive_records:inspect", args=[w.archive_record.pk]),
    "page explorer": lambda w: f"/admin/pages/{w.blog.pk}/",
    "blog post editor": lambda w: f"/admin/pages/{w.post.pk}/edit/",
    "new blog post": lambda w: f"/admin/pages/add/blogs/blogpostpage/{w.blog.pk}/",
    "documents": lambda w: "/admin/documents/",
    "forum requests": lambda w: "/admin/forum-requests/",
    "blog requests": lambda w: "/admin/blog-requests/",
}
PRIVATE = {"closed room", "closed room discussion", "closed room documents",
           "closed room manage", "notifications", "my reports", "case page", "report form"}


@pytest.mark.django_db
@pytest.mark.parametrize("page", SITE_PAGES)
def test_site_pages_have_security_headers_and_run_under_the_policy(page, world):
    url = SITE_PAGES[page](world)
    # The owner of the closed room; the removal case belongs to the forum's owner.
    role = "forum_owner" if page == "case page" else "owner"
    response = _client(world, role).get(url)
    where = f"{page} ({url}): {response.status_code}"
    assert response.status_code == (404 if page == "missing page" else 200), where
    assert_security_headers(response, where)
    assert _directives(response)["style-src"] == ["'self'"], where
    assert_runs_under_its_policy(response, where)
    if page in PRIVATE:
        assert_private_no_store(response, where)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admin_pages_load_and_run_under_the_admin_policy(page, world):
    url = ADMIN_PAGES[page](world)
    # The post's editor is its writer's: nobody else may overwrite a post in the admin.
    role = "blog_writer" if page in ("new blog post", "blog post editor") else "webbredaktionen"
    response = _client(world, role).get(url)
    where = f"{page} ({url})"
    assert response.status_code == 200, f"{where}: {response.status_code}"
    assert_security_headers(response, where)
    assert_private_no_store(response, where)
    assert_runs_under_its_policy(response, where)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "employee", "webbredaktionen"])
def test_login_redirects_and_errors_have_the_headers(role, world):
    client = _client(world, role)
    for url in ("/konto/logga-in/", "/admin/login/", "/admin/", reverse("notify:list")):
        response = client.get(url)
        assert_security_headers(response, f"{role} {url}")
        assert_private_no_store(response, f"{role} {url}")
    response = client.post(reverse("notify:mark_all_read"))
    assert_security_headers(response, f"{role} POST")


@pytest.mark.django_db
def test_wagtail_preview_may_be_framed_by_the_admin_only(world):
    client = _client(world, "blog_writer")
    edit_url = f"/admin/pages/{world.post.pk}/edit/"
    response = client.get(edit_url + "preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert _directives(response)["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in _directives(response)["script-src"]
    # …and nothing else is frameable.
    assert _directives(client.get(edit_url))["frame-ancestors"] == ["'none'"]


SETTINGS_PROBE = """
import json
from django.conf import settings as s
print(json.dumps({
    "middleware": s.MIDDLEWARE, "frame": s.X_FRAME_OPTIONS,
    "nosniff": s.SECURE_CONTENT_TYPE_NOSNIFF, "referrer": s.SECURE_REFERRER_POLICY,
    "scripts": [str(v) for p in (s.CONTENT_SECURITY_POLICY, s.ADMIN_CONTENT_SECURITY_POLICY)
                for v in p["DIRECTIVES"]["script-src"]],
}))
"""


@pytest.mark.parametrize("module", ["insidan.settings.dev", "insidan.settings.production",
                                    "insidan.settings.test"])
def test_every_settings_module_sends_the_headers(module):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": module, "SECRET_KEY": "x7#k2!" * 10,
           "DATABASE_URL": os.environ["DATABASE_URL"]}  # set by the test settings
    result = subprocess.run([sys.executable, "-c", SETTINGS_PROBE], cwd=settings.BASE_DIR,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert "insidan.security.headers.SecurityHeadersMiddleware" in found["middleware"]
    assert "insidan.security.middleware.RateLimitMiddleware" in found["middleware"]
    assert found["frame"] == "DENY" and found["nosniff"] is True
    assert found["referrer"] == "same-origin"
    assert "'unsafe-inline'" not in found["scripts"]
    assert "'unsafe-eval'" not in found["scripts"]

