"""Local development: `make run`. DEBUG on, a throwaway secret key, console e-mail."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
