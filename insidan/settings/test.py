"""Tests: DATABASE_URL when set (PostgreSQL in CI), SQLite otherwise; locmem e-mail;
immediate tasks; media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="insidan-test-media-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test servers (client and live_server) serve static files themselves; whitenoise would only
# warn that collectstatic has not run.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Rate-limit counters live in the local-memory cache for the whole run, and SQLite reuses the
# ids of users rolled back with their test: real limits would trip across unrelated tests. The
# rate-limit tests set their own (tests/security/test_rate_limits.py).
RATE_LIMITS = {scope: {**entry, "rate": "100000/60"} for scope, entry in RATE_LIMITS.items()}  # noqa: F405
LOGIN_FAILURES_PER_USERNAME = LOGIN_FAILURES_PER_ADDRESS = "100000/60"
