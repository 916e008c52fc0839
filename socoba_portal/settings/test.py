"""Test runs: fast hashing, plain static storage, locmem mail (set by Django)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from .base import *  # noqa: F403
from .base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Nothing is collected in tests; WhiteNoise would warn about the missing folder.
STATIC_ROOT = None
# Tasks run at once in tests (one test runs the real database worker).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# The database cache even when REDIS_URL is set: each test's counters roll back with
# its transaction (tests/test_abuse_limits.py opts into Redis on its own).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "socoba_cache"},
    "pages": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "socoba_page_cache"},
}
