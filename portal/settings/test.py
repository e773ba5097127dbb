"""Test settings: the same for a developer and for CI (DATABASE_URL may point at PostgreSQL)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import HAYSTACK_CONNECTIONS as HAYSTACK_CONNECTIONS_BASE
from .base import OFFER_INDEX, STORAGES, TEMPLATES

DEBUG = False
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Throttling is exercised by its own tests with override_settings.
AXES_ENABLED = False
# Every test starts with an empty cache (tests/conftest.py), database access or not; the database cache
# itself is tested in tests/accounts/test_throttle.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

_TMP = Path(tempfile.mkdtemp(prefix="vivier-test-"))
MEDIA_ROOT = _TMP / "media"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(_TMP / "private"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "search.backends.xapian.CvthequeXapianEngine", "PATH": str(_TMP / "xapian")},
}
HAYSTACK_CONNECTIONS["default"]["EXCLUDED_INDEXES"] = [OFFER_INDEX]
HAYSTACK_CONNECTIONS["offers"] = {**HAYSTACK_CONNECTIONS_BASE["offers"], "PATH": str(_TMP / "xapian-offers")}
TEMPLATES[0]["OPTIONS"]["debug"] = True
