"""All defaults. dev/test/production override only what they must."""

from datetime import timedelta
from pathlib import Path

import bootstrap_wrapper
import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import (
    BASE_DIR,
    cache_settings,
    email_settings,
    haystack_connections,
    haystack_offer_connection,
    read_env,
    task_settings,
)

ENV = read_env()
VAR_DIR = ENV.var_dir

SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins
SITE_URL = ENV.site_url.rstrip("/")

INSTALLED_APPS = [
    # Project apps first so their templates and static files win.
    "portal.accounts",
    "portal.reference",
    "portal.candidates",
    "recruiters",
    "search",
    "search.offers",
    "matching",
    "cms",
    "portal.demo",
    "portal.ops",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
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
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    # Third parties
    "haystack",
    "django_tasks",
    "django_tasks_db",
    "django_tables2",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.ops.middleware.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, whose check reads the body: oversized uploads are refused unread.
    "portal.ops.uploads.UploadSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Recruiters open only their space in the Wagtail admin (needs the authenticated user).
    "recruiters.admin_access.RecruiterAdminAllowListMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.ops.request_errors.IncompleteAdminPostMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # French typography (elision before names, plurals, amounts, phone numbers) in every template.
            "builtins": ["portal.reference.templatetags.french"],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serves one machine: WAL lets the web server and the task worker read while one writes.
    # A deferred transaction that has read cannot wait for the write lock (SQLite answers "database
    # is locked" at once, whatever the timeout), so every transaction takes it at BEGIN (IMMEDIATE):
    # two saves of one page (autosave and a click) then queue for up to `timeout` seconds.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "portal.accounts.validators.CharacterClassesValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3 * 3600
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
# The admin (recruiter space and staff) sends anonymous visitors to the recruiter login, which then
# routes each user to the admin or to their account status screen.
WAGTAILADMIN_LOGIN_URL = "/espace-recruteur/connexion/"

# Login throttling (portal.accounts.lockout): failures of the last 15 minutes, three criteria, each
# with its own limit; reaching one blocks logins for 15 minutes after the last counted failure.
AXES_FAILURE_LIMIT = 5  # one account from one address
LOGIN_FAILURE_LIMIT_PER_IP = 30  # any accounts from one address: password spraying (an office's NAT fits)
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 10  # one account from any addresses: a distributed guess
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "portal.accounts.lockout.LoginLockoutHandler"
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Failures while blocked are not counted: nobody can keep an account closed longer than the cool-off
# by hammering it (and choosing a new password by mail lifts the account's lock).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Login forms (ours and Wagtail's) post the e-mail address as "username", not as USERNAME_FIELD.
AXES_USERNAME_FORM_FIELD = "username"
# Counted as the login reads it: "Camille@Example.org" is not a fresh account to guess at.
AXES_USERNAME_CALLABLE = "portal.accounts.lockout.login_username"
# The client address (portal.accounts.network, also used by the sign-up and reset throttles): the
# X-Forwarded-For header counts only when it comes from one of these reverse proxies (addresses or
# networks, env TRUSTED_PROXIES); anyone else could write any address in it.
TRUSTED_PROXIES = ENV.trusted_proxies
AXES_CLIENT_IP_CALLABLE = "portal.accounts.network.client_ip"

# Shared by every web and task worker (the sign-up and reset throttles count there): the database
# cache by default, its table made by a migration of portal.accounts.
CACHES = {"default": cache_settings(ENV.cache_url)}

SESSION_COOKIE_AGE = ENV.session_age_seconds
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# SAMEORIGIN, not DENY: the Wagtail page preview and the inline CV viewer frame our own pages.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
# A regional portal lives on Paris time: the admin account page offers no list of the world's time zones.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

STATIC_URL = "/static/"
STATIC_ROOT = ENV.static_root
# Bootstrap comes from the bootstrap-wrapper wheel: installed from PyPI, never vendored.
STATICFILES_DIRS = [("bootstrap", Path(bootstrap_wrapper.get_bootstrap_dir())), BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Private files (CVs, videos) live outside MEDIA_ROOT and are served only by permission-checked views.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = ENV.media_root
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
# Request bodies are refused unread (413) past their view's allowance plus the form overhead
# (portal.ops.uploads): UPLOAD_MAX_BYTES anywhere, UPLOAD_LIMITS by URL name. The reverse proxy's
# body limit must be at least the largest of them (the video answers).
UPLOAD_FORM_OVERHEAD_BYTES = 1024 * 1024
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_LIMITS = {
    "candidates:cv": 5 * 1024 * 1024,
    "offers:apply": 5 * 1024 * 1024,
    "matching_admin:upload": 2 * 1024 * 1024,
    # A slideshow's images are sent together.
    "recruiters_admin:augmented_add": 40 * 1024 * 1024,
    "recruiters_admin:augmented_edit": 40 * 1024 * 1024,
    "recruiters:visiotalent_upload": "recruiters.visiotalent.services.max_video_bytes",
}

globals().update(email_settings(ENV.email_url))
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.default_from_email
PLATFORM_TEAM_EMAIL = ENV.platform_team_email

HAYSTACK_CONNECTIONS = haystack_connections(ENV.search_url)
# Public job offers have their own stock Xapian index (search/offers/): the default connection's
# backend is specialised for candidate profiles. Each connection ignores the other's index.
OFFER_INDEX = "search.offers.indexes.JobOfferIndex"
HAYSTACK_CONNECTIONS["default"].setdefault("EXCLUDED_INDEXES", []).append(OFFER_INDEX)
HAYSTACK_CONNECTIONS["offers"] = {
    **haystack_offer_connection(HAYSTACK_CONNECTIONS["default"]),
    "EXCLUDED_INDEXES": ["search.search_indexes.CandidateProfileIndex"],
}
# Index updates happen in tasks, never inside a request (see search/signals).
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

TASKS = task_settings(ENV.task_backend)

WAGTAIL_SITE_NAME = "Vivier"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Company images are published at 1900×1000 at most; 40 megapixels (8000×5000) takes any camera
# photo, and one such picture decodes in about 120 MB. Beyond it an upload is refused unread.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Every image form (Wagtail's screens, the company page choosers) checks pixels and completeness.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.ProjectImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No run-time calls to third parties: gravatar.com would receive a hash of every admin user's e-mail
# on each page (and it is a CDN); Wagtail then shows its built-in default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# An address changes only through a confirmed link, never by typing it in the admin account page.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILUSERS_PASSWORD_ENABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# CV uploads (checked by content in portal.candidates).
CV_MAX_BYTES = UPLOAD_LIMITS["candidates:cv"]
# Profiles of candidates inactive for longer are hidden from recruiters, then erased.
INACTIVE_PROFILE_HIDE_AFTER = timedelta(days=730)
# Then erased (CNIL: candidate data kept at most two years after the last contact), after a notice
# e-mailed this long before: logging in again keeps the profile.
INACTIVE_PROFILE_ERASE_AFTER = timedelta(days=730)
INACTIVE_PROFILE_NOTICE_BEFORE = timedelta(days=30)
# Axes' journal of logins (address, browser, time) is purged after this long (portal.ops.schedule).
LOGIN_LOG_RETENTION = timedelta(days=365)
