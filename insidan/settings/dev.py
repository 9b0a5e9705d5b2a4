"""Local development: `make run`. DEBUG on, a throwaway secret key, console e-mail; the
database from DATABASE_URL, else the project's embedded PostgreSQL server (insidan/localdb.py,
cluster `run` in .pgdata/run, which keeps the demo data between runs)."""

import os

os.environ.setdefault("DEBUG", "1")
if not os.environ.get("DATABASE_URL"):
    from insidan.localdb import database_url

    # In the environment, so that the processes this one starts (runserver's reloader, a
    # subprocess) use the same server without registering themselves again.
    os.environ["DATABASE_URL"] = database_url("run")

from .base import *  # noqa: E402,F403

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
