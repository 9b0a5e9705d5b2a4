"""Production: gunicorn behind a TLS-terminating proxy, PostgreSQL, optional Redis and
Elasticsearch. SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS must be set."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Behind one TLS-terminating proxy that appends the client's address to X-Forwarded-For (used
# for the per-address limit on failed logins). 0 if gunicorn faces the clients directly.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", 1))
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# HSTS preload only matters for public domains on browsers' preload list; an intranet host name
# is never on it, so the deploy check's preload warning does not apply here.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
