"""`make run`: debug on, everything embedded (SQLite, Celery on a SQLite broker, console email)."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "insecure-local-development-key-not-for-production")

from .base import *  # noqa: E402,F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
