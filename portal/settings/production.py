from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ENV

DEBUG = False
if ENV.secret_key.startswith("dev-") or len(ENV.secret_key) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters in production")

SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
