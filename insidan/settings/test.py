"""Tests: DATABASE_URL when set, else the project's embedded PostgreSQL server in its own
cluster (.pgdata/test: the demo data in .pgdata/run is never touched); locmem e-mail; immediate
tasks; media in a temporary folder."""

import os
import tempfile

if not os.environ.get("DATABASE_URL"):
    from insidan.localdb import database_url

    # In the environment, so that the tests' subprocesses (deployment checks, gunicorn) reach
    # the same server.
    os.environ["DATABASE_URL"] = database_url("test")

from .base import *  # noqa: E402,F403

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="insidan-test-media-")
# The fragment cache in local memory; the counters keep the store they have everywhere without
# REDIS_URL (the database table), so the tests exercise what `make run` uses.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test servers (client and live_server) serve static files themselves; whitenoise would only
# warn that collectstatic has not run.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Counters outlive a test that commits (live-server tests), and user names repeat across tests:
# real limits would trip across unrelated tests. The rate-limit tests set their own
# (tests/security/test_rate_limits.py).
RATE_LIMITS = {scope: {**entry, "rate": "100000/60"} for scope, entry in RATE_LIMITS.items()}  # noqa: F405
LOGIN_FAILURES_PER_USERNAME = LOGIN_FAILURES_PER_ADDRESS = "100000/60"
# Two test runs at once on one server (two checkouts, or a helper's run beside yours) each need
# a database of their own: TEST_DATABASE_NAME names it (default: Django's test_<name>).
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}  # noqa: F405
