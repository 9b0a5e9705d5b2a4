"""The production configuration passes Django's deployment checks, and the models match the
migrations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)


def test_check_deploy_with_production_settings_has_no_warnings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "insidan.settings.production",
        "SECRET_KEY": "x7#k2!" * 10,
        "DATABASE_URL": os.environ["DATABASE_URL"],  # set by the test settings in any case
        "ALLOWED_HOSTS": "insidan.kommun.example",
    }
    env.pop("DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests, never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "insidan.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_no_model_changes_without_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


PROBE = "from django.conf import settings as s; print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL)"


@pytest.mark.parametrize("env, expected", [
    ({"PORT": "8123"}, "http://127.0.0.1:8123"),
    ({}, "http://127.0.0.1:8000"),
    ({"PORT": "8123", "SITE_URL": "https://insidan.kommun.example/"},
     "https://insidan.kommun.example"),
])
def test_site_url_follows_the_port_make_run_serves_on(env, expected):
    """Links in the e-mails `make run PORT=8001` prints pointed at port 8000."""
    base = {k: v for k, v in os.environ.items() if k not in ("PORT", "SITE_URL")}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + PROBE],
        cwd=ROOT, env={**base, **env, "DJANGO_SETTINGS_MODULE": "insidan.settings.dev"},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [expected, expected]


def test_a_database_other_than_postgresql_is_refused():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "insidan.settings.dev",
           "DATABASE_URL": "sqlite:///insidan.db"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr
