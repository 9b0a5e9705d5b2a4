"""Settings shared by every environment.

All configuration comes from environment variables; each has an embedded default so that
`make run` works on a laptop with nothing else installed (the embedded PostgreSQL server, local
media, console e-mail, Wagtail's database search backend on PostgreSQL, the immediate task
backend).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "insidan.core",
    "insidan.accounts",
    "insidan.notify",
    "insidan.archive",
    "insidan.moderation",
    "insidan.comments",
    "insidan.search",
    "insidan.security",
    "profiles",
    "collab",
    "forums",
    "blogs",
    "notifications",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_comments_xtd",
    "django_comments",
    "django.contrib.sites",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Cache-Control on everything but static files.
    "insidan.security.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Instead of Django's LocaleMiddleware: the person's own choice, else Swedish (the
    # intranet's language), never the browser's Accept-Language (insidan/accounts/language.py).
    "insidan.accounts.language.ChosenLanguageMiddleware",
    # An intranet: every view needs a logged-in employee unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the login check: counts the POSTs named in RATE_LIMITS per employee.
    "insidan.security.middleware.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "insidan.urls"
WSGI_APPLICATION = "insidan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "insidan.core.context_processors.navigation",
                "insidan.notify.context_processors.bell",
            ],
        },
    },
]

# PostgreSQL only. DATABASE_URL names the server; without it, `make run` and `make test` use the
# project's own embedded server (insidan/localdb.py, started by settings/dev.py and test.py).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
PG_WORK_MEM = os.environ.get("PG_WORK_MEM", "64MB")


def postgres_database(url: str, conn_max_age: int = 60) -> dict:
    """Django's database settings for a PostgreSQL URL; any other engine is refused."""
    from django.core.exceptions import ImproperlyConfigured

    config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    if not config["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured(
            f"Insidan runs on PostgreSQL only; DATABASE_URL names {config['ENGINE']}."
        )
    # The visibility subqueries make PostgreSQL's cost estimates large enough to trigger JIT
    # compilation, which cost 4 of 4.6 seconds on the feed query in the benchmark.
    # work_mem: the visibility rules are "IN (visible ids)" subqueries; PostgreSQL hashes
    # one only when it fits in work_mem, and otherwise runs it once per row. With the
    # server's 4 MB the comment search over 300,000 comments ran for minutes; with 64 MB it
    # takes 0.6 s (bench/RESULTS.md). Per sort or hash, per connection: size with the workers.
    config.setdefault("OPTIONS", {})["options"] = f"-c jit=off -c work_mem={PG_WORK_MEM}"
    return config


DATABASES = {"default": postgres_database(DATABASE_URL)} if DATABASE_URL else {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/konto/logga-in/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/konto/logga-in/"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Caches. "default" holds what may be thrown away (rendered fragments, Wagtail's caches):
# Redis when REDIS_URL is set, local memory otherwise. "counters" holds what protects people
# (rate limits, failed-login lockouts) and must never be evicted by ordinary browsing: Redis
# when REDIS_URL is set (give that Redis `maxmemory-policy noeviction`, or at least a policy
# that evicts nothing with a TTL: every counter has one), otherwise a table in PostgreSQL
# (created by insidan.security's migration), whose only culling removes expired counters first.
COUNTERS_CACHE = "counters"
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        COUNTERS_CACHE: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "counters",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        COUNTERS_CACHE: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "insidan_counters",
            # Live counters are one per person, scope and window; far below this. Culling
            # deletes the expired ones first and touches live ones only above it.
            "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 10},
        },
    }

# Rendered fragments of list items (insidan.core.fragments): how long an unused one is kept,
# and a version to raise when a template that fragments include changes (a fragment's own
# template is part of its key already). 0 seconds turns the fragment cache off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
FRAGMENT_CACHE_VERSION = os.environ.get("FRAGMENT_CACHE_VERSION", "1")

# E-mail: EMAIL_URL like smtp://user:pass@host:587/?tls=1; console otherwise.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL.startswith("smtp"):
    from urllib.parse import parse_qs, unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = parse_qs(_mail.query).get("tls", ["0"])[0] in {"1", "true"}
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "insidan@kommun.example")

# Background jobs: django-tasks. Immediate unless TASKS_BACKEND names another backend
# (production: "django_tasks_db.DatabaseBackend" with its worker).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Search: Elasticsearch 8 when ELASTICSEARCH_URL is set, Wagtail's database backend otherwise.
if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "insidan_"),
            # Swedish stemming; and room for the visibility filter, which sends the ids of the
            # visible items of one kind (the default limit is 65,536 terms).
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {"analyzer": {"default": {"type": "swedish"}}},
                    "index": {"max_terms_count": 262144},
                }
            },
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "swedish",
        }
    }

