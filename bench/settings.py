"""Settings for `make bench`: the project's base settings on the `insidan_bench` database.

Production-like where it matters for timing (DEBUG off, no debug toolbar, persistent
connections, cached templates); plain HTTP so that wrk and the test client need no TLS.
BENCH_DATABASE_URL names the database; by default `insidan_bench` on DATABASE_URL's server.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from insidan.settings.base import *  # noqa: F403


def bench_database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/"))
    return urlunsplit((server.scheme, server.netloc, "/insidan_bench", "", ""))


SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": postgres_database(bench_database_url(), conn_max_age=600)}  # noqa: F405
# PostgreSQL's JIT compiles the visibility subqueries of the feed and search for seconds per
# query (see RESULTS.md); BENCH_PG_JIT=on measures the server default instead.
if os.environ.get("BENCH_PG_JIT", "off") == "on":
    DATABASES["default"]["OPTIONS"] = {"options": f"-c work_mem={PG_WORK_MEM}"}  # noqa: F405
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "swedish"}
}
ROOT_URLCONF = "bench.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "WARNING"}}
# The cache as in production (Redis; the rendered fragments and the rate-limit counters live
# there): BENCH_REDIS_URL, else REDIS_URL, else the local server's database 5.
_BENCH_REDIS = (os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
                or "redis://127.0.0.1:6379/5")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": _BENCH_REDIS},
    COUNTERS_CACHE: {"BACKEND": "django.core.cache.backends.redis.RedisCache",  # noqa: F405
                     "LOCATION": _BENCH_REDIS, "KEY_PREFIX": "counters"},
}
