"""Settings for `make loadtest`: the project's base settings on the `insidan_load` database.

Production-like where it matters (DEBUG off, persistent connections); plain HTTP on loopback.
LOAD_DATABASE_URL names the database; by default `insidan_load` on DATABASE_URL's server.

Rate limits are raised for the load population: 50 sessions posting for a minute from one
address would otherwise be stopped by the per-employee POST limits (RATE_LIMITS), the reports
limit and the per-address login limit after a few requests, and the run would measure the
limiter's 429s instead of the application.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from insidan.settings.base import *  # noqa: F403

UNLIMITED = "1000000/60"


def load_database_url() -> str:
    if os.environ.get("LOAD_DATABASE_URL"):
        return os.environ["LOAD_DATABASE_URL"]
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/"))
    return urlunsplit((server.scheme, server.netloc, "/insidan_load", "", ""))


SECRET_KEY = os.environ.get("SECRET_KEY") or "loadtest-only-key"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {"default": postgres_database(load_database_url(), conn_max_age=600)}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
RATE_LIMITS = {scope: {**entry, "rate": UNLIMITED}
               for scope, entry in globals().get("RATE_LIMITS", {}).items()}
REPORTS_PER_HOUR = 1_000_000
LOGIN_FAILURES_PER_USERNAME = LOGIN_FAILURES_PER_ADDRESS = UNLIMITED
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}