WAGTAIL_SITE_NAME = "Insidan"
# The base of every link in e-mails and the admin. Unset, it follows PORT (`make run PORT=8001`
# serves there, and the links printed in its e-mails point there too).
SITE_URL = (os.environ.get("SITE_URL")
            or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
# Insidan moderates after publication (Anmäl, webbredaktionen's decision, the archive), never
# before: blog writers publish their own posts. Wagtail's approval workflows are not used, so
# they are switched off (writers were offered "Lämna in till Moderators approval", Wagtail's
# unused default workflow, beside "Publicera").
WAGTAIL_WORKFLOW_ENABLED = False
# Documents are never served straight from storage: "direct" would skip permission checks.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "ods", "odp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Comments: django-comments-xtd's threaded model, extended in insidan.comments. Its own views
# are not routed (see insidan/comments/actions.py); replies go two levels deep.
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "insidan.comments.models.Comment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False

# Archive: packages (E-ARK SIP) for snapshots and decommissioned channels. ARCHIVE_ROOT
# defaults to MEDIA_ROOT/archive-packages (insidan/archive/conf.py).
if os.environ.get("ARCHIVE_ROOT"):
    ARCHIVE_ROOT = Path(os.environ["ARCHIVE_ROOT"])
ARCHIVE_ORGANISATION = os.environ.get("ARCHIVE_ORGANISATION", "Kommunen")
ARCHIVE_SNAPSHOT_MONTHS = [int(m) for m in env_list("ARCHIVE_SNAPSHOT_MONTHS", "4,9")]
ARCHIVE_DIARIE_SERIES = os.environ.get("ARCHIVE_DIARIE_SERIES", "KS-{year}-{seq:04d}")

# Security headers in every environment (insidan/security/headers.py). Scripts only from our
# own origin or with the response's nonce: no 'unsafe-inline', no 'unsafe-eval'.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_CSP_COMMON = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "connect-src": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "style-src": [SELF], "img-src": [SELF, "data:"]},
}
# The Wagtail admin sets inline styles all over (style attributes and <style> in its
# components) and draws with data: and blob: images; its scripts are files from our origin.
# Its preview panel frames the preview view, which sets X-Frame-Options: SAMEORIGIN; that one
# response gets frame-ancestors 'self'.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF],
    },
}
# The admin would send a hash of every employee's e-mail address to gravatar.com, and ask
# releases.wagtail.org for new versions from superusers' browsers (refused by connect-src
# anyway); upgrades come with deployments.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# How many client addresses in X-Forwarded-For were added by our own proxies (0: use
# REMOTE_ADDR). Used for the per-address limit on failed logins.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", 0))

# Rate limits (insidan/security/ratelimit.py): "count/seconds" per employee, from the
# environment. Each scope lists the URL names whose POSTs it counts.
RATE_LIMITS = {
    "posts": {
        "views": ["forums:forum", "forums:discussion", "profiles:post_status"],
        "rate": os.environ.get("RATE_LIMIT_POSTS", "20/600"),
    },
    "comments": {
        "views": ["comments:post"],
        "rate": os.environ.get("RATE_LIMIT_COMMENTS", "20/600"),
    },
    "applications": {
        "views": ["collab:apply"],
        "rate": os.environ.get("RATE_LIMIT_APPLICATIONS", "10/3600"),
    },
}
# Failed logins: per user name and per client address, "count/seconds".
LOGIN_FAILURES_PER_USERNAME = os.environ.get("LOGIN_FAILURES_PER_USERNAME", "5/900")
LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "50/900")

# Reports ("Anmäl"): how many one employee may send in an hour.
REPORTS_PER_HOUR = int(os.environ.get("REPORTS_PER_HOUR", 20))

# A channel (room, forum, blog) without a new post for this many calendar months is inactive:
# its owner is asked to keep it alive or decommission it; after the second figure Webbredaktionen
# lists it (insidan/core/lifecycle.py, manage.py check_channel_activity).
CHANNEL_INACTIVE_NOTIFY_MONTHS = int(os.environ.get("CHANNEL_INACTIVE_NOTIFY_MONTHS", 6))
CHANNEL_INACTIVE_LIST_MONTHS = int(os.environ.get("CHANNEL_INACTIVE_LIST_MONTHS", 9))

# Name of the central editorial group (created by a data migration).
WEBBREDAKTIONEN_GROUP = "Webbredaktionen"
# The first backend loads the session's user with the Webbredaktionen role in the same query
# (insidan/accounts/backends.py); sessions started under Django's own backend keep working.
AUTHENTICATION_BACKENDS = [
    "insidan.accounts.backends.RoleAwareModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Contact shown in personal data messages (personuppgiftsombud / dataskyddsombud).
DATA_PROTECTION_CONTACT = os.environ.get(
    "DATA_PROTECTION_CONTACT", "dataskyddsombud@kommun.example"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
