import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.env import cache_settings, email_settings, haystack_connections, read_env, task_settings

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test process itself that must not leak into the interpreters started here.
LEAKY = {"DATABASE_URL", "SEARCH_URL", "EMAIL_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL",
         "TRUSTED_PROXIES"}


def clean_env(**extra: str) -> dict:
    return {**{k: v for k, v in os.environ.items() if k not in LEAKY}, **extra}


def settings_in_subprocess(module: str, **env: str) -> dict:
    """Import a settings module in a fresh interpreter with the given environment."""
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'],"
        " 'db_name': str(settings.DATABASES['default']['NAME']),"
        " 'search': settings.HAYSTACK_CONNECTIONS['default'],"
        " 'email': settings.EMAIL_BACKEND, 'tasks': settings.TASKS['default']['BACKEND'],"
        " 'media': str(settings.MEDIA_ROOT), 'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE,"
        " 'hosts': settings.ALLOWED_HOSTS, 'debug': settings.DEBUG}, default=str))"
    )
    full_env = clean_env(**env, DJANGO_SETTINGS_MODULE=module)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_defaults_are_embedded(tmp_path):
    conf = settings_in_subprocess("portal.settings.dev", VIVIER_VAR_DIR=str(tmp_path))
    assert conf["db"] == "django.db.backends.sqlite3"
    assert conf["db_name"] == str(tmp_path / "db.sqlite3")
    assert conf["search"]["ENGINE"] == "search.backends.xapian.CvthequeXapianEngine"
    assert conf["search"]["PATH"] == str(tmp_path / "xapian")
    assert conf["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert conf["tasks"] == "django_tasks_db.DatabaseBackend"
    assert conf["media"] == str(tmp_path / "media")
    assert (conf["lang"], conf["tz"]) == ("fr", "Europe/Paris")


def test_environment_selects_scale_out_services(tmp_path):
    conf = settings_in_subprocess(
        "portal.settings.dev",
        DATABASE_URL="postgres://vivier:secret@db.internal:5432/vivier",
        SEARCH_URL="elasticsearch://search.internal:9200/profiles",
        EMAIL_URL="smtp://mailer:pw@smtp.internal:587?tls=1",
        MEDIA_ROOT=str(tmp_path / "m"),
        ALLOWED_HOSTS="emploi.example.fr,www.emploi.example.fr",
    )
    assert conf["db"] == "django.db.backends.postgresql"
    assert conf["db_name"] == "vivier"
    assert conf["search"]["ENGINE"].endswith("Elasticsearch7SearchEngine")
    assert conf["search"]["URL"] == "http://search.internal:9200/"
    assert conf["search"]["INDEX_NAME"] == "profiles"
    assert conf["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert conf["media"] == str(tmp_path / "m")
    assert conf["hosts"] == ["emploi.example.fr", "www.emploi.example.fr"]


def test_production_refuses_the_development_secret_key():
    code = "import django; django.setup()"
    env = clean_env(DJANGO_SETTINGS_MODULE="portal.settings.production")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode != 0
    assert "SECRET_KEY" in out.stderr


def test_production_passes_deploy_checks(tmp_path):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x7Gq2-" + "k" * 30 + "Zp9!vB3#mW8$rT5&yL1*",
        ALLOWED_HOSTS="emploi.example.fr",
        VIVIER_VAR_DIR=str(tmp_path),
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_search_url_variants():
    assert haystack_connections("xapian:///srv/idx")["default"]["PATH"] == "/srv/idx"
    es = haystack_connections("elasticsearchs://u:p%40ss@es.example:9243/cv")["default"]
    assert es["URL"] == "https://u:p@ss@es.example:9243/"
    assert es["INDEX_NAME"] == "cv"
    with pytest.raises(ImproperlyConfigured):
        haystack_connections("solr://localhost")


def test_email_and_task_variants():
    assert email_settings("smtps://a:b@mail.example")["EMAIL_PORT"] == 465
    assert email_settings("smtp://mail.example:587?tls=1")["EMAIL_USE_TLS"] is True
    with pytest.raises(ImproperlyConfigured):
        email_settings("ftp://x")
    assert task_settings("immediate")["default"]["BACKEND"].endswith("ImmediateBackend")
    with pytest.raises(ImproperlyConfigured):
        task_settings("celery")


def test_offer_index_follows_the_search_engine():
    from portal.settings.env import haystack_offer_connection

    xapian = haystack_offer_connection(haystack_connections("xapian:///srv/idx")["default"])
    assert xapian == {"ENGINE": "xapian_backend.XapianEngine", "PATH": "/srv/idx-offers"}
    es = haystack_offer_connection(haystack_connections("elasticsearch://es:9200/cv")["default"])
    assert es["ENGINE"] == "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine"
    assert (es["URL"], es["INDEX_NAME"]) == ("http://es:9200/", "cv-offers")


def test_cache_url_variants():
    assert cache_settings("db://vivier_cache") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vivier_cache",
    }
    assert cache_settings("redis://cache.internal:6379/1")["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache_settings("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    for bad in ["db://", "memcached://cache:11211"]:
        with pytest.raises(ImproperlyConfigured):
            cache_settings(bad)


def test_trusted_proxies_are_checked_networks(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert read_env().trusted_proxies == []
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8 ,::1,192.168.1.7/24")
    assert read_env().trusted_proxies == ["127.0.0.1/32", "10.0.0.0/8", "::1/128", "192.168.1.0/24"]
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8,proxy.internal")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        read_env()
