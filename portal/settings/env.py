"""Every environment variable the portal reads, declared once, typed, with its default.

Settings modules read configuration only through ``ENV``; nothing else calls ``os.environ``.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _networks(name: str) -> list[str]:
    """Comma-separated addresses or CIDR networks, checked now so that a typo stops the start-up."""
    networks = []
    for item in _list(name, []):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name} must list IP addresses or networks (10.0.0.0/8), got {item!r}") from exc
    return networks


@dataclass(frozen=True)
class Env:
    var_dir: Path
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    search_url: str
    email_url: str
    default_from_email: str
    platform_team_email: str
    media_root: Path
    static_root: Path
    site_url: str
    task_backend: str
    cache_url: str
    trusted_proxies: list[str]
    secure_ssl_redirect: bool
    session_age_seconds: int
    log_level: str


def read_env() -> Env:
    var_dir = Path(_str("VIVIER_VAR_DIR", str(BASE_DIR / "var")))
    return Env(
        var_dir=var_dir,
        # The development key only ever serves local runs; production.py refuses it.
        secret_key=_str("SECRET_KEY", "dev-insecure-key-change-me"),
        debug=_bool("DEBUG", False),
        allowed_hosts=_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"]),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        database_url=_str("DATABASE_URL", f"sqlite:///{var_dir / 'db.sqlite3'}"),
        search_url=_str("SEARCH_URL", f"xapian://{var_dir / 'xapian'}"),
        email_url=_str("EMAIL_URL", f"file://{var_dir / 'mail'}"),
        default_from_email=_str("DEFAULT_FROM_EMAIL", "Vivier <ne-pas-repondre@vivier.localhost>"),
        platform_team_email=_str("PLATFORM_TEAM_EMAIL", "equipe@vivier.localhost"),
        media_root=Path(_str("MEDIA_ROOT", str(var_dir / "media"))),
        static_root=Path(_str("STATIC_ROOT", str(var_dir / "static"))),
        site_url=_str("SITE_URL", "http://127.0.0.1:8000"),
        task_backend=_str("TASK_BACKEND", "database"),
        cache_url=_str("CACHE_URL", "db://vivier_cache"),
        trusted_proxies=_networks("TRUSTED_PROXIES"),
        secure_ssl_redirect=_bool("SECURE_SSL_REDIRECT", True),
        session_age_seconds=_int("SESSION_AGE_SECONDS", 8 * 3600),
        log_level=_str("LOG_LEVEL", "INFO"),
    )


def haystack_connections(search_url: str) -> dict:
    """Turn SEARCH_URL into HAYSTACK_CONNECTIONS.

    ``xapian:///abs/path`` (default) selects the embedded Xapian index;
    ``elasticsearch://host:9200/index`` (or ``elasticsearchs://`` for TLS) haystack's Elasticsearch 7
    backend; ``whoosh:///abs/path`` exists for the benchmark baseline only.
    """
    parsed = urlparse(search_url)
    scheme = parsed.scheme
    if scheme == "xapian":
        return {
            "default": {
                "ENGINE": "search.backends.xapian.CvthequeXapianEngine",
                "PATH": unquote(parsed.netloc + parsed.path),
            }
        }
    if scheme == "whoosh":
        return {
            "default": {
                "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
                "PATH": unquote(parsed.netloc + parsed.path),
            }
        }
    if scheme in {"elasticsearch", "elasticsearchs", "opensearch", "opensearchs"}:
        index = parsed.path.strip("/") or "vivier"
        http = "https" if scheme.endswith("s") else "http"
        host = parsed.hostname or "localhost"
        auth = f"{unquote(parsed.username)}:{unquote(parsed.password or '')}@" if parsed.username else ""
        return {
            "default": {
                "ENGINE": "search.backends.elasticsearch.CvthequeElasticsearch7SearchEngine",
                "URL": f"{http}://{auth}{host}:{parsed.port or 9200}/",
                "INDEX_NAME": index,
                "TIMEOUT": 30,
            }
        }
    raise ImproperlyConfigured(
        f"SEARCH_URL scheme {scheme!r} is not supported (use xapian://, elasticsearch:// or whoosh://)"
    )


def haystack_offer_connection(default: dict) -> dict:
    """The public job-offer index: beside the profile index, on the same engine as SEARCH_URL."""
    # Offers use haystack's stock backends; the profile backends are specialised for the CVthèque.
    offers = {key: value for key, value in default.items() if key != "EXCLUDED_INDEXES"}
    if "INDEX_NAME" in offers:
        offers["ENGINE"] = "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine"
        offers["INDEX_NAME"] = offers["INDEX_NAME"] + "-offers"
    elif "whoosh" not in offers["ENGINE"]:
        offers["ENGINE"] = "xapian_backend.XapianEngine"
    if "PATH" in offers:
        offers["PATH"] = offers["PATH"].rstrip("/") + "-offers"
    return offers


def email_settings(email_url: str) -> dict:
    """Turn EMAIL_URL into Django e-mail settings.

    ``file:///abs/dir`` (default) writes each message to a file; ``smtp://user:pass@host:587?tls=1``
    or ``smtps://...`` (implicit TLS) send through SMTP; ``console://`` and ``locmem://`` for tools.
    """
    parsed = urlparse(email_url)
    scheme = parsed.scheme
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parsed.netloc + parsed.path),
        }
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme in {"smtp", "smtps"}:
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_USE_TLS": scheme == "smtp" and query.get("tls", ["0"])[0] in {"1", "true"},
            "EMAIL_TIMEOUT": 20,
        }
    raise ImproperlyConfigured(f"EMAIL_URL scheme {scheme!r} is not supported (file://, smtp://, smtps://)")


def cache_settings(cache_url: str) -> dict:
    """Turn CACHE_URL into the default cache.

    ``db://table`` (default) is Django's database cache: shared by every web worker and the task
    workers with no new server (the table is made by ``migrate``, or ``manage.py createcachetable``
    for another name); ``redis://host:6379/0`` (``rediss://`` for TLS) needs the ``redis`` package;
    ``locmem://`` is per process, for tools and tests only.
    """
    parsed = urlparse(cache_url)
    scheme = parsed.scheme
    if scheme == "db":
        table = unquote(parsed.netloc + parsed.path).strip("/")
        if not table:
            raise ImproperlyConfigured("CACHE_URL db:// needs a table name, e.g. db://vivier_cache")
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parsed.netloc or "vivier"}
    raise ImproperlyConfigured(f"CACHE_URL scheme {scheme!r} is not supported (db://, redis://, locmem://)")


def task_settings(task_backend: str) -> dict:
    backends = {
        "database": "django_tasks_db.DatabaseBackend",
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    }
    if task_backend not in backends:
        raise ImproperlyConfigured(f"TASK_BACKEND must be one of {sorted(backends)}, got {task_backend!r}")
    return {"default": {"BACKEND": backends[task_backend]}}
